import { ENABLEDRM } from '../../charts/enabledrm';
import { PRODUCTION_GATEWAY } from '../../environments/production-gateway';
import { find, LOCAL, podSpec, PRODUCTION, synthStack } from '../util';
import { summarize } from './summary';

describe('enabledrm (seed 002)', () => {
  const prod = summarize('enabledrm', PRODUCTION);
  const local = summarize('enabledrm', LOCAL);

  test('has every seed service: frontend, backend, monitor, celery worker and beat, PostgreSQL, Redis', () => {
    expect(prod.objects.filter(o => /^(Deployment|StatefulSet)\//.test(o))).toEqual([
      'Deployment/backend', 'Deployment/celery-beat', 'Deployment/celery-worker', 'Deployment/frontend', 'Deployment/monitor',
      'StatefulSet/postgres', 'StatefulSet/redis',
    ]);
    expect(prod.services).toEqual({
      frontend: ['http:3000->3000'], backend: ['http:8000->8000'], monitor: ['http:9000->9000'],
      postgres: ['postgres:5432->5432'], redis: ['redis:6379->6379'],
    });
  });

  test('routes /, /api and /monitor', () => {
    expect(prod.routes).toEqual({
      web: 'enabledrm.example.com/ -> frontend:3000',
      api: 'enabledrm.example.com/api -> backend:8000',
      monitor: 'enabledrm.example.com/monitor(/|$)(.*) -> monitor:9000',
    });
  });

  test('serves the monitor\'s root at /monitor: rewritten by ingress-nginx and by Gateway API, listed as not enforced on kind', () => {
    const monitor = find(synthStack(ENABLEDRM, PRODUCTION), 'Ingress', 'monitor');
    expect(monitor.metadata.annotations).toMatchObject({ 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' });
    expect(monitor.spec.rules[0].http.paths[0]).toMatchObject({ path: '/monitor(/|$)(.*)', pathType: 'ImplementationSpecific' });
    const rule = find(synthStack(ENABLEDRM, PRODUCTION_GATEWAY), 'HTTPRoute', 'web').spec.rules.find((r: any) => r.name === 'monitor');
    expect(rule.filters).toEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }]);
    const local = find(synthStack(ENABLEDRM, LOCAL), 'Ingress', 'monitor');
    expect(local.metadata.annotations['stackport.io/not-enforced']).toBe('rewrite of /monitor to /');
    expect(local.spec.rules[0].http.paths[0]).toMatchObject({ path: '/monitor', pathType: 'Prefix' });
  });

  test('runs the Vite dev server on a writable root filesystem in development only, and production\'s static server read-only', () => {
    const container = (profile: typeof PRODUCTION) => podSpec(find(synthStack(ENABLEDRM, profile), 'Deployment', 'frontend')).containers[0];
    expect(container(LOCAL).securityContext.readOnlyRootFilesystem).toBe(false);
    expect(container(PRODUCTION).securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container(PRODUCTION).volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp']);
  });

  test('logs at debug in development: Celery worker and beat, and the backend\'s uvicorn', () => {
    const args = (profile: typeof PRODUCTION, name: string) => podSpec(find(synthStack(ENABLEDRM, profile), 'Deployment', name)).containers[0].args;
    for (const name of ['celery-worker', 'celery-beat']) {
      expect(args(LOCAL, name)).toContain('--loglevel=debug');
      expect(args(PRODUCTION, name)).toContain('--loglevel=info');
    }
    expect(find(synthStack(ENABLEDRM, LOCAL), 'ConfigMap', 'backend-env').data.UVICORN_LOG_LEVEL).toBe('debug');
    expect(find(synthStack(ENABLEDRM, PRODUCTION), 'ConfigMap', 'backend-env').data.UVICORN_LOG_LEVEL).toBeUndefined();
  });

  test('scales the backend 2-4 and the worker 2-8 by HPA and keeps beat a singleton', () => {
    expect(prod.replicas).toEqual({ frontend: 1, backend: 'hpa 2-4', monitor: 1, 'celery-worker': 'hpa 2-8', 'celery-beat': 1 });
    expect(prod.objects).toEqual(expect.arrayContaining(['PodDisruptionBudget/backend', 'PodDisruptionBudget/celery-worker']));
    expect(prod.objects).not.toContain('PodDisruptionBudget/celery-beat');
    expect(local.replicas).toEqual({ frontend: 1, backend: 1, monitor: 1, 'celery-worker': 1, 'celery-beat': 1 });
  });

  test('starts the backend and workers after their stores are healthy, the worker also after the backend', () => {
    expect(prod.waits).toEqual({
      backend: ['postgres:5432', 'redis:6379'],
      'celery-worker': ['postgres:5432', 'redis:6379', 'http://backend:8000/health'],
      'celery-beat': ['postgres:5432', 'redis:6379'],
    });
  });

  test('checks each service as the seed lists (Redis with a ping that writes nothing), and beat by its schedule file', () => {
    expect(prod.probes).toEqual({
      frontend: 'GET :3000/ every 30s timeout 10s x3',
      backend: 'GET :8000/health every 30s timeout 10s x3',
      monitor: 'GET :9000/status every 30s timeout 10s x3',
      'celery-worker': 'exec sh -c celery -A app.celery_app inspect ping -d "celery@$HOSTNAME" --timeout 20 every 60s timeout 30s x3',
      'celery-beat': "exec python -c import glob, os, sys, time; sys.exit(0 if any(time.time() - os.path.getmtime(f) < 900 for f in glob.glob('/tmp/celerybeat-schedule*')) else 1) every 60s timeout 10s x3",
      postgres: 'exec sh -c pg_isready -h 127.0.0.1 -p 5432 -U "$POSTGRES_USER" -d "$POSTGRES_DB" every 10s timeout 5s x5',
      redis: "exec sh -c redis-cli -p 6379 ping 2>&1 | grep -qE 'PONG|NOAUTH' every 10s timeout 3s x5",
    });
  });

  test('restarts celery-worker only when its process exits (its check goes through Redis), and beat when its schedule file goes stale', () => {
    const objects = synthStack(ENABLEDRM, PRODUCTION);
    const worker = podSpec(find(objects, 'Deployment', 'celery-worker')).containers[0];
    expect(worker.readinessProbe.exec.command[2]).toContain('inspect ping');
    expect(worker.livenessProbe).toBeUndefined();
    const beat = podSpec(find(objects, 'Deployment', 'celery-beat')).containers[0];
    expect(beat.livenessProbe).toEqual(beat.readinessProbe);
    expect(beat.livenessProbe.exec.command.slice(0, 2)).toEqual(['python', '-c']);
    expect(beat.livenessProbe.exec.command[2]).toContain("glob.glob('/tmp/celerybeat-schedule*')");
    expect(beat.args).toContain('/tmp/celerybeat-schedule');
  });

  test('gives the monitor a ServiceAccount and a read-only Role instead of the Docker socket', () => {
    expect(prod.objects).toEqual(expect.arrayContaining(['ServiceAccount/monitor', 'Role/monitor-reader', 'RoleBinding/monitor-reader']));
  });

  test('the worker processes uploaded files: it mounts the backend\'s uploads volume', () => {
    const worker = podSpec(find(synthStack(ENABLEDRM, PRODUCTION), 'Deployment', 'celery-worker'));
    expect(worker.containers[0].volumeMounts).toEqual(expect.arrayContaining([expect.objectContaining({ mountPath: '/app/uploads', readOnly: false })]));
    expect(worker.volumes).toEqual(expect.arrayContaining([expect.objectContaining({ persistentVolumeClaim: { claimName: 'uploads', readOnly: false } })]));
  });

  test('passes the .env files\' database settings, with the development database name locally', () => {
    expect(find(synthStack(ENABLEDRM, PRODUCTION), 'ConfigMap', 'backend-env').data).toMatchObject({ POSTGRES_DB: 'enabledrm', POSTGRES_USER: 'enabledrm' });
    expect(find(synthStack(ENABLEDRM, LOCAL), 'ConfigMap', 'celery-worker-env').data).toMatchObject({ POSTGRES_DB: 'enabledrm_dev', POSTGRES_USER: 'enabledrm' });
  });
});
