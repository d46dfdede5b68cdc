/**
 * Project management system: ../shared/seeds/000_cd72a4e02baccd64.txt
 * (docker-compose.yml, docker-compose.override.yml, nginx.conf, sites-available,
 * .env, start.sh, backup.sh, the optional ELK services).
 *
 * Deliberate deviations:
 * - The nginx proxy is not deployed; its two server blocks (app.*, auth.*) and
 *   locations (/, /api/, /ws) are the routes below. Static assets are served
 *   by the frontend image itself (its production stage is nginx), so the shared
 *   `frontend_build` volume is gone.
 * - What the proxy did, carried by the Ingresses: 10M bodies, the api and auth
 *   rate limits, the /api timeouts, WebSocket upgrades on /ws, Keycloak's
 *   proxy_buffer_size, proxy_buffers (4; ingress-nginx sizes each at 128k, not
 *   256k, and lists that as not enforced) and proxy_busy_buffers_size. The
 *   four security headers come from the `response-headers` ConfigMap through
 *   ingress-nginx `custom-headers` where the profile's controller allows them
 *   (production), and are listed under `stackport.io/not-enforced` where it
 *   does not (local). gzip is a controller-wide setting of ingress-nginx, so
 *   it is listed as not enforced and docs/deploying.md gives the controller's
 *   settings. The static-asset cache headers (`expires 1y`) belong to the
 *   frontend image's own nginx.conf now.
 * - start.sh's wait-then-migrate becomes the `migrate` Job, with the
 *   backend's whole environment (start.sh ran alembic inside the backend
 *   container), and the backend waits until the schema is at its image's head
 *   revision, so a new version never serves against an old schema; a wait
 *   that gives up logs alembic's last error. backup.sh becomes
 *   the `backup` CronJob (daily at 03:00 UTC) writing to its own volume.
 * - The dev override renames the database (POSTGRES_DB=project_management_dev)
 *   but leaves the backend's DATABASE_URL on project_management, which would
 *   not exist: locally the backend, the migration and the backup use
 *   project_management_dev.
 * - The ELK option's Logstash gets a pipeline (a ConfigMap at
 *   /usr/share/logstash/pipeline) that reads the backend's log files from the
 *   `logs` volume (the seed's ./logs bind mount, mounted read-only) into
 *   Elasticsearch; the seed's own pipeline folder is the team's: replace
 *   `LOGSTASH_PIPELINE` with it. The compose logging options (json-file,
 *   10m x 3) are the kubelet's container log rotation.
 * - REACT_APP_API_URL points at app.<domain>/api, where the proxy served the
 *   API (the seed's api.localhost had no server block). REACT_APP_* values are
 *   compiled into the bundle when the image is built: the CI passes them as
 *   build arguments (docs/stacks.md); they are set here for the image's own scripts.
 * - REDIS_URL carries the password the Redis command requires (as .env has it).
 *   Redis keeps the seed's health check, `redis-cli --raw incr ping`: every
 *   run (every 10s, and every 5s while it starts) increments a counter under
 *   the key `ping` in database 0, the backend's database (REDIS_URL ends in
 *   /0), and persists it with the dump. The backend must not use a key named
 *   `ping`; `redis-cli ping` (enabledrm's check) would write nothing.
 * - `keycloak:latest` and `mailhog:latest` are pinned. Keycloak 26 reads
 *   KC_PROXY_HEADERS instead of the removed KC_PROXY=edge, serves health on its
 *   management port 9000, and runs `start` (not `start-dev`) in production.
 * - Development source mounts, `--reload` and CHOKIDAR_USEPOLLING are compose
 *   conveniences for editing code in place; clusters run the built images.
 * - Keycloak themes and realm-config.json are the team's files, not in the
 *   seed: mount them with a ConfigMap when you have them.
 * - EMAIL_* from .env reach the backend: MailHog in development, the SMTP relay
 *   (credentials from the Secret) in production.
 */
import { ALEMBIC_AT_HEAD, APP_USER, FIRST_START_SECONDS, NGINX_USER, NGINX_WRITABLE_PATHS, postgres, postgresUrl, redis, redisUrl } from '../lib/catalog';
import { EnvMap, ServiceSpec, StackSpec } from '../lib/spec/types';

const DATABASE = 'project_management';
const DEV_DATABASE = 'project_management_dev';

/**
 * The backend image's settings, shared by the server and the migration:
 * start.sh ran `alembic upgrade head` inside the backend container, whose
 * env.py may load every application setting.
 */
const BACKEND_ENV: EnvMap = {
  POSTGRES_PASSWORD: { secret: 'postgres-password' },
  DATABASE_URL: { expand: postgresUrl('pm_user', 'postgres', DATABASE) },
  REDIS_PASSWORD: { secret: 'redis-password' },
  REDIS_URL: { expand: redisUrl(0) },
  KEYCLOAK_URL: 'http://keycloak:8080',
  KEYCLOAK_REALM: 'project-management',
  KEYCLOAK_CLIENT_ID: 'pm-backend',
  KEYCLOAK_CLIENT_SECRET: { secret: 'keycloak-client-secret' },
  SECRET_KEY: { secret: 'secret-key' },
  ENVIRONMENT: 'production',
  EMAIL_HOST: 'smtp.gmail.com',
  EMAIL_PORT: '587',
};
const BACKEND_ENV_BY_STAGE: ServiceSpec['envByStage'] = {
  development: {
    DATABASE_URL: { expand: postgresUrl('pm_user', 'postgres', DEV_DATABASE) },
    ENVIRONMENT: 'development',
    DEBUG: 'true',
    EMAIL_HOST: 'mailhog',
    EMAIL_PORT: '1025',
  },
  production: { EMAIL_USER: { secret: 'email-user' }, EMAIL_PASSWORD: { secret: 'email-password' } },
};

/** Logstash's pipeline: the backend's log files (the shared `logs` volume) into Elasticsearch. */
const LOGSTASH_PIPELINE = [
  'input {',
  '  file {',
  '    path => "/app/logs/*.log"',
  '    start_position => "beginning"',
  '  }',
  '}',
  'output {',
  '  elasticsearch {',
  '    hosts => ["http://elasticsearch:9200"]',
  '    index => "project-management-backend-%{+YYYY.MM.dd}"',
  '  }',
  '}',
  '',
].join('\n');

export const PROJECT_MANAGEMENT: StackSpec = {
  name: 'project-management',
  source: '000_cd72a4e02baccd64.txt',
  description: 'React frontend, FastAPI backend, PostgreSQL, Redis, Keycloak, MailHog in development, optional ELK, nightly backups',
  options: { elk: false },
  secrets: [
    { key: 'postgres-password', description: 'password of PostgreSQL user pm_user' },
    { key: 'keycloak-db-password', description: 'password of PostgreSQL user keycloak_user (created by the init script)' },
    { key: 'redis-password', description: 'Redis requirepass' },
    { key: 'keycloak-admin-password', description: 'Keycloak admin console password (user admin)' },
    { key: 'keycloak-client-secret', description: 'client secret of Keycloak client pm-backend' },
    { key: 'secret-key', description: 'backend SECRET_KEY (signing)', generate: 'hex32' },
    { key: 'email-user', description: 'SMTP user of the production mail relay' },
    { key: 'email-password', description: 'SMTP password of the production mail relay' },
  ],
  proxy: {
    maxBodySize: '10m',
    responseHeaders: {
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'X-XSS-Protection': '1; mode=block',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    },
    gzip: {
      minLengthBytes: 1024,
      types: ['text/plain', 'text/css', 'text/xml', 'text/javascript', 'application/javascript', 'application/xml+rss', 'application/json'],
    },
  },
  routes: [
    { name: 'app', host: 'app', path: '/', service: 'frontend' },
    { name: 'app-api', host: 'app', path: '/api', service: 'backend', rateLimit: { requestsPerSecond: 10, burst: 20 }, timeoutSeconds: 60 },
    { name: 'app-ws', host: 'app', path: '/ws', service: 'backend', websocket: true },
    {
      name: 'auth', host: 'auth', path: '/', service: 'keycloak', rateLimit: { requestsPerSecond: 5, burst: 10 },
      proxyBufferSize: '128k', proxyBuffers: '4 256k', proxyBusyBuffersSize: '256k',
    },
    { name: 'mail', host: 'mail', path: '/', service: 'mailhog', port: 'http' },
    { name: 'kibana', host: 'kibana', path: '/', service: 'kibana' },
  ],
  services: [
    {
      kind: 'web',
      name: 'frontend',
      image: { build: 'frontend' },
      ports: [{ name: 'http', port: 80 }],
      env: {
        REACT_APP_API_URL: { publicUrl: 'app', path: '/api' },
        REACT_APP_KEYCLOAK_URL: { publicUrl: 'auth' },
        REACT_APP_KEYCLOAK_REALM: 'project-management',
        REACT_APP_KEYCLOAK_CLIENT_ID: 'pm-frontend',
      },
      user: NGINX_USER,
      writablePaths: NGINX_WRITABLE_PATHS,
      // No compose health check; the image serves index.html at /.
      healthcheck: { test: { httpGet: '/' }, intervalSeconds: 10, timeoutSeconds: 3, retries: 3 },
      resources: { cpu: '50m', memory: '64Mi' },
    },
    {
      kind: 'web',
      name: 'backend',
      image: { build: 'backend' },
      ports: [{ name: 'http', port: 8000 }],
      env: BACKEND_ENV,
      envByStage: BACKEND_ENV_BY_STAGE,
      dependsOn: [
        { service: 'postgres', condition: 'healthy' },
        { service: 'redis', condition: 'healthy' },
        { service: 'keycloak', condition: 'healthy' },
        { service: 'migrate', condition: 'completed' },
      ],
      connectsTo: ['mailhog'],
      externalPorts: [587],
      user: APP_USER,
      writablePaths: ['/tmp'],
      volumes: [
        { name: 'uploads', mountPath: '/app/uploads', size: '5Gi', shared: true },
        // The seed's ./logs bind mount; Logstash (option elk) reads it.
        { name: 'logs', mountPath: '/app/logs', size: '2Gi', shared: true },
      ],
      healthcheck: { test: { httpGet: '/health' }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3, startPeriodSeconds: 5 },
      resources: { cpu: '250m', memory: '512Mi' },
    },
    {
      kind: 'job',
      name: 'migrate',
      image: { build: 'backend' },
      args: ['alembic', 'upgrade', 'head'],
      completionCheck: ALEMBIC_AT_HEAD,
      env: BACKEND_ENV,
      envByStage: BACKEND_ENV_BY_STAGE,
      dependsOn: [{ service: 'postgres', condition: 'healthy' }],
      // Its settings name Redis and Keycloak: the application's config may reach them on import.
      connectsTo: ['redis', 'keycloak'],
      user: APP_USER,
      writablePaths: ['/tmp'],
      resources: { cpu: '100m', memory: '256Mi' },
    },
    postgres({
      flavour: 'alpine',
      database: DATABASE,
      developmentDatabase: DEV_DATABASE,
      user: 'pm_user',
      passwordKey: 'postgres-password',
      env: { POSTGRES_INITDB_ARGS: '--encoding=UTF-8', KEYCLOAK_DB_PASSWORD: { secret: 'keycloak-db-password' } },
      initScripts: {
        // The seed's database/init: Keycloak's own database and user.
        '01-keycloak.sh': [
          '#!/bin/sh',
          'set -e',
          'psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<EOSQL',
          "CREATE USER keycloak_user WITH PASSWORD '$KEYCLOAK_DB_PASSWORD';",
          'CREATE DATABASE keycloak OWNER keycloak_user;',
          'EOSQL',
          '',
        ].join('\n'),
      },
    }),
    // The seed's check: it increments the key `ping` in database 0 on every run (header).
    redis({ passwordKey: 'redis-password', checkCommand: ['redis-cli', '--raw', 'incr', 'ping'] }),
    {
      kind: 'web',
      name: 'keycloak',
      // The seed runs :latest; pinned.
      image: 'quay.io/keycloak/keycloak:26.0.7',
      args: ['start'],
      argsByStage: { development: ['start-dev'] },
      ports: [{ name: 'http', port: 8080 }, { name: 'management', port: 9000 }],
      env: {
        // Keycloak 26's names for the seed's KEYCLOAK_ADMIN and KEYCLOAK_ADMIN_PASSWORD.
        KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
        KC_BOOTSTRAP_ADMIN_PASSWORD: { secret: 'keycloak-admin-password' },
        KC_DB: 'postgres',
        KC_DB_URL: 'jdbc:postgresql://postgres:5432/keycloak',
        KC_DB_USERNAME: 'keycloak_user',
        KC_DB_PASSWORD: { secret: 'keycloak-db-password' },
        KC_HOSTNAME: { publicUrl: 'auth' },
        KC_HTTP_ENABLED: 'true',
        KC_PROXY_HEADERS: 'xforwarded',
        KC_HEALTH_ENABLED: 'true',
        // Keycloak's default heap is 70% of the limit, which leaves too little for metaspace, threads and
        // buffers; half of 1536Mi is 768Mi of heap and as much again for the rest of the JVM.
        JAVA_OPTS_KC_HEAP: '-XX:MaxRAMPercentage=50 -XX:InitialRAMPercentage=25',
      },
      dependsOn: [{ service: 'postgres', condition: 'healthy' }],
      user: { uid: 1000, gid: 1000 },
      writablePaths: ['/tmp'],
      writableRootReason: 'Keycloak re-augments its Quarkus build under /opt/keycloak at start-up unless the image is pre-built',
      healthcheck: { test: { httpGet: '/health/ready', port: 9000 }, intervalSeconds: 30, timeoutSeconds: 10, retries: 3, startPeriodSeconds: 180 },
      // Keycloak's sizing guide starts at about 1250M per pod.
      resources: { cpu: '500m', memory: '1536Mi' },
    },
    {
      kind: 'web',
      name: 'mailhog',
      // The seed runs :latest; pinned. Development only, as the seed says.
      image: 'mailhog/mailhog:v1.0.1',
      stages: ['development'],
      ports: [{ name: 'smtp', port: 1025 }, { name: 'http', port: 8025 }],
      user: { uid: 1000, gid: 1000 },
      resources: { cpu: '10m', memory: '64Mi' },
    },
    {
      kind: 'stateful',
      name: 'elasticsearch',
      image: 'docker.elastic.co/elasticsearch/elasticsearch:8.5.0',
      option: 'elk',
      ports: [{ name: 'http', port: 9200 }],
      env: { 'discovery.type': 'single-node', 'xpack.security.enabled': 'false', ES_JAVA_OPTS: '-Xms512m -Xmx512m' },
      user: { uid: 1000, gid: 1000 },
      writableRootReason: 'Elasticsearch writes its keystore and generated settings under /usr/share/elasticsearch/config at start-up',
      // No compose health check; a slow starter, so it gets the first-start budget of a database.
      healthcheck: { test: { httpGet: '/_cluster/health?local=true' }, intervalSeconds: 10, timeoutSeconds: 5, retries: 6, startPeriodSeconds: FIRST_START_SECONDS, liveness: 'process' },
      dataPath: '/usr/share/elasticsearch/data',
      dataSize: '10Gi',
      resources: { cpu: '500m', memory: '1Gi' },
    },
    {
      kind: 'worker',
      name: 'logstash',
      image: 'docker.elastic.co/logstash/logstash:8.5.0',
      option: 'elk',
      env: { LS_JAVA_OPTS: '-Xms256m -Xmx256m' },
      connectsTo: ['elasticsearch'],
      files: { mountPath: '/usr/share/logstash/pipeline', files: { 'logstash.conf': LOGSTASH_PIPELINE } },
      mounts: [{ volume: 'logs', mountPath: '/app/logs', readOnly: true }],
      user: { uid: 1000, gid: 1000 },
      writableRootReason: 'Logstash writes its queue and state under /usr/share/logstash/data',
      resources: { cpu: '250m', memory: '768Mi' },
    },
    {
      kind: 'web',
      name: 'kibana',
      image: 'docker.elastic.co/kibana/kibana:8.5.0',
      option: 'elk',
      ports: [{ name: 'http', port: 5601 }],
      env: { ELASTICSEARCH_HOSTS: 'http://elasticsearch:9200' },
      connectsTo: ['elasticsearch'],
      user: { uid: 1000, gid: 1000 },
      writableRootReason: 'Kibana optimises its bundles into /usr/share/kibana at start-up',
      resources: { cpu: '250m', memory: '1Gi' },
    },
    {
      kind: 'cron',
      name: 'backup',
      image: 'postgres:15.10-alpine',
      schedule: '0 3 * * *',
      command: ['sh', '-c'],
      // $$( keeps Kubernetes from reading $(...) as a variable reference.
      args: [[
        'set -e',
        'stamp=$$(date +%Y%m%d_%H%M%S)',
        'echo "Creating database backup..."',
        'pg_dump -h postgres -U pm_user "$POSTGRES_DB" > "/backups/database_$stamp.sql"',
        'echo "Creating uploads backup..."',
        'tar -czf "/backups/uploads_$stamp.tar.gz" -C /app uploads',
        // Not in backup.sh, which a person ran by hand: a nightly job must not fill its volume.
        'find /backups -type f -mtime +7 -print -delete',
        'echo "Backup completed: /backups/"',
      ].join('\n')],
      env: { POSTGRES_DB: DATABASE, PGPASSWORD: { secret: 'postgres-password' } },
      envByStage: { development: { POSTGRES_DB: DEV_DATABASE } },
      dependsOn: [{ service: 'postgres', condition: 'healthy' }],
      user: { uid: 70, gid: 70 },
      writablePaths: ['/tmp'],
      volumes: [{ name: 'backups', mountPath: '/backups', size: '20Gi' }],
      mounts: [{ volume: 'uploads', mountPath: '/app/uploads', readOnly: true }],
      resources: { cpu: '100m', memory: '256Mi' },
    },
  ],
};
