/**
 * P2P sandbox: ../shared/seeds/004_b164a67da811cdfd.txt (docker/docker-compose.yml,
 * init-db.sql, the backend start-up sequence, the seeder).
 *
 * Deliberate deviations:
 * - The backend's start-up command (wait for databases, `alembic upgrade head`,
 *   uvicorn) is split: init containers wait for the databases, the `migrate`
 *   Job migrates, the backend waits until the schema is at its image's head
 *   revision and then runs the image's server command. A new image gives
 *   the seeder a new Job, which runs the seed scripts again (as do its two
 *   retries): they must be idempotent, as re-running `docker-compose up`
 *   required too.
 * - The seeder is a Job that waits for the backend's /health, as
 *   `depends_on: backend: service_healthy` did, and also for the migration:
 *   during an upgrade the old backend still answers /health before the new
 *   schema is in place, and compose never faced that.
 * - VITE_* values are compiled into the bundle when the frontend image is
 *   built: the CI that builds it passes them as build arguments, one image per
 *   environment (docs/stacks.md).
 * - The seed exposes the frontend (5173), backend (8000) and SuperTokens core
 *   (3567) on host ports. Here the frontend is the stack host, the backend is
 *   api.<stack host>, and the SuperTokens core stays internal: it is an admin
 *   API guarded by a key, and browsers reach SuperTokens through the
 *   backend's auth routes, so VITE_SUPERTOKENS_API_DOMAIN names the backend.
 * - The frontend runs its production target (static files on nginx, port 80)
 *   in both profiles; Vite's dev server and polling are compose conveniences.
 * - The seed's default credentials (postgres/postgres, admin/password,
 *   your-api-key-here) come from the Secret.
 * - MongoDB's check is the seed's `mongosh ... ping`, which reads nothing and
 *   changes no data, but mongosh writes a log file for every run under
 *   $HOME/.mongodb, and the image's mongodb user has its home in /data/db,
 *   the database volume: one file every 10 seconds, kept 30 days by older
 *   mongosh releases. HOME is /tmp instead (an emptyDir, emptied with each
 *   new pod); mongod itself does not read it.
 */
import { ALEMBIC_AT_HEAD, APP_USER, FIRST_START_SECONDS, NGINX_USER, NGINX_WRITABLE_PATHS, postgres, postgresUrl } from '../lib/catalog';
import { EnvMap, StackSpec } from '../lib/spec/types';

/** The backend image's settings, shared by the server, the migration and the seeder. */
const BACKEND_ENV: EnvMap = {
  POSTGRES_PASSWORD: { secret: 'postgres-password' },
  POSTGRES_URL: { expand: postgresUrl('postgres', 'postgres', 'supertokens') },
  MONGO_ROOT_PASSWORD: { secret: 'mongo-root-password' },
  MONGODB_URL: { expand: 'mongodb://admin:$(MONGO_ROOT_PASSWORD)@mongodb:27017/p2p_sandbox?authSource=admin' },
  SUPERTOKENS_CONNECTION_URI: 'http://supertokens:3567',
  SUPERTOKENS_API_KEY: { secret: 'supertokens-api-key' },
  ENVIRONMENT: 'production',
  LOG_LEVEL: 'INFO',
};
const BACKEND_DEV_ENV: EnvMap = { ENVIRONMENT: 'development' };
const WAIT_FOR_DATABASES = [
  { service: 'postgres', condition: 'healthy' },
  { service: 'mongodb', condition: 'healthy' },
] as const;

export const P2P_SANDBOX: StackSpec = {
  name: 'p2p-sandbox',
  source: '004_b164a67da811cdfd.txt',
  description: 'Vite frontend, FastAPI backend, SuperTokens, PostgreSQL 15, MongoDB 7, alembic migration and a one-shot seeder',
  secrets: [
    { key: 'postgres-password', description: 'password of PostgreSQL superuser postgres' },
    { key: 'mongo-root-password', description: 'password of MongoDB root user admin' },
    { key: 'supertokens-api-key', description: 'API key shared by the SuperTokens core and the backend', generate: 'hex32' },
  ],
  routes: [
    { name: 'web', path: '/', service: 'frontend' },
    { name: 'api', host: 'api', path: '/', service: 'backend' },
  ],
  services: [
    postgres({
      flavour: 'debian',
      database: 'postgres',
      user: 'postgres',
      passwordKey: 'postgres-password',
      initScripts: {
        'init-db.sql': [
          '-- Automated SuperTokens database creation',
          'CREATE DATABASE supertokens;',
          'GRANT ALL PRIVILEGES ON DATABASE supertokens TO postgres;',
          '',
        ].join('\n'),
      },
    }),
    {
      kind: 'stateful',
      name: 'mongodb',
      image: 'mongo:7.0.14',
      // WiredTiger's default cache is half of (memory - 1Gi), at least 256Mi, read from the host on older
      // kernels: pinned to a quarter of the 1Gi limit, leaving room for mongod, connections and the mongosh checks.
      args: ['mongod', '--wiredTigerCacheSizeGB', '0.25'],
      ports: [{ name: 'mongodb', port: 27017 }],
      env: {
        MONGO_INITDB_ROOT_USERNAME: 'admin',
        MONGO_INITDB_ROOT_PASSWORD: { secret: 'mongo-root-password' },
        // mongosh keeps a log per run under $HOME, the mongodb user's /data/db: out of the database volume (header).
        HOME: '/tmp',
      },
      // The image's mongodb user.
      user: { uid: 999, gid: 999 },
      writablePaths: ['/tmp', '/data/configdb'],
      healthcheck: {
        test: { exec: ['mongosh', '--quiet', '--eval', 'db.runCommand("ping")'] },
        intervalSeconds: 10,
        timeoutSeconds: 5,
        retries: 5,
        startPeriodSeconds: FIRST_START_SECONDS,
        liveness: 'process',
      },
      dataPath: '/data/db',
      dataSize: '10Gi',
      resources: { cpu: '250m', memory: '1Gi' },
      shutdownSeconds: 60,
    },
    {
      kind: 'web',
      name: 'supertokens',
      image: 'registry.supertokens.io/supertokens/supertokens-postgresql:9.3.0',
      ports: [{ name: 'http', port: 3567 }],
      env: {
        POSTGRES_PASSWORD: { secret: 'postgres-password' },
        POSTGRESQL_CONNECTION_URI: { expand: postgresUrl('postgres', 'postgres', 'supertokens') },
        API_KEYS: { secret: 'supertokens-api-key' },
      },
      dependsOn: [{ service: 'postgres', condition: 'healthy' }],
      // The image's supertokens user.
      user: { uid: 1000, gid: 1000 },
      writableRootReason: 'SuperTokens renders config.yaml from its environment into /usr/lib/supertokens at start-up',
      healthcheck: { test: { httpGet: '/hello' }, intervalSeconds: 10, timeoutSeconds: 5, retries: 5, startPeriodSeconds: 30 },
      resources: { cpu: '100m', memory: '512Mi' },
    },
    {
      kind: 'web',
      name: 'backend',
      image: { build: 'backend' },
      ports: [{ name: 'http', port: 8000 }],
      env: BACKEND_ENV,
      envByStage: { development: BACKEND_DEV_ENV },
      dependsOn: [...WAIT_FOR_DATABASES, { service: 'migrate', condition: 'completed' }],
      connectsTo: ['supertokens'],
      user: APP_USER,
      writablePaths: ['/tmp', '/app/logs'],
      healthcheck: { test: { httpGet: '/health' }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3 },
      resources: { cpu: '250m', memory: '512Mi' },
    },
    {
      kind: 'job',
      name: 'migrate',
      image: { build: 'backend' },
      args: ['alembic', 'upgrade', 'head'],
      // The backend and the seeder wait for this: the database is at the image's head revision.
      completionCheck: ALEMBIC_AT_HEAD,
      env: BACKEND_ENV,
      envByStage: { development: BACKEND_DEV_ENV },
      dependsOn: WAIT_FOR_DATABASES,
      // Its settings name the SuperTokens core: the application's config may reach it on import.
      connectsTo: ['supertokens'],
      user: APP_USER,
      writablePaths: ['/tmp', '/app/logs'],
      resources: { cpu: '100m', memory: '256Mi' },
    },
    {
      kind: 'web',
      name: 'frontend',
      image: { build: 'frontend' },
      ports: [{ name: 'http', port: 80 }],
      env: {
        VITE_API_BASE_URL: { publicUrl: 'api' },
        VITE_SUPERTOKENS_API_DOMAIN: { publicUrl: 'api' },
        VITE_SUPERTOKENS_WEBSITE_DOMAIN: { publicUrl: '' },
      },
      user: NGINX_USER,
      writablePaths: NGINX_WRITABLE_PATHS,
      healthcheck: { test: { httpGet: '/' }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3 },
      resources: { cpu: '50m', memory: '64Mi' },
    },
    {
      kind: 'job',
      name: 'seeder',
      image: { build: 'backend' },
      command: ['sh', '-c'],
      args: ['python scripts/seed_db_users.py && python scripts/seed_usecases.py && python scripts/seed_forums.py && python scripts/seed_user_activities.py'],
      env: BACKEND_ENV,
      envByStage: { development: BACKEND_DEV_ENV },
      // The migration too: during an upgrade the old backend still answers before the new schema is in place.
      dependsOn: [{ service: 'backend', condition: 'healthy' }, { service: 'migrate', condition: 'completed' }],
      connectsTo: ['postgres', 'mongodb', 'supertokens'],
      user: APP_USER,
      writablePaths: ['/tmp', '/app/scripts/logs'],
      // Compose ran it once; retries and every new image run the scripts again, so they must be idempotent.
      backoffLimit: 2,
      deadlineSeconds: 1800,
      resources: { cpu: '100m', memory: '256Mi' },
    },
  ],
};
