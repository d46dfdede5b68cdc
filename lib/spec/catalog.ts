/**
 * Well-known third-party images as spec data: what each image needs to run
 * hardened (its own non-root user, the paths it writes, its data directory)
 * and the health checks the seeds give them. Stack specs call these instead of
 * repeating the same service five times; each returns plain data.
 */
import { EnvMap, HealthCheckSpec, PortSpec, ResourcesSpec, StatefulServiceSpec, UserSpec } from './types';

/** Pinned versions of the third-party images the seeds use (their tags, made exact). */
const IMAGES = {
  postgresAlpine: 'postgres:15.10-alpine',
  postgresDebian: 'postgres:15.10',
  redis: 'redis:7.4.1-alpine',
  mongo: 'mongo:7.0.14',
} as const;

/**
 * Seconds a database may take to answer on its first start: initdb and the init
 * scripts, or loading a large dump, on a slow laptop disk. Its startup probe
 * allows this much (plus the check's interval x retries) before liveness
 * applies, so a first initialisation is never killed halfway, which would
 * leave a data directory whose init scripts never run again.
 */
export const FIRST_START_SECONDS = 300;

/** nginx-based images (nginx:alpine) run as the image's `nginx` user (101). */
export const NGINX_USER = { uid: 101, gid: 101 } as const;

/** What nginx writes at run time: caches, its pid file, temporary files. */
export const NGINX_WRITABLE_PATHS = ['/var/cache/nginx', '/var/run', '/tmp'] as const;

/**
 * An alembic migration has run for this image: the database is at the image's
 * head revision. alembic's errors (a setting missing, the database refusing)
 * reach the wait container's log; its revision line goes to grep.
 */
export const ALEMBIC_AT_HEAD = 'alembic current | grep -q "(head)"';

/** Built images whose Dockerfile creates an unnamed system user run as this fixed UID/GID instead. */
export const APP_USER = { uid: 10001, gid: 10001 } as const;

/** A PostgreSQL connection string whose password is expanded at run time from `passwordVar`. */
export function postgresUrl(user: string, host: string, database: string, passwordVar = 'POSTGRES_PASSWORD'): string {
  return `postgresql://${user}:$(${passwordVar})@${host}:5432/${database}`;
}

/** Options of {@link postgres}. */
export interface PostgresOptions {
  /** Service name. @default 'postgres' */
  readonly name?: string;
  /** `alpine` (uid 70) or the Debian image (uid 999). */
  readonly flavour: 'alpine' | 'debian';
  /** POSTGRES_DB; a different development name, as a compose override gives it. */
  readonly database: string;
  readonly developmentDatabase?: string;
  /** POSTGRES_USER. */
  readonly user: string;
  /** Secret key of POSTGRES_PASSWORD. */
  readonly passwordKey: string;
  /** More variables (e.g. passwords the init scripts read). */
  readonly env?: EnvMap;
  /** Init scripts for /docker-entrypoint-initdb.d, run once on an empty data directory. */
  readonly initScripts?: Readonly<Record<string, string>>;
  /** @default '10Gi' */
  readonly size?: string;
  /** Add-on services may be switched off; name the stack option. */
  readonly option?: string;
}

/** PostgreSQL with the seeds' pg_isready health check (every 10s, 5s timeout, 5 retries), over TCP, and a first-start budget. */
export function postgres(o: PostgresOptions): StatefulServiceSpec {
  const known = knownImage(IMAGES.postgresDebian)!;
  return {
    kind: 'stateful',
    name: o.name ?? 'postgres',
    image: o.flavour === 'alpine' ? IMAGES.postgresAlpine : IMAGES.postgresDebian,
    option: o.option,
    ports: [{ name: 'postgres', port: 5432 }],
    env: {
      POSTGRES_DB: o.database,
      POSTGRES_USER: o.user,
      POSTGRES_PASSWORD: { secret: o.passwordKey },
      ...known.env,
      ...o.env,
    },
    envByStage: o.developmentDatabase === undefined ? undefined : { development: { POSTGRES_DB: o.developmentDatabase } },
    user: o.flavour === 'alpine' ? known.alpineUser! : known.user,
    writablePaths: known.writablePaths,
    files: o.initScripts === undefined ? undefined : { mountPath: '/docker-entrypoint-initdb.d', files: o.initScripts },
    healthcheck: {
      // Over TCP: during first initialisation the entrypoint's temporary server listens on the socket only,
      // so the check (and the startup probe) passes only once the real server runs.
      test: { exec: ['sh', '-c', 'pg_isready -h 127.0.0.1 -p 5432 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'] },
      intervalSeconds: 10,
      timeoutSeconds: 5,
      retries: 5,
      startPeriodSeconds: FIRST_START_SECONDS,
      liveness: 'process',
    },
    dataPath: known.dataPath!,
    dataSize: o.size ?? '10Gi',
    resources: known.resources,
    shutdownSeconds: known.shutdownSeconds,
  };
}

/** Options of {@link redis}. */
export interface RedisOptions {
  /** Secret key of the `requirepass` password. */
  readonly passwordKey: string;
  /** Add-on services may be switched off; name the stack option. */
  readonly option?: string;
  /** @default '1Gi' */
  readonly size?: string;
}

/**
 * Redis 7 with a password and the seeds' health check (`redis-cli --raw incr
 * ping`, every 10s, 3s timeout, 5 retries); REDISCLI_AUTH lets the check log in.
 */
export function redis(o: RedisOptions): StatefulServiceSpec {
  return {
    kind: 'stateful',
    name: 'redis',
    image: IMAGES.redis,
    option: o.option,
    ports: [{ name: 'redis', port: 6379 }],
    args: ['redis-server', '--requirepass', '$(REDIS_PASSWORD)'],
    env: {
      REDIS_PASSWORD: { secret: o.passwordKey },
      REDISCLI_AUTH: { secret: o.passwordKey },
    },
    // The redis user of the alpine image.
    user: { uid: 999, gid: 1000 },
    healthcheck: {
      test: { exec: ['redis-cli', '--raw', 'incr', 'ping'] },
      intervalSeconds: 10,
      timeoutSeconds: 3,
      retries: 5,
      startPeriodSeconds: FIRST_START_SECONDS,
      // Loading a large dump on start answers LOADING to the check but must not restart Redis.
      liveness: 'process',
    },
    dataPath: '/data',
    dataSize: o.size ?? '1Gi',
    resources: { cpu: '100m', memory: '256Mi' },
  };
}

/** A Redis URL whose password is expanded at run time. */
export function redisUrl(database = 0): string {
  return `redis://:$(REDIS_PASSWORD)@redis:6379/${database}`;
}

/**
 * What the compose importer knows of a well-known image: the image's own
 * non-root user, the paths it writes, its data directory (a StatefulSet when
 * set) and a health check for compose files that give none.
 */
export interface KnownImage {
  /** Repository names, without registry or tag (`postgres`, `bitnami/redis` is not the same image). */
  readonly repositories: readonly string[];
  /** The image's own user. */
  readonly user: UserSpec;
  /** The user of the alpine variant, where it differs. @default - `user` */
  readonly alpineUser?: UserSpec;
  /** The port it listens on, with its name. */
  readonly port: PortSpec;
  /** Its data directory; the service becomes a StatefulSet with a claim there. @default - a Deployment */
  readonly dataPath?: string;
  /** @default '10Gi' */
  readonly dataSize?: string;
  readonly writablePaths: readonly string[];
  /** Why the root filesystem must stay writable. @default - read-only root filesystem */
  readonly writableRootReason?: string;
  /** Settings the image needs on a Kubernetes volume. */
  readonly env?: EnvMap;
  readonly healthcheck: HealthCheckSpec;
  readonly resources: ResourcesSpec;
  /** @default 30 */
  readonly shutdownSeconds?: number;
}

const DATABASE_CHECK = { intervalSeconds: 10, timeoutSeconds: 5, retries: 5, liveness: 'process' } as const;
/** SQL servers: their sizing, and time to finish a shutdown checkpoint. */
const SQL_SERVER = { user: { uid: 999, gid: 999 }, resources: { cpu: '250m', memory: '512Mi' }, shutdownSeconds: 60 } as const;

/** The images the importer recognises; data, in the order they are matched. */
export const KNOWN_IMAGES: readonly KnownImage[] = [
  {
    repositories: ['postgres', 'postgis/postgis'],
    ...SQL_SERVER,
    alpineUser: { uid: 70, gid: 70 },
    port: { name: 'postgres', port: 5432 },
    dataPath: '/var/lib/postgresql/data',
    // A subdirectory: the volume's root may hold lost+found, which initdb refuses.
    env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
    writablePaths: ['/var/run/postgresql', '/tmp'],
    healthcheck: { test: { exec: ['sh', '-c', 'pg_isready -U "${POSTGRES_USER:-postgres}"'] }, ...DATABASE_CHECK },
  },
  {
    repositories: ['mysql'],
    ...SQL_SERVER,
    port: { name: 'mysql', port: 3306 },
    dataPath: '/var/lib/mysql',
    writablePaths: ['/var/run/mysqld', '/tmp'],
    healthcheck: { test: { exec: ['mysqladmin', 'ping', '-h', '127.0.0.1', '--silent'] }, ...DATABASE_CHECK },
  },
  {
    repositories: ['mariadb'],
    ...SQL_SERVER,
    port: { name: 'mysql', port: 3306 },
    dataPath: '/var/lib/mysql',
    writablePaths: ['/run/mysqld', '/tmp'],
    healthcheck: { test: { exec: ['healthcheck.sh', '--connect', '--innodb_initialized'] }, ...DATABASE_CHECK },
  },
  {
    repositories: ['redis', 'valkey/valkey'],
    user: { uid: 999, gid: 999 },
    alpineUser: { uid: 999, gid: 1000 },
    port: { name: 'redis', port: 6379 },
    dataPath: '/data',
    dataSize: '1Gi',
    writablePaths: [],
    healthcheck: { test: { exec: ['redis-cli', 'ping'] }, intervalSeconds: 10, timeoutSeconds: 3, retries: 5, liveness: 'process' },
    resources: { cpu: '100m', memory: '256Mi' },
  },
  {
    repositories: ['mongo'],
    user: { uid: 999, gid: 999 },
    port: { name: 'mongodb', port: 27017 },
    dataPath: '/data/db',
    writablePaths: ['/data/configdb', '/tmp'],
    healthcheck: { test: { exec: ['mongosh', '--quiet', '--eval', "db.adminCommand('ping')"] }, ...DATABASE_CHECK },
    resources: { cpu: '250m', memory: '512Mi' },
  },
  {
    repositories: ['rabbitmq'],
    user: { uid: 999, gid: 999 },
    port: { name: 'amqp', port: 5672 },
    dataPath: '/var/lib/rabbitmq',
    dataSize: '2Gi',
    writablePaths: ['/tmp'],
    healthcheck: { test: { exec: ['rabbitmq-diagnostics', '-q', 'ping'] }, intervalSeconds: 30, timeoutSeconds: 10, retries: 5, liveness: 'process' },
    resources: { cpu: '250m', memory: '512Mi' },
  },
  {
    repositories: ['elasticsearch', 'elasticsearch/elasticsearch', 'elastic/elasticsearch'],
    user: { uid: 1000, gid: 1000 },
    port: { name: 'http', port: 9200 },
    dataPath: '/usr/share/elasticsearch/data',
    writablePaths: [],
    writableRootReason: 'Elasticsearch writes its keystore and generated settings under /usr/share/elasticsearch/config at start-up',
    healthcheck: { test: { httpGet: '/_cluster/health?local=true' }, intervalSeconds: 10, timeoutSeconds: 5, retries: 6, startPeriodSeconds: 120, liveness: 'process' },
    resources: { cpu: '500m', memory: '1Gi' },
  },
  {
    repositories: ['nginx'],
    user: NGINX_USER,
    port: { name: 'http', port: 80 },
    writablePaths: NGINX_WRITABLE_PATHS,
    healthcheck: { test: { httpGet: '/' }, intervalSeconds: 10, timeoutSeconds: 3, retries: 3 },
    resources: { cpu: '50m', memory: '64Mi' },
  },
  {
    // nginx built to run unprivileged: port 8080, pid file and caches under /tmp.
    repositories: ['nginxinc/nginx-unprivileged'],
    user: NGINX_USER,
    port: { name: 'http', port: 8080 },
    writablePaths: ['/tmp'],
    healthcheck: { test: { httpGet: '/' }, intervalSeconds: 10, timeoutSeconds: 3, retries: 3 },
    resources: { cpu: '50m', memory: '64Mi' },
  },
];

/**
 * Images that start as root (to bind port 80 and then switch users), with the
 * fix the import summary names: they fail under Pod Security "restricted".
 */
export const ROOT_IMAGES: ReadonlyArray<{ readonly repository: RegExp; readonly fix: string }> = [
  { repository: /^(httpd(:.*)?|php:.*apache.*|wordpress(:(?!.*fpm).*)?|nextcloud(:(?!.*fpm).*)?)$/, fix: "an fpm variant behind nginx, or Apache configured to 'Listen 8080' as a non-root user" },
  // Their s6 init runs as root and drops to PUID/PGID.
  { repository: /^linuxserver\//, fix: 'an image of the application that runs as a non-root user (its upstream image), with PUID/PGID as x-stackport uid/gid' },
];

/** The root-only entry of an image reference, or undefined. */
export function rootImage(image: string): { readonly fix: string } | undefined {
  const path = image.split('@')[0].replace(/^[^/]*[.:][^/]*\//, '').replace(/^(docker\.io\/)?library\//, '');
  return ROOT_IMAGES.find(r => r.repository.test(path));
}

/** The catalog entry of an image reference (any registry, any tag), or undefined. */
export function knownImage(image: string): KnownImage | undefined {
  const path = repositoryOf(image);
  return KNOWN_IMAGES.find(k => k.repositories.includes(path));
}

/** The repository of an image reference, without registry host, Docker Hub's `library/`, tag or digest. */
function repositoryOf(image: string): string {
  const withoutTag = image.split('@')[0].replace(/:[^/:]*$/, '');
  const parts = withoutTag.split('/');
  // Drop a registry host (it has a dot or a port) and Docker Hub's `library/`.
  return (parts.length > 1 && /[.:]/.test(parts[0]) ? parts.slice(1) : parts).join('/').replace(/^library\//, '');
}

/** A user name and its UID and GID in some images, as their Dockerfiles create them (the alpine variant's where it differs). */
interface ImageUsers {
  readonly repositories: readonly string[];
  readonly users: Readonly<Record<string, UserSpec>>;
  readonly alpineUsers?: Readonly<Record<string, UserSpec>>;
}

/** Users that compose files name (`user: node`, `user: www-data`), by image. */
const IMAGE_USERS: readonly ImageUsers[] = [
  { repositories: ['node'], users: { node: { uid: 1000, gid: 1000 } } },
  { repositories: ['nginx', 'nginxinc/nginx-unprivileged'], users: { nginx: NGINX_USER } },
  { repositories: ['unit', 'nginx/unit'], users: { unit: { uid: 999, gid: 999 } } },
  { repositories: ['postgres', 'postgis/postgis'], users: { postgres: { uid: 999, gid: 999 } }, alpineUsers: { postgres: { uid: 70, gid: 70 } } },
  { repositories: ['redis'], users: { redis: { uid: 999, gid: 999 } }, alpineUsers: { redis: { uid: 999, gid: 1000 } } },
  { repositories: ['mysql', 'mariadb'], users: { mysql: { uid: 999, gid: 999 } } },
  { repositories: ['mongo'], users: { mongodb: { uid: 999, gid: 999 } } },
  { repositories: ['rabbitmq'], users: { rabbitmq: { uid: 999, gid: 999 } } },
  { repositories: ['php', 'wordpress', 'nextcloud', 'drupal', 'joomla'], users: { 'www-data': { uid: 33, gid: 33 } }, alpineUsers: { 'www-data': { uid: 82, gid: 82 } } },
  { repositories: ['grafana/grafana', 'grafana/grafana-oss'], users: { grafana: { uid: 472, gid: 0 } } },
];

/** Users every Debian and Alpine based image has. */
const COMMON_USERS: Readonly<Record<string, UserSpec>> = { root: { uid: 0, gid: 0 }, nobody: { uid: 65534, gid: 65534 } };

/** The UID and GID of a user (or group) name in an image, where the catalog knows it. */
export function knownUser(image: string, name: string): UserSpec | undefined {
  const repository = repositoryOf(image);
  const alpine = /alpine/.test(image.split('@')[0].replace(/^.*\//, '').split(':')[1] ?? '');
  const entry = IMAGE_USERS.find(e => e.repositories.includes(repository));
  return (alpine ? entry?.alpineUsers?.[name] : undefined) ?? entry?.users[name] ?? COMMON_USERS[name];
}

/** The primary GID of a UID in an image's /etc/passwd, where the catalog knows that user. */
export function knownGroupOf(image: string, uid: number): number | undefined {
  const repository = repositoryOf(image);
  const alpine = /alpine/.test(image.split('@')[0].replace(/^.*\//, '').split(':')[1] ?? '');
  const entry = IMAGE_USERS.find(e => e.repositories.includes(repository));
  const known = knownImage(image);
  const users = [
    ...(alpine ? Object.values(entry?.alpineUsers ?? {}) : []), ...Object.values(entry?.users ?? {}),
    ...(known === undefined ? [] : alpine && known.alpineUser !== undefined ? [known.alpineUser] : [known.user]),
    ...Object.values(COMMON_USERS),
  ];
  return users.find(u => u.uid === uid)?.gid;
}
