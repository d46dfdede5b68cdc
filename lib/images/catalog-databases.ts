/**
 * Verified catalog entries of database images: each fact read from the
 * image's Dockerfile or entrypoint, cited in `sources` at a pinned commit.
 */
import { CatalogEntry } from './types';
import {
  BITNAMI_PG_DOCKERFILE, BITNAMI_PG_ENTRYPOINT, BITNAMI_PG_ENV, BITNAMI_PG_LIB, BITNAMI_PG_POSTUNPACK, BITNAMI_REDIS_DOCKERFILE, BITNAMI_REDIS_ENV,
  BITNAMI_REDIS_POSTUNPACK, MARIADB_DOCKERFILE, MARIADB_ENTRYPOINT, MARIADB_HEALTHCHECK, MEMCACHED_DOCKERFILE, MONGO5_DOCKERFILE, MONGO5_ENTRYPOINT,
  MONGO_DOCKERFILE, MYSQL_DOCKERFILE, MYSQL_ENTRYPOINT, PG17_ALPINE, PG17_DEBIAN, PG18_ALPINE, PG18_DEBIAN, PG_ENTRYPOINT, REDIS7_ALPINE,
  REDIS7_DEBIAN, REDIS7_ENTRYPOINT, REDIS8_ALPINE, REDIS8_DEBIAN, REDIS8_ENTRYPOINT, VALKEY_ALPINE, VALKEY_DEBIAN, VALKEY_ENTRYPOINT
} from './catalog-databases-sources';
import { SERVER_CHECK } from './catalog-checks';

/** SQL servers: their sizing, and time to finish a shutdown checkpoint. */
const SQL_SIZING = { resources: { cpu: '250m', memory: '512Mi' }, shutdownSeconds: 60 } as const;

/**
 * pg_isready over TCP: while the entrypoint initialises a fresh data directory
 * its temporary server listens on the socket only, so the check passes once
 * the real server runs.
 */
const PG_READY = {
  test: { exec: ['sh', '-c', 'pg_isready -h 127.0.0.1 -p 5432 -U "${POSTGRES_USER:-postgres}"'] },
  ...SERVER_CHECK,
} as const;

/** What the postgres images share, whatever the major version. */
const POSTGRES_COMMON = {
  repositories: ['postgres', 'postgis/postgis'],
  user: { uid: 999, gid: 999 },
  alpineUser: { uid: 70, gid: 70 },
  ports: [{ name: 'postgres', port: 5432, http: false }],
  healthcheck: PG_READY,
  ...SQL_SIZING,
} as const;

/**
 * A Redis-protocol ping that counts a password prompt as ready: compose files
 * often start the server with `--requirepass`, and the client then gets
 * NOAUTH (still an answering server) instead of PONG; LOADING stays not ready.
 */
function redisPing(cli: string) {
  return {
    test: { exec: ['sh', '-c', `${cli} -p 6379 ping 2>&1 | grep -qE 'PONG|NOAUTH'`] },
    intervalSeconds: 10,
    timeoutSeconds: 3,
    retries: 5,
    liveness: 'process',
  } as const;
}

/** Redis and Valkey: a small in-memory store with a dump in its data directory. */
const REDIS_SIZING = { dataSize: '1Gi', resources: { cpu: '100m', memory: '256Mi' } } as const;

/** What both generations of redis state alike (each cites its own lines): the user, port, data directory and check. */
const REDIS = {
  repositories: ['redis'],
  user: { uid: 999, gid: 999 },
  alpineUser: { uid: 999, gid: 1000 },
  users: { redis: { uid: 999, gid: 999 } },
  ports: [{ name: 'redis', port: 6379, http: false }],
  dataPath: '/data',
  writablePaths: [],
  healthcheck: redisPing('redis-cli'),
  ...REDIS_SIZING,
} as const;

/**
 * Bitnami images: `USER 1001` with no passwd entry, so the group is root's (0); every path they write is made
 * group-writable (g+rwX) at build time, for any uid in group 0.
 */
const BITNAMI_USER = { uid: 1001, gid: 0 } as const;

export const DATABASES: readonly CatalogEntry[] = [
  {
    // PGDATA in a subdirectory of the volume: a fresh volume's root may hold lost+found, which initdb refuses.
    // As a non-root user the entrypoint only creates PGDATA and the socket directory (it chowns and
    // switches to postgres with gosu only when it runs as root), so it starts as uid 999 (70 on alpine).
    // /tmp: the entrypoint feeds psql through here-documents, which bash writes to temporary files.
    ...POSTGRES_COMMON,
    maxMajor: 17,
    users: { postgres: { uid: 999, gid: 999 } },
    dataPath: '/var/lib/postgresql/data',
    env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
    writablePaths: ['/var/run/postgresql', '/tmp'],
    sources: {
      user: [`${PG17_DEBIAN}#L11-L13`, `${PG_ENTRYPOINT}#L314-L317`],
      alpineUser: `${PG17_ALPINE}#L12-L13`,
      users: `${PG17_DEBIAN}#L13`,
      ports: `${PG17_DEBIAN}#L224`,
      dataPath: `${PG17_DEBIAN}#L185-L188`,
      env: [`${PG17_DEBIAN}#L185`, `${PG_ENTRYPOINT}#L39`],
      writablePaths: [`${PG17_DEBIAN}#L183`, `${PG_ENTRYPOINT}#L43-L45`, `${PG_ENTRYPOINT}#L206-L216`],
      healthcheck: [`${PG17_DEBIAN}#L90`, `${PG17_DEBIAN}#L157-L160`],
    },
  },
  {
    // 18+: the VOLUME moved up to /var/lib/postgresql and PGDATA is /var/lib/postgresql/18/docker, already a
    // subdirectory of the claim, so no PGDATA is set (a different PGDATA would also switch off the entrypoint's
    // check for older clusters). Nothing may be mounted at the old /var/lib/postgresql/data: the 18 entrypoint
    // refuses to initialise when that path is a mount point.
    ...POSTGRES_COMMON,
    minMajor: 18,
    users: { postgres: { uid: 999, gid: 999 } },
    dataPath: '/var/lib/postgresql',
    writablePaths: ['/var/run/postgresql', '/tmp'],
    sources: {
      user: [`${PG18_DEBIAN}#L11-L13`, `${PG_ENTRYPOINT}#L314-L317`],
      alpineUser: `${PG18_ALPINE}#L12-L13`,
      users: `${PG18_DEBIAN}#L13`,
      ports: `${PG18_DEBIAN}#L223`,
      dataPath: `${PG18_DEBIAN}#L189-L192`,
      writablePaths: [`${PG18_DEBIAN}#L186`, `${PG_ENTRYPOINT}#L43-L45`, `${PG_ENTRYPOINT}#L206-L216`],
      healthcheck: [`${PG18_DEBIAN}#L90`, `${PG18_DEBIAN}#L156-L159`],
    },
  },
  {
    // The socket and pid directory is /var/run/mysqld (the Dockerfile points the socket there). As a non-root
    // user the entrypoint creates its directories with mkdir -p and chowns them only as root; it also runs
    // mkdir -p on secure-file-priv's directory, so that path gets an emptyDir too (on a read-only root a
    // missing directory would stop the entrypoint). mysqld keeps its temporary files in /tmp.
    repositories: ['mysql'],
    user: { uid: 999, gid: 999 },
    users: { mysql: { uid: 999, gid: 999 } },
    ports: [{ name: 'mysql', port: 3306, http: false }, { name: 'mysqlx', port: 33060, http: false }],
    dataPath: '/var/lib/mysql',
    writablePaths: ['/var/run/mysqld', '/var/lib/mysql-files', '/tmp'],
    healthcheck: { test: { exec: ['mysqladmin', 'ping', '-h', '127.0.0.1', '--silent'] }, ...SERVER_CHECK },
    ...SQL_SIZING,
    sources: {
      user: `${MYSQL_DOCKERFILE}#L9-L11`,
      users: `${MYSQL_DOCKERFILE}#L11`,
      ports: `${MYSQL_DOCKERFILE}#L123`,
      dataPath: `${MYSQL_DOCKERFILE}#L118`,
      writablePaths: [`${MYSQL_DOCKERFILE}#L76-L92`, `${MYSQL_ENTRYPOINT}#L199-L243`],
      healthcheck: `${MYSQL_ENTRYPOINT}#L160-L166`,
    },
  },
  {
    // 6+ ship mongosh (the -shell package); 5 and older have only the legacy `mongo` shell (the entry
    // after memcached). /data/configdb is the image's second VOLUME. mongod puts its Unix socket in /tmp.
    repositories: ['mongo'],
    minMajor: 6,
    user: { uid: 999, gid: 999 },
    users: { mongodb: { uid: 999, gid: 999 } },
    ports: [{ name: 'mongodb', port: 27017, http: false }],
    dataPath: '/data/db',
    writablePaths: ['/data/configdb', '/tmp'],
    healthcheck: { test: { exec: ['mongosh', '--quiet', '--eval', "db.adminCommand('ping')"] }, ...SERVER_CHECK },
    resources: { cpu: '250m', memory: '512Mi' },
    sources: {
      user: `${MONGO_DOCKERFILE}#L10-L14`,
      users: `${MONGO_DOCKERFILE}#L12`,
      ports: `${MONGO_DOCKERFILE}#L118`,
      dataPath: `${MONGO_DOCKERFILE}#L109`,
      writablePaths: [`${MONGO_DOCKERFILE}#L13-L14`, `${MONGO_DOCKERFILE}#L109`],
      healthcheck: [`${MONGO_DOCKERFILE}#L97-L104`, `${MONGO_DOCKERFILE}#L111-L113`],
    },
  },
  {
    // USER memcache in the Dockerfile; memcached keeps everything in memory and writes no file.
    repositories: ['memcached'],
    user: { uid: 11211, gid: 11211 },
    users: { memcache: { uid: 11211, gid: 11211 } },
    ports: [{ name: 'memcache', port: 11211, http: false }],
    writablePaths: [],
    healthcheck: { test: { tcpPort: 11211 }, intervalSeconds: 10, timeoutSeconds: 3, retries: 3, liveness: 'process' },
    resources: { cpu: '50m', memory: '128Mi' },
    sources: {
      user: [`${MEMCACHED_DOCKERFILE}#L10-L12`, `${MEMCACHED_DOCKERFILE}#L92`],
      users: `${MEMCACHED_DOCKERFILE}#L12`,
      ports: `${MEMCACHED_DOCKERFILE}#L93`,
      healthcheck: `${MEMCACHED_DOCKERFILE}#L93`,
    },
  },
  {
    // Only the legacy `mongo` shell: the -shell package of 5.0 and older is not mongosh (the entrypoint picks
    // `mongo` first and falls back to mongosh). As non-root the entrypoint skips its chown and setpriv; it writes
    // its parsed config and the temporary server's pid file under TMPDIR (/tmp).
    repositories: ['mongo'],
    maxMajor: 5,
    user: { uid: 999, gid: 999 },
    users: { mongodb: { uid: 999, gid: 999 } },
    ports: [{ name: 'mongodb', port: 27017, http: false }],
    dataPath: '/data/db',
    writablePaths: ['/data/configdb', '/tmp'],
    healthcheck: { test: { exec: ['mongo', '--quiet', '--eval', "db.adminCommand('ping')"] }, ...SERVER_CHECK },
    resources: { cpu: '250m', memory: '512Mi' },
    sources: {
      user: [`${MONGO5_DOCKERFILE}#L10-L14`, `${MONGO5_ENTRYPOINT}#L10-L23`],
      users: `${MONGO5_DOCKERFILE}#L12`,
      ports: `${MONGO5_DOCKERFILE}#L105`,
      dataPath: `${MONGO5_DOCKERFILE}#L96`,
      writablePaths: [`${MONGO5_DOCKERFILE}#L13-L14`, `${MONGO5_DOCKERFILE}#L96`, `${MONGO5_ENTRYPOINT}#L177-L179`],
      healthcheck: [`${MONGO5_DOCKERFILE}#L89`, `${MONGO5_ENTRYPOINT}#L251-L254`],
    },
  },
  {
    // VOLUME /data, owned by redis, is also the working directory where the dump is written. The entrypoint
    // chowns the working directory and steps down with gosu only when it starts as root; otherwise it just runs
    // redis-server. The alpine variant's group is 1000 (alpine already has a gid 999).
    ...REDIS,
    maxMajor: 7,
    sources: {
      user: [`${REDIS7_DEBIAN}#L10-L12`, `${REDIS7_ENTRYPOINT}#L10-L14`],
      alpineUser: `${REDIS7_ALPINE}#L11-L13`,
      users: `${REDIS7_DEBIAN}#L11-L12`,
      ports: `${REDIS7_DEBIAN}#L149`,
      dataPath: `${REDIS7_DEBIAN}#L142-L144`,
      healthcheck: `${REDIS7_DEBIAN}#L139`,
    },
  },
  {
    // 8+ dropped `VOLUME /data`, but /data is still created, owned by redis and the working directory, so the
    // dump still lands there: it stays the data directory (a claim, and writable on a read-only root). The
    // entrypoint fixes permissions and drops privileges with setpriv only when it starts as root.
    ...REDIS,
    minMajor: 8,
    sources: {
      user: [`${REDIS8_DEBIAN}#L4-L6`, `${REDIS8_ENTRYPOINT}#L113-L117`],
      alpineUser: `${REDIS8_ALPINE}#L4-L7`,
      users: `${REDIS8_DEBIAN}#L5-L6`,
      ports: `${REDIS8_DEBIAN}#L118`,
      dataPath: `${REDIS8_DEBIAN}#L112-L113`,
      healthcheck: `${REDIS8_DEBIAN}#L109`,
    },
  },
  {
    // VOLUME /data (owned by valkey, the working directory). /run/valkey is made for the valkey user, for a
    // socket or pid file a configuration names. As non-root the entrypoint only checks that the working
    // directory is writable (it chowns and steps down with setpriv only as root).
    repositories: ['valkey/valkey'],
    user: { uid: 999, gid: 999 },
    alpineUser: { uid: 999, gid: 1000 },
    users: { valkey: { uid: 999, gid: 999 } },
    ports: [{ name: 'redis', port: 6379, http: false }],
    dataPath: '/data',
    writablePaths: ['/run/valkey'],
    healthcheck: redisPing('valkey-cli'),
    ...REDIS_SIZING,
    sources: {
      user: [`${VALKEY_DEBIAN}#L83-L85`, `${VALKEY_ENTRYPOINT}#L10-L22`],
      alpineUser: `${VALKEY_ALPINE}#L81-L83`,
      users: `${VALKEY_DEBIAN}#L84-L85`,
      ports: `${VALKEY_DEBIAN}#L111`,
      dataPath: [`${VALKEY_DEBIAN}#L99-L100`, `${VALKEY_DEBIAN}#L105-L106`],
      writablePaths: `${VALKEY_DEBIAN}#L101-L102`,
      healthcheck: `${VALKEY_DEBIAN}#L103`,
    },
  },
  {
    // The mysql user is a system user created first on ubuntu (useradd -r, no fixed id), which gets 999:999.
    // /run/mysqld holds the socket and lock files (mode 1777 for any uid). As non-root the entrypoint only runs
    // mkdir -p on the data directory (it chowns and switches with gosu only as root). The temporary server it
    // starts for initialisation is fed through bash here-strings, which bash writes to /tmp.
    // healthcheck.sh is the image's own check (copied to /usr/local/bin).
    repositories: ['mariadb'],
    user: { uid: 999, gid: 999 },
    users: { mysql: { uid: 999, gid: 999 } },
    ports: [{ name: 'mysql', port: 3306, http: false }],
    dataPath: '/var/lib/mysql',
    writablePaths: ['/run/mysqld', '/tmp'],
    healthcheck: { test: { exec: ['healthcheck.sh', '--connect', '--innodb_initialized'] }, ...SERVER_CHECK },
    ...SQL_SIZING,
    sources: {
      user: [`${MARIADB_DOCKERFILE}#L4-L5`, `${MARIADB_ENTRYPOINT}#L199-L210`],
      users: `${MARIADB_DOCKERFILE}#L5`,
      ports: `${MARIADB_DOCKERFILE}#L143`,
      dataPath: `${MARIADB_DOCKERFILE}#L137`,
      writablePaths: [`${MARIADB_DOCKERFILE}#L118-L123`, `${MARIADB_ENTRYPOINT}#L121-L141`],
      healthcheck: [`${MARIADB_DOCKERFILE}#L139`, `${MARIADB_HEALTHCHECK}#L20-L22`],
    },
  },
  {
    // Not the official image. The data lives in /bitnami/redis/data. At each start the setup writes redis.conf
    // in /opt/bitnami/redis/etc (refilled from etc.default, which the build copies for that) and the pid file in
    // /opt/bitnami/redis/tmp; logs go to stdout. A TCP check: a password is required unless ALLOW_EMPTY_PASSWORD.
    repositories: ['bitnami/redis'],
    user: BITNAMI_USER,
    ports: [{ name: 'redis', port: 6379, http: false }],
    dataPath: '/bitnami/redis/data',
    writablePaths: ['/opt/bitnami/redis/etc', '/opt/bitnami/redis/tmp'],
    healthcheck: { test: { tcpPort: 6379 }, intervalSeconds: 10, timeoutSeconds: 3, retries: 5, liveness: 'process' },
    ...REDIS_SIZING,
    sources: {
      user: [`${BITNAMI_REDIS_DOCKERFILE}#L60`, `${BITNAMI_REDIS_POSTUNPACK}#L19-L22`],
      ports: `${BITNAMI_REDIS_DOCKERFILE}#L58`,
      dataPath: [`${BITNAMI_REDIS_ENV}#L79`, `${BITNAMI_REDIS_ENV}#L83`],
      writablePaths: [`${BITNAMI_REDIS_ENV}#L80-L82`, `${BITNAMI_REDIS_ENV}#L89-L90`, `${BITNAMI_REDIS_POSTUNPACK}#L28-L33`, `${BITNAMI_REDIS_POSTUNPACK}#L40-L45`],
      healthcheck: `${BITNAMI_REDIS_DOCKERFILE}#L58`,
    },
  },
  {
    // Not the official image. VOLUME /bitnami/postgresql with the cluster in its data subdirectory (so a fresh
    // volume's lost+found is no problem). The entrypoint refills /opt/bitnami/postgresql/conf from a template
    // directory, then the setup rewrites postgresql.conf and pg_hba.conf there; the pid file and an
    // .initialized marker go to /opt/bitnami/postgresql/tmp. uid 1001 has no passwd entry, so the entrypoint
    // preloads nss_wrapper with passwd and group files made by mktemp in /tmp. A TCP check: no client program
    // of the image is cited here.
    repositories: ['bitnami/postgresql'],
    user: BITNAMI_USER,
    ports: [{ name: 'postgres', port: 5432, http: false }],
    dataPath: '/bitnami/postgresql',
    writablePaths: ['/opt/bitnami/postgresql/conf', '/opt/bitnami/postgresql/tmp', '/tmp'],
    healthcheck: { test: { tcpPort: 5432 }, ...SERVER_CHECK },
    ...SQL_SIZING,
    sources: {
      user: [`${BITNAMI_PG_DOCKERFILE}#L69`, `${BITNAMI_PG_POSTUNPACK}#L15-L17`, `${BITNAMI_PG_POSTUNPACK}#L24`],
      ports: `${BITNAMI_PG_DOCKERFILE}#L67`,
      dataPath: [`${BITNAMI_PG_DOCKERFILE}#L65`, `${BITNAMI_PG_ENV}#L179-L183`],
      writablePaths: [
        `${BITNAMI_PG_ENV}#L184-L185`, `${BITNAMI_PG_ENV}#L192-L193`, `${BITNAMI_PG_POSTUNPACK}#L26-L28`,
        `${BITNAMI_PG_ENTRYPOINT}#L19-L20`, `${BITNAMI_PG_ENTRYPOINT}#L24-L25`, `${BITNAMI_PG_ENTRYPOINT}#L30`,
        `${BITNAMI_PG_LIB}#L27-L38`,
      ],
      healthcheck: `${BITNAMI_PG_DOCKERFILE}#L67`,
    },
  },
];
