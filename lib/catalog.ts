/**
 * Well-known third-party images as spec data: what each image needs to run
 * hardened (its own non-root user, the paths it writes, its data directory)
 * and the health checks the seeds give them. Stack specs call these instead of
 * repeating the same service five times; each returns plain data.
 */
import { catalogEntry, isAlpine, repositoryOf, tagOf } from './images/catalog';
import { CatalogEntry } from './images/types';
import { EnvMap, PortSpec, StatefulServiceSpec } from './spec/types';

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

/** A catalog entry's ports as a service's, the main one first. */
function portsOf(entry: CatalogEntry): [PortSpec, ...PortSpec[]] {
  const [first, ...rest] = entry.ports.map(p => ({ name: p.name, port: p.port }));
  return [first, ...rest];
}

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
  const known = catalogEntry(IMAGES.postgresDebian)!;
  return {
    kind: 'stateful',
    name: o.name ?? 'postgres',
    image: o.flavour === 'alpine' ? IMAGES.postgresAlpine : IMAGES.postgresDebian,
    option: o.option,
    ports: portsOf(known),
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
  /** @default - the catalog entry's claim size */
  readonly size?: string;
  /**
   * The health check's command, where a seed writes its own.
   *
   * @default - the catalog entry's ping (a seed's `redis-cli ping`, which writes nothing)
   */
  readonly checkCommand?: readonly string[];
}

/**
 * Redis 7 with a password, as the image catalog knows it (its user, port,
 * data directory, sizing and ping check, every 10s, 3s timeout, 5 retries)
 * plus a first-start budget; REDISCLI_AUTH lets the check log in.
 */
export function redis(o: RedisOptions): StatefulServiceSpec {
  const known = catalogEntry(IMAGES.redis)!;
  const check = known.healthcheck!;
  return {
    kind: 'stateful',
    name: 'redis',
    image: IMAGES.redis,
    option: o.option,
    ports: portsOf(known),
    args: ['redis-server', '--requirepass', '$(REDIS_PASSWORD)'],
    env: {
      REDIS_PASSWORD: { secret: o.passwordKey },
      REDISCLI_AUTH: { secret: o.passwordKey },
    },
    user: isAlpine(IMAGES.redis) ? known.alpineUser! : known.user,
    healthcheck: {
      ...check,
      test: o.checkCommand === undefined ? check.test : { exec: o.checkCommand },
      // Loading a large dump answers LOADING: the catalog's liveness 'process' never restarts Redis for it.
      startPeriodSeconds: FIRST_START_SECONDS,
    },
    dataPath: known.dataPath!,
    dataSize: o.size ?? known.dataSize!,
    resources: known.resources,
  };
}

/** A Redis URL whose password is expanded at run time. */
export function redisUrl(database = 0): string {
  return `redis://:$(REDIS_PASSWORD)@redis:6379/${database}`;
}

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
  const tag = tagOf(image);
  const path = `${repositoryOf(image)}${tag === undefined ? '' : `:${tag}`}`;
  return ROOT_IMAGES.find(r => r.repository.test(path));
}
