import { TASK_APP } from '../../charts/task-app';
import { find, LOCAL, podSpec, PRODUCTION, synthStack } from '../util';
import { summarize } from './summary';

describe('task-app (seed 003)', () => {
  const prod = summarize('task-app', PRODUCTION);
  const local = summarize('task-app', LOCAL);

  test('has the seed services with their ports: db 5432, backend 5000, frontend 3000', () => {
    expect(prod.services).toEqual({ db: ['postgres:5432->5432'], backend: ['http:5000->5000'], frontend: ['http:3000->3000'] });
    expect(prod.objects.filter(o => /^(Deployment|StatefulSet)\//.test(o))).toEqual(['Deployment/backend', 'Deployment/frontend', 'StatefulSet/db']);
  });

  test('starts db -> backend -> frontend, each on the previous one being healthy', () => {
    expect(prod.waits).toEqual({ backend: ['db:5432'], frontend: ['http://backend:5000/api/health'] });
  });

  test('carries the three health checks over', () => {
    expect(prod.probes).toEqual({
      db: 'exec sh -c pg_isready -h 127.0.0.1 -p 5432 -U "$POSTGRES_USER" -d "$POSTGRES_DB" every 10s timeout 5s x5',
      backend: 'GET :5000/api/health every 30s timeout 10s x3',
      frontend: "exec node -e require('http').get('http://localhost:3000/api/health', (res) => { process.exit(res.statusCode === 200 ? 0 : 1) }) every 30s timeout 10s x3",
    });
  });

  test('checks the frontend on its own /api/health, for readiness and liveness alike (it asks nothing of the backend)', () => {
    const frontend = podSpec(find(synthStack(TASK_APP, PRODUCTION), 'Deployment', 'frontend')).containers[0];
    expect(frontend.readinessProbe.exec.command[2]).toContain('http://localhost:3000/api/health');
    expect(frontend.livenessProbe).toEqual(frontend.readinessProbe);
  });

  test('routes the site and the API, under *.localhost locally and the public domain in production', () => {
    expect(local.routes).toEqual({ web: 'task-app.localhost/ -> frontend:3000', api: 'api.task-app.localhost/api -> backend:5000' });
    expect(prod.routes).toEqual({ web: 'task-app.example.com/ -> frontend:3000', api: 'api.task-app.example.com/api -> backend:5000' });
  });

  test('runs one replica of each', () => {
    expect(prod.replicas).toEqual({ backend: 1, frontend: 1 });
    expect(local.replicas).toEqual({ backend: 1, frontend: 1 });
  });

  test('reads its Secret from the external store in production only', () => {
    expect(prod.objects).toContain('ExternalSecret/task-app-secrets');
    expect(local.objects.filter(o => o.startsWith('ExternalSecret/'))).toEqual([]);
  });
});
