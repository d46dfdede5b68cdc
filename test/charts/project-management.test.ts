import { LOCAL, PRODUCTION } from '../util';
import { summarize } from './summary';

describe('project-management (seed 000)', () => {
  const prod = summarize('project-management', PRODUCTION);
  const local = summarize('project-management', LOCAL);

  test('has the seed services; MailHog only locally; the nginx proxy becomes Ingresses', () => {
    expect(prod.objects.filter(o => /^(Deployment|StatefulSet|Job|CronJob)\//.test(o)).map(o => o.replace(/-[0-9a-f]{8}$/, '-<hash>'))).toEqual([
      'CronJob/backup', 'Deployment/backend', 'Deployment/frontend', 'Deployment/keycloak', 'Job/migrate-<hash>', 'StatefulSet/postgres', 'StatefulSet/redis',
    ]);
    expect(local.objects).toContain('Deployment/mailhog');
    expect(local.services.mailhog).toEqual(['smtp:1025->1025', 'http:8025->8025']);
    expect(prod.objects.filter(o => o.includes('nginx'))).toEqual([]);
  });

  test('routes app.* (/, /api, /ws) and auth.* as the nginx sites did', () => {
    expect(prod.routes).toEqual({
      'app': 'app.project-management.example.com/ -> frontend:80',
      'app-api': 'app.project-management.example.com/api -> backend:8000',
      'app-ws': 'app.project-management.example.com/ws -> backend:8000',
      'auth': 'auth.project-management.example.com/ -> keycloak:8080',
    });
    expect(local.routes.mail).toBe('mail.project-management.localhost/ -> mailhog:8025');
  });

  test('starts the backend after PostgreSQL, Redis and Keycloak are healthy and the migration is done, Keycloak after PostgreSQL', () => {
    expect(prod.waits).toEqual({
      backend: ['postgres:5432', 'redis:6379', 'http://keycloak:9000/health/ready', 'migrate'],
      migrate: ['postgres:5432'],
      keycloak: ['postgres:5432'],
      backup: ['postgres:5432'],
    });
  });

  test('carries the compose health checks over with their timings', () => {
    expect(prod.probes).toEqual({
      frontend: 'GET :80/ every 10s timeout 3s x3',
      backend: 'GET :8000/health every 30s timeout 10s x3',
      postgres: 'exec sh -c pg_isready -h 127.0.0.1 -p 5432 -U "$POSTGRES_USER" -d "$POSTGRES_DB" every 10s timeout 5s x5',
      redis: 'exec redis-cli --raw incr ping every 10s timeout 3s x5',
      keycloak: 'GET :9000/health/ready every 30s timeout 10s x3',
    });
  });

  test('adds Elasticsearch, Logstash and Kibana only when the elk option is on', () => {
    expect(prod.objects.filter(o => /elasticsearch|logstash|kibana/.test(o))).toEqual([]);
    const elk = summarize('project-management', PRODUCTION, { elk: true });
    expect(elk.objects.filter(o => /^(Deployment|StatefulSet)\/(elasticsearch|logstash|kibana)$/.test(o))).toEqual([
      'Deployment/kibana', 'Deployment/logstash', 'StatefulSet/elasticsearch']);
  });
});
