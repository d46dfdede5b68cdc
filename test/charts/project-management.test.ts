import { PROJECT_MANAGEMENT as PM } from '../../charts/project-management';
import { GKE } from '../../environments/gke';
import { PRODUCTION_GATEWAY } from '../../environments/production-gateway';
import { IngressRouting, Profile } from '../../lib/profiles/profile';
import { all, find, LOCAL, podSpec, PRODUCTION, synthStack, withIngress } from '../util';
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

  /** A container's environment as Kubernetes resolves it: its ConfigMap's data, then its own variables. */
  function resolvedEnv(objects: any[], container: any): Record<string, unknown> {
    const fromConfigMaps = (container.envFrom ?? []).map((e: any) => find(objects, 'ConfigMap', e.configMapRef.name).data);
    const own = Object.fromEntries((container.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]));
    return Object.assign({}, ...fromConfigMaps, own);
  }

  test.each([['production', PRODUCTION], ['local', LOCAL]] as Array<[string, Profile]>)(
    'the migration Job (and the backend\'s wait for it) get the backend\'s whole environment in %s, as start.sh ran alembic inside the backend', (_, profile) => {
      const objects = synthStack(PM, profile);
      const backend = podSpec(find(objects, 'Deployment', 'backend'));
      const migrate = podSpec(all(objects, 'Job').find(j => j.metadata.name.startsWith('migrate-')));
      const backendEnv = resolvedEnv(objects, backend.containers[0]);
      expect(Object.keys(backendEnv)).toEqual(expect.arrayContaining(['SECRET_KEY', 'REDIS_URL', 'KEYCLOAK_CLIENT_SECRET', 'DATABASE_URL']));
      expect(resolvedEnv(objects, migrate.containers[0])).toEqual(backendEnv);
      const wait = backend.initContainers.find((c: any) => c.name === 'wait-for-migrate');
      expect(resolvedEnv(objects, wait)).toEqual(backendEnv);
    });

  test('sets the security headers through ingress-nginx custom-headers where the controller allows them, else lists them as not enforced', () => {
    const objects = synthStack(PM, PRODUCTION);
    expect(find(objects, 'ConfigMap', 'response-headers').data).toEqual({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'X-XSS-Protection': '1; mode=block',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    });
    for (const ingress of all(objects, 'Ingress')) {
      expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/custom-headers']).toBe('project-management/response-headers');
      expect(ingress.metadata.annotations['stackport.io/not-enforced']).not.toContain('response header');
    }
    const local = synthStack(PM, LOCAL);
    expect(all(local, 'ConfigMap').map(c => c.metadata.name)).not.toContain('response-headers');
    expect(find(local, 'Ingress', 'app').metadata.annotations['stackport.io/not-enforced']).toBe([
      'response header X-Frame-Options: DENY', 'response header X-Content-Type-Options: nosniff',
      'response header X-XSS-Protection: 1; mode=block', 'response header Strict-Transport-Security: max-age=31536000; includeSubDomains',
      'gzip of text/plain text/css text/xml text/javascript application/javascript application/xml+rss application/json from 1024 bytes, with Vary',
    ].join('; '));
  });

  test.each([['ingress-nginx'], ['none']] as Array<[IngressRouting['annotations']]>)('lists gzip as not enforced on every Ingress with %s annotations', dialect => {
    for (const ingress of all(synthStack(PM, withIngress(PRODUCTION, { annotations: dialect })), 'Ingress')) {
      expect(ingress.metadata.annotations['stackport.io/not-enforced']).toContain(
        'gzip of text/plain text/css text/xml text/javascript application/javascript application/xml+rss application/json from 1024 bytes, with Vary');
    }
  });

  test('carries Keycloak\'s proxy buffers, and says which part ingress-nginx cannot size', () => {
    const auth = find(synthStack(PM, PRODUCTION), 'Ingress', 'auth').metadata.annotations;
    expect(auth).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-buffer-size': '128k',
      'nginx.ingress.kubernetes.io/proxy-buffers-number': '4',
      'nginx.ingress.kubernetes.io/proxy-busy-buffers-size': '256k',
    });
    expect(auth['stackport.io/not-enforced']).toContain('proxy buffers of 256k each (ingress-nginx sizes its 4 buffers at proxy-buffer-size 128k)');
    const generic = find(synthStack(PM, withIngress(PRODUCTION, { annotations: 'none' })), 'Ingress', 'auth').metadata.annotations;
    expect(generic['stackport.io/not-enforced']).toContain('proxy buffer size 128k; proxy buffers 4 256k; proxy busy buffers 256k');
  });

  test('with the elk option, Logstash reads the backend\'s log volume with a pipeline from a ConfigMap', () => {
    const objects = synthStack(PM, PRODUCTION, { elk: true });
    const logstash = podSpec(find(objects, 'Deployment', 'logstash'));
    expect(logstash.containers[0].volumeMounts).toEqual(expect.arrayContaining([
      { mountPath: '/usr/share/logstash/pipeline', name: 'files', readOnly: true },
      expect.objectContaining({ mountPath: '/app/logs', readOnly: true }),
    ]));
    expect(find(objects, 'ConfigMap', 'logstash-files').data['logstash.conf']).toContain('path => "/app/logs/*.log"');
    const backendMounts = podSpec(find(objects, 'Deployment', 'backend')).containers[0].volumeMounts;
    expect(backendMounts).toEqual(expect.arrayContaining([expect.objectContaining({ mountPath: '/app/logs' })]));
    expect(find(objects, 'PersistentVolumeClaim', 'logs').spec.accessModes).toEqual(['ReadWriteMany']);
  });

  test('with Gateway API, an HTTPRoute per host carries every seed route, its timeout and the security headers', () => {
    const objects = synthStack(PM, PRODUCTION_GATEWAY);
    const rules = Object.fromEntries(all(objects, 'HTTPRoute').filter(r => r.metadata.name !== 'https-redirect').flatMap(r => r.spec.rules.map((rule: any) =>
      [rule.name, `${r.spec.hostnames[0]}${rule.matches[0].path.value} -> ${rule.backendRefs[0].name}:${rule.backendRefs[0].port}${rule.timeouts === undefined ? '' : ` (${rule.timeouts.request})`}`])));
    expect(rules).toEqual({
      'app': 'app.project-management.example.com/ -> frontend:80',
      'app-api': 'app.project-management.example.com/api -> backend:8000 (60s)',
      'app-ws': 'app.project-management.example.com/ws -> backend:8000',
      'auth': 'auth.project-management.example.com/ -> keycloak:8080',
    });
    for (const route of all(objects, 'HTTPRoute').filter(r => r.metadata.name !== 'https-redirect')) {
      for (const rule of route.spec.rules) {
        expect(rule.filters[0].responseHeaderModifier.set.map((h: any) => h.name)).toEqual(
          ['X-Frame-Options', 'X-Content-Type-Options', 'X-XSS-Protection', 'Strict-Transport-Security']);
      }
    }
  });

  test('with Envoy Gateway, 10 r/s on /api and 5 r/s on auth per client, and 10M bodies', () => {
    const objects = synthStack(PM, PRODUCTION_GATEWAY);
    const limit = (name: string) => find(objects, 'BackendTrafficPolicy', name).spec.rateLimit?.local.rules.map((r: any) => `${r.limit.requests}/${r.limit.unit}`);
    expect([limit('app-api'), limit('auth'), limit('app')]).toEqual([['10/Second', '10/Second'], ['5/Second', '5/Second'], undefined]);
    expect(find(objects, 'BackendTrafficPolicy', 'app-api').spec.requestBuffer).toEqual({ limit: '10Mi' });
    expect(find(objects, 'BackendTrafficPolicy', 'auth').spec.connection).toEqual({ bufferLimit: '1024Ki' });
    expect(find(objects, 'HTTPRoute', 'app').metadata.annotations['stackport.io/not-enforced']).toContain('app-api: burst 20 (Envoy Gateway allows 10 at once)');
    expect(find(objects, 'HTTPRoute', 'auth').metadata.annotations['stackport.io/not-enforced']).toContain('burst 10 (Envoy Gateway allows 5 at once)');
  });

  test.each([['production-gateway', PRODUCTION_GATEWAY], ['gke', GKE]] as Array<[string, Profile]>)('gzip in %s: carried by Envoy Gateway or listed as not enforced', (name, profile) => {
    const objects = synthStack(PM, profile);
    const compressors = all(objects, 'BackendTrafficPolicy').map(p => p.spec.compressor);
    const note = find(objects, 'HTTPRoute', 'app').metadata.annotations['stackport.io/not-enforced'];
    if (name === 'gke') {
      expect(compressors).toEqual([]);
      expect(note).toContain('gzip of text/plain text/css text/xml text/javascript application/javascript application/xml+rss application/json from 1024 bytes, with Vary');
    } else {
      expect(new Set(compressors.map(c => JSON.stringify(c)))).toEqual(new Set([JSON.stringify([{ minContentLength: 1024, type: 'Gzip' }])]));
      expect(note).toContain('gzip types text/plain text/css');
    }
  });
});
