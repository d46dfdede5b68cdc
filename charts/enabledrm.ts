/**
 * ENABLEDRM: ../shared/seeds/002_611dd5e5667c8328.txt (container
 * specifications, .env.dev and .env.prod, health checks, scaling strategy).
 *
 * Deliberate deviations:
 * - The nginx proxy is not deployed; its routes (/, /api, /monitor) are
 *   Ingress rules, and TLS comes from cert-manager instead of self-signed files.
 * - The monitor read container health through the Docker socket; here it reads
 *   pods through the Kubernetes API with its own ServiceAccount and a
 *   read-only Role on pods in its namespace and on their CPU and memory use
 *   (metrics.k8s.io, which metrics-server serves; none on kind unless
 *   installed). No runtime socket is mounted.
 * - "Alert system for failures", "resource usage tracking" and "response time
 *   monitoring" are alerts for the cluster's Prometheus Operator where the
 *   profile has one (none locally): no ready replica, restarts, CPU above the
 *   request, memory near the limit, and per route 5xx ratio and p95 response
 *   time, measured at the ingress controller or gateway because the seed shows
 *   no service with a /metrics endpoint (nothing is scraped). The thresholds
 *   are ours; the seed names none. Queue length is not watched: Celery's queue
 *   is a Redis list that only a Redis or Celery exporter would report.
 * - REDIS_URL carries a password: the seed's Redis had none.
 * - Celery's app module is `app.celery_app` (the seed does not name it):
 *   change the worker and beat arguments if the image differs.
 * - celery-beat keeps its schedule file in /tmp because the root filesystem is
 *   read-only; its liveness check is that file's heartbeat (beat writes it at
 *   least every few minutes while it ticks), so a hung scheduler is restarted.
 *   /tmp is an emptyDir, which lives as long as the pod: a container restart
 *   keeps the file, a new pod (rollout, eviction, node drain) starts without
 *   it, as compose's container did when it was recreated. Beat then counts
 *   every interval task as run at its start (the next run is one interval
 *   later) and skips crontab runs missed while it was down. Check the
 *   schedule: tasks on long intervals (daily reports) or that must not be
 *   skipped need persistent state, a volume for `--schedule` or a database
 *   scheduler.
 * - celery-worker's check (`inspect ping`) goes through Redis, so it is only its
 *   readiness: a broker outage must not restart every worker.
 * - /api passes through: the backend serves under /api (its docs at
 *   /api/docs, as the seed's https://localhost/api/docs). The monitor serves
 *   at / (its check is /status), so /monitor is rewritten to / as the seed's
 *   nginx must have done (`proxy_pass http://monitor:9000/`): check that the
 *   dashboard's links are relative, since an absolute /status leaves
 *   /monitor. On kind (cloud-provider-kind) the rewrite is listed as not
 *   enforced and /monitor reaches the monitor as it is.
 * - The backend's check is GET /health: the seed says "FastAPI health
 *   endpoint" without a path. celery-worker's wait for the backend uses it
 *   too. Check that the image answers 200 there without a token; otherwise
 *   change `healthcheck.test.httpGet`.
 * - The seed's development volumes (./frontend and ./backend over /app) and
 *   hot reload serve editing code in place, which a cluster does not: the
 *   pods run the built images in both stages, and the frontend's development
 *   image serves the source built into it.
 * - In development (local) the frontend's Vite dev server gets a writable
 *   root filesystem: Vite bundles vite.config.* into a temporary module at
 *   start, beside the config in /app before Vite 6 (React 18 projects mostly
 *   use 4 or 5) and under node_modules/.vite-temp from 6 on, and keeps its
 *   dependency cache in node_modules/.vite. An emptyDir over /app would hide
 *   the source, and `--configLoader runner`, which writes no file, needs
 *   Vite 6.1 and a command this chart does not know. Production's static
 *   server keeps a read-only root with /tmp.
 * - Debug logging in development, as the seed's scaling strategy asks:
 *   Celery worker and beat log at debug, and the backend's uvicorn through
 *   UVICORN_LOG_LEVEL (uvicorn's own variable; a --log-level in the image's
 *   command wins). The seed names no variable for the application's own
 *   loggers: it gets ENVIRONMENT=development, as .env.dev has it.
 * - Redis's check is the seed's `redis-cli ping` (the image catalog's ping,
 *   logged in with the password); unlike project-management's `incr ping`,
 *   it writes nothing into the application's database.
 * - The frontend image is assumed to serve on port 3000 itself, in both
 *   profiles. The seed runs the Vite dev server in development and says
 *   production's static files are served by nginx: build the production
 *   image with a static server on 3000 (Vite's dev server refuses Host
 *   headers it does not know unless `server.allowedHosts` lists the domain).
 *   REACT_APP_API_URL is compiled into the bundle when the image is built:
 *   the CI passes it as a build argument (docs/stacks.md, build-argument table).
 * - The services get POSTGRES_DB and POSTGRES_USER as .env has them, plus a
 *   DATABASE_URL (with the password from the Secret) for the application.
 * - The worker sends email (SMTP on 587 leaves the cluster) and processes
 *   uploaded files (it mounts the backend's `uploads` volume). It scales on
 *   CPU (2-8); the seed's "queue length monitoring" would need a queue-length
 *   metric (KEDA or an external metrics adapter), not part of this chart.
 * - The local profile is plain HTTP on enabledrm.localhost; the seed's
 *   development setup used self-signed HTTPS.
 * - The monitor reaches every other service of the stack, as the seed's
 *   "dependencies: all other services" says.
 * - "Volume encryption in production" is `encryptedVolumesIn`: synth refuses
 *   a production profile whose StorageClasses do not encrypt at rest
 *   (`volumesEncryptedAtRest`); local volumes are not encrypted.
 */
import { APP_USER, postgres, postgresUrl, redis, redisUrl } from '../lib/catalog';
import { EnvMap, ServiceSpecBase, StackSpec } from '../lib/spec/types';

/** The backend image's settings, shared by the API server, the worker and beat. */
const BACKEND_ENV: EnvMap = {
  POSTGRES_DB: 'enabledrm',
  POSTGRES_USER: 'enabledrm',
  POSTGRES_PASSWORD: { secret: 'postgres-password' },
  DATABASE_URL: { expand: postgresUrl('enabledrm', 'postgres', 'enabledrm') },
  REDIS_PASSWORD: { secret: 'redis-password' },
  REDIS_URL: { expand: redisUrl(0) },
  SECRET_KEY: { secret: 'secret-key' },
  JWT_SECRET_KEY: { secret: 'jwt-secret-key' },
  ENVIRONMENT: 'production',
};
/** Succeeds when celery beat wrote its schedule file (any dbm suffix) in the last 15 minutes. */
const BEAT_HEARTBEAT = "import glob, os, sys, time; sys.exit(0 if any(time.time() - os.path.getmtime(f) < 900 for f in glob.glob('/tmp/celerybeat-schedule*')) else 1)";
/** A Celery command of the backend image: debug logging in development, as the seed asks, info otherwise. */
function celery(command: 'worker' | 'beat', ...options: string[]): Pick<ServiceSpecBase, 'args' | 'argsByStage'> {
  const withLevel = (level: string) => ['celery', '-A', 'app.celery_app', command, `--loglevel=${level}`, ...options];
  return { args: withLevel('info'), argsByStage: { development: withLevel('debug') } };
}
const BACKEND_DEV_ENV: EnvMap = {
  POSTGRES_DB: 'enabledrm_dev',
  DATABASE_URL: { expand: postgresUrl('enabledrm', 'postgres', 'enabledrm_dev') },
  ENVIRONMENT: 'development',
};

export const ENABLEDRM: StackSpec = {
  name: 'enabledrm',
  source: '002_611dd5e5667c8328.txt',
  description: 'React frontend, FastAPI backend (2-4), monitor dashboard, Celery worker (2-8) and beat, PostgreSQL, Redis',
  encryptedVolumesIn: ['production'],
  secrets: [
    { key: 'postgres-password', description: 'password of PostgreSQL user enabledrm' },
    { key: 'redis-password', description: 'Redis requirepass' },
    { key: 'secret-key', description: 'backend SECRET_KEY', generate: 'hex32' },
    { key: 'jwt-secret-key', description: 'backend JWT_SECRET_KEY', generate: 'hex32' },
  ],
  routes: [
    { name: 'web', path: '/', service: 'frontend' },
    { name: 'api', path: '/api', service: 'backend' },
    { name: 'monitor', path: '/monitor', service: 'monitor', rewrite: '/' },
  ],
  services: [
    {
      kind: 'web',
      name: 'frontend',
      image: { build: 'frontend' },
      ports: [{ name: 'http', port: 3000 }],
      env: { REACT_APP_API_URL: { publicUrl: '', path: '/api' } },
      user: APP_USER,
      writablePaths: ['/tmp'],
      writableRootReasonByStage: {
        development: 'the Vite dev server writes its bundled config beside vite.config.* (before Vite 6) or in node_modules/.vite-temp, and its cache in node_modules/.vite',
      },
      healthcheck: { test: { httpGet: '/' }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3 },
      resources: { cpu: '100m', memory: '256Mi' },
    },
    {
      kind: 'web',
      name: 'backend',
      image: { build: 'backend' },
      ports: [{ name: 'http', port: 8000 }],
      env: BACKEND_ENV,
      envByStage: { development: { ...BACKEND_DEV_ENV, UVICORN_LOG_LEVEL: 'debug' } },
      dependsOn: [{ service: 'postgres', condition: 'healthy' }, { service: 'redis', condition: 'healthy' }],
      user: APP_USER,
      writablePaths: ['/tmp'],
      volumes: [{ name: 'uploads', mountPath: '/app/uploads', size: '10Gi', shared: true }],
      healthcheck: { test: { httpGet: '/health' }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3 },
      scaling: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 },
      resources: { cpu: '250m', memory: '512Mi' },
    },
    {
      kind: 'web',
      name: 'monitor',
      image: { build: 'monitor' },
      ports: [{ name: 'http', port: 9000 }],
      connectsTo: ['frontend', 'backend', 'postgres', 'redis'],
      user: APP_USER,
      writablePaths: ['/tmp'],
      healthcheck: { test: { httpGet: '/status' }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3 },
      apiAccess: [
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
        // Resource usage of the stack's containers (metrics-server serves no watch).
        { apiGroups: ['metrics.k8s.io'], resources: ['pods'], verbs: ['get', 'list'] },
      ],
      resources: { cpu: '50m', memory: '128Mi' },
    },
    {
      kind: 'worker',
      name: 'celery-worker',
      image: { build: 'backend' },
      // Prefork would start one process per node CPU (it ignores cgroup limits); scale with replicas instead.
      ...celery('worker', '--concurrency=2'),
      env: BACKEND_ENV,
      envByStage: { development: BACKEND_DEV_ENV },
      dependsOn: [
        { service: 'postgres', condition: 'healthy' },
        { service: 'redis', condition: 'healthy' },
        { service: 'backend', condition: 'healthy' },
      ],
      externalPorts: [587],
      user: APP_USER,
      writablePaths: ['/tmp'],
      mounts: [{ volume: 'uploads', mountPath: '/app/uploads' }],
      healthcheck: {
        test: { exec: ['sh', '-c', 'celery -A app.celery_app inspect ping -d "celery@$HOSTNAME" --timeout 20'] },
        intervalSeconds: 60,
        timeoutSeconds: 30,
        retries: 3,
        // The ping travels through the broker: when Redis is down every worker would fail it. No port to
        // check instead, so liveness is the kubelet's watch of the worker process.
        liveness: 'process',
      },
      scaling: { minReplicas: 2, maxReplicas: 8, cpuUtilization: 75 },
      // A task in flight gets time to finish (Celery's warm shutdown).
      shutdownSeconds: 120,
      resources: { cpu: '250m', memory: '512Mi' },
    },
    {
      kind: 'worker',
      name: 'celery-beat',
      image: { build: 'backend' },
      ...celery('beat', '--schedule', '/tmp/celerybeat-schedule'),
      env: BACKEND_ENV,
      envByStage: { development: BACKEND_DEV_ENV },
      dependsOn: [{ service: 'postgres', condition: 'healthy' }, { service: 'redis', condition: 'healthy' }],
      user: APP_USER,
      writablePaths: ['/tmp'],
      // Beat syncs its schedule file every 3 minutes and sleeps at most 5 between ticks: 15 minutes without
      // a write means it hangs. The check reads only that file, so it is liveness too.
      healthcheck: {
        test: { exec: ['python', '-c', BEAT_HEARTBEAT] },
        intervalSeconds: 60,
        timeoutSeconds: 10,
        retries: 3,
      },
      singleton: true,
      resources: { cpu: '50m', memory: '256Mi' },
    },
    postgres({ flavour: 'alpine', database: 'enabledrm', developmentDatabase: 'enabledrm_dev', user: 'enabledrm', passwordKey: 'postgres-password' }),
    redis({ passwordKey: 'redis-password' }),
  ],
  monitoring: {
    alerts: [
      { kind: 'unavailable', severity: 'critical', forMinutes: 5 },
      { kind: 'restarts', severity: 'warning', count: 3, windowMinutes: 15, forMinutes: 0 },
      { kind: 'cpu', severity: 'warning', percentOfRequest: 100, forMinutes: 15 },
      { kind: 'memory', severity: 'warning', percentOfLimit: 90, forMinutes: 10 },
      { kind: 'error-rate', severity: 'critical', percent: 5, forMinutes: 10 },
      { kind: 'response-time', severity: 'warning', percentile: 95, seconds: 1, forMinutes: 10 },
    ],
  },
};
