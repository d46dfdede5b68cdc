import { LOC8 } from '../../charts/loc8';
import { PRODUCTION_GATEWAY } from '../../environments/production-gateway';
import { all, find, LOCAL, podSpec, PRODUCTION, synthStack } from '../util';
import { summarize } from './summary';

describe('loc8 (seed 001)', () => {
  const prod = summarize('loc8', PRODUCTION);
  const local = summarize('loc8', LOCAL);

  test('serves the frontend on the seed port 3000 from the production image on 80, and the backend on 8000', () => {
    expect(prod.services).toEqual({ frontend: ['http:3000->80'], backend: ['http:8000->8000'] });
  });

  test('routes /, /api, /docs, /openapi.json and /health', () => {
    expect(prod.routes).toEqual({
      web: 'loc8.example.com/ -> frontend:3000',
      api: 'loc8.example.com/api -> backend:8000',
      docs: 'loc8.example.com/docs -> backend:8000',
      openapi: 'loc8.example.com/openapi.json -> backend:8000',
      health: 'loc8.example.com/health(/|$)(.*) -> backend:8000',
    });
  });

  test('answers /health with the backend\'s /docs, its own check, with ingress-nginx and Gateway API', () => {
    const health = find(synthStack(LOC8, PRODUCTION), 'Ingress', 'health');
    expect(health.metadata.annotations['nginx.ingress.kubernetes.io/rewrite-target']).toBe('/docs$1$2');
    const rule = find(synthStack(LOC8, PRODUCTION_GATEWAY), 'HTTPRoute', 'web').spec.rules.find((r: any) => r.name === 'health');
    expect(rule.filters[0]).toEqual({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/docs' } } });
  });

  test('sets security headers in production where the controller allows them, and asks for gzip of the API\'s JSON', () => {
    const prodObjects = synthStack(LOC8, PRODUCTION);
    expect(find(prodObjects, 'ConfigMap', 'response-headers').data).toEqual({
      'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', 'X-XSS-Protection': '0',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    });
    expect(find(prodObjects, 'Ingress', 'api').metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/custom-headers': 'loc8/response-headers',
      'stackport.io/not-enforced': 'gzip of application/json from 1024 bytes, with Vary',
    });
    const policies = all(synthStack(LOC8, PRODUCTION_GATEWAY), 'BackendTrafficPolicy');
    expect(policies.map(p => p.spec.compressor)).toEqual(Array(5).fill([{ type: 'Gzip', minContentLength: 1024 }]));
  });

  test('keeps the seed\'s limits and requests less, as compose reserved nothing: 250m per backend, 50m and 64Mi for the frontend', () => {
    const objects = synthStack(LOC8, PRODUCTION);
    const resources = (name: string) => podSpec(find(objects, 'Deployment', name)).containers[0].resources;
    expect(resources('backend')).toEqual({ limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '250m', memory: '512Mi' } });
    expect(resources('frontend')).toEqual({ limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '50m', memory: '64Mi' } });
  });

  test('checks the backend on /docs and the frontend on /', () => {
    expect(prod.probes).toEqual({ backend: 'GET :8000/docs every 30s timeout 10s x3', frontend: 'GET :80/ every 30s timeout 10s x3' });
  });

  test('scales the backend to 3 in production and 1 locally', () => {
    expect(prod.replicas).toEqual({ backend: 3, frontend: 1 });
    expect(local.replicas).toEqual({ backend: 1, frontend: 1 });
    expect(prod.objects).toContain('PodDisruptionBudget/backend');
  });

  test('leaves PostgreSQL and Redis out by default, as the seed does', () => {
    expect(prod.objects.filter(o => o.startsWith('StatefulSet/'))).toEqual([]);
    expect(prod.waits).toEqual({});
  });

  test('adds PostgreSQL and Redis, and makes the backend wait for them, when switched on', () => {
    const on = summarize('loc8', PRODUCTION, { postgres: true, redis: true });
    expect(on.objects.filter(o => o.startsWith('StatefulSet/'))).toEqual(['StatefulSet/postgres', 'StatefulSet/redis']);
    expect(on.waits).toEqual({ backend: ['postgres:5432', 'redis:6379'] });
  });
});
