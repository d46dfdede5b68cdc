/**
 * LOC8: ../shared/seeds/001_f5e4539de510f231.txt (production and development
 * containers, nginx routes, scaling and resource notes).
 *
 * Deliberate deviations:
 * - The nginx proxy is not deployed; its routes (/, /api, /docs, /health) are
 *   Ingress rules, plus /openapi.json, which the /docs page loads and which the
 *   proxy's route list left to the frontend by mistake.
 * - The frontend Service keeps the seed's port 3000 and sends it to the
 *   production image's nginx on 80.
 * - PostgreSQL and Redis are the seed's optional add-ons: options `postgres`
 *   and `redis`, off by default. Redis gets a password, and a ping as its
 *   check (the seed names none; a ping writes nothing).
 * - Development source mounts and Vite/uvicorn reloaders are compose-only
 *   conveniences; clusters run the production images in both profiles and
 *   keep the development differences the seed lists (DEBUG, CORS).
 *   CORS_ORIGINS is this chart's name for the seed's "restricted CORS (only
 *   your domain)": rename it to the variable the backend reads.
 * - The proxy's rate limiting and CORS are named without values, so neither is
 *   set on the Ingresses. If the frontend image's nginx.conf limits requests
 *   per client address, it now sees the ingress controller's address for
 *   every client: limit on the Ingress (`rateLimit`) instead.
 * - Security headers: .env.prod asks for them without values, so the four a
 *   production controller may set (`allowedResponseHeaders`) get today's
 *   usual values: no framing (DENY), nosniff, HSTS for a year on the stack's
 *   hosts, and X-XSS-Protection 0, which switches off the XSS filter that
 *   browsers dropped (OWASP). Check that no page of loc8 is meant to be
 *   shown in a frame of another site, and that every loc8.<domain> host is
 *   HTTPS-only. Locally they are listed as not enforced (plain HTTP).
 * - gzip ("enabled for all responses"): the frontend image's nginx compresses
 *   the static files it serves, as its Dockerfile says; the proxy's share is
 *   the backend's JSON, which the routes ask for (`proxy.gzip`, from 1 KiB).
 *   Envoy Gateway compresses it; ingress-nginx only controller-wide
 *   (`use-gzip`, docs/deploying.md), so the Ingresses list it as not enforced.
 * - The backend's health check is /docs, as the seed's. The proxy's /health
 *   ("health check endpoint"; nginx itself is checked "implicitly, part of
 *   routing") has no handler the seed names, so it is rewritten to the
 *   backend's /docs: an external monitor's GET /health answers 200 exactly
 *   when the backend's own check passes. On kind (cloud-provider-kind) the
 *   rewrite is listed as not enforced and /health reaches the backend as
 *   it is. If the backend serves /health itself, drop `rewrite`.
 * - The frontend pod calls the backend: the seed's "Frontend can call Backend
 *   via http://backend:8000/api (inside container)" is its nginx.conf
 *   ("routing"), not the browser, which uses the relative /api. Its
 *   NetworkPolicy lets it reach backend:8000.
 * - Resources: compose set limits (1 CPU, 512MB each) and no reservations,
 *   so it reserved nothing. The limits stay; requests are what the pods use
 *   at rest: 250m per backend (three: 750m, not 3 CPUs) and 50m and 64Mi for
 *   the frontend's nginx. The backend requests all of its 512Mi: four
 *   gunicorn workers use most of it, and memory is not throttled but killed.
 * - The optional production volumes: `ssl` is replaced by cert-manager;
 *   `backend_data` (logs, cache) and `frontend_data` are not created: logs go
 *   to stdout and gunicorn's /tmp is an emptyDir; add a volume if the backend
 *   keeps a cache on disk.
 * - VITE_API_BASE_URL is compiled into the bundle when the image is built: the
 *   CI passes it as a build argument (docs/stacks.md, build-argument table).
 */
import { NGINX_USER, NGINX_WRITABLE_PATHS, postgres, postgresUrl, redis, redisUrl } from '../lib/catalog';
import { StackSpec } from '../lib/spec/types';

export const LOC8: StackSpec = {
  name: 'loc8',
  source: '001_f5e4539de510f231.txt',
  description: 'Vite frontend behind nginx, FastAPI backend on gunicorn (3 replicas), optional PostgreSQL and Redis',
  options: { postgres: false, redis: false },
  secrets: [
    { key: 'secret-key', description: 'backend SECRET_KEY', generate: 'hex32' },
    { key: 'postgres-password', description: 'password of PostgreSQL user loc8 (option postgres)' },
    { key: 'redis-password', description: 'Redis requirepass (option redis)' },
  ],
  proxy: {
    responseHeaders: {
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'X-XSS-Protection': '0',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    },
    gzip: { minLengthBytes: 1024, types: ['application/json'] },
  },
  routes: [
    { name: 'web', path: '/', service: 'frontend' },
    { name: 'api', path: '/api', service: 'backend' },
    { name: 'docs', path: '/docs', service: 'backend' },
    { name: 'openapi', path: '/openapi.json', service: 'backend' },
    { name: 'health', path: '/health', service: 'backend', rewrite: '/docs' },
  ],
  services: [
    {
      kind: 'web',
      name: 'frontend',
      image: { build: 'frontend' },
      ports: [{ name: 'http', port: 3000, targetPort: 80 }],
      env: { VITE_API_BASE_URL: '/api' },
      // Its nginx.conf proxies to http://backend:8000/api (header).
      connectsTo: ['backend'],
      user: NGINX_USER,
      writablePaths: NGINX_WRITABLE_PATHS,
      healthcheck: { test: { httpGet: '/' }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3 },
      resources: { cpu: '50m', memory: '512Mi', memoryRequest: '64Mi', cpuLimit: '1' },
    },
    {
      kind: 'web',
      name: 'backend',
      // The production image's CMD: gunicorn, 4 gevent workers on 0.0.0.0:8000.
      image: { build: 'backend' },
      ports: [{ name: 'http', port: 8000 }],
      env: {
        PYTHONUNBUFFERED: '1',
        DEBUG: 'false',
        SECRET_KEY: { secret: 'secret-key' },
        CORS_ORIGINS: { publicUrl: '' },
      },
      envByStage: { development: { DEBUG: 'true', CORS_ORIGINS: '*' } },
      envByOption: {
        postgres: { POSTGRES_PASSWORD: { secret: 'postgres-password' }, DATABASE_URL: { expand: postgresUrl('loc8', 'postgres', 'loc8') } },
        redis: { REDIS_PASSWORD: { secret: 'redis-password' }, REDIS_URL: { expand: redisUrl(0) } },
      },
      dependsOn: [{ service: 'postgres', condition: 'healthy' }, { service: 'redis', condition: 'healthy' }],
      // appuser, as the production Dockerfile creates it.
      user: { uid: 1000, gid: 1000 },
      // gunicorn keeps its worker heartbeat files in /tmp.
      writablePaths: ['/tmp'],
      healthcheck: { test: { httpGet: '/docs' }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3 },
      scaling: { replicas: 3 },
      resources: { cpu: '250m', memory: '512Mi', cpuLimit: '1' },
    },
    postgres({ flavour: 'alpine', option: 'postgres', database: 'loc8', user: 'loc8', passwordKey: 'postgres-password' }),
    redis({ option: 'redis', passwordKey: 'redis-password' }),
  ],
};
