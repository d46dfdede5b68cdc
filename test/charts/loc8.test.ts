import { LOCAL, PRODUCTION } from '../util';
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
      health: 'loc8.example.com/health -> backend:8000',
    });
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
