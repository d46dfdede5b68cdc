/** Expected pods of the database images, written from their Dockerfiles and entrypoints (see `from`). */
import { ExpectedPod } from './types';
import {
  BITNAMI_PG_DOCKERFILE, BITNAMI_PG_ENV, BITNAMI_PG_LIB, BITNAMI_REDIS_DOCKERFILE, BITNAMI_REDIS_ENV, MARIADB_DOCKERFILE, MARIADB_ENTRYPOINT,
  MEMCACHED_DOCKERFILE, MONGO5_DOCKERFILE, MONGO5_ENTRYPOINT, MONGO_DOCKERFILE, MYSQL_DOCKERFILE, MYSQL_ENTRYPOINT, PG17_ALPINE, PG17_DEBIAN,
  PG18_ALPINE, PG18_DEBIAN, PG_ENTRYPOINT, REDIS7_ALPINE, REDIS7_DEBIAN, REDIS8_ALPINE, REDIS8_DEBIAN, VALKEY_ALPINE, VALKEY_DEBIAN
} from '../../../lib/images/catalog-databases-sources';

export const DATABASES_PODS: readonly ExpectedPod[] = [
  {
    // useradd --uid=999; VOLUME /var/lib/postgresql/data; socket directory /var/run/postgresql; here-documents in /tmp.
    image: 'postgres:17.6',
    from: [`${PG17_DEBIAN}#L11-L13`, `${PG17_DEBIAN}#L183-L188`, `${PG17_DEBIAN}#L90`, `${PG_ENTRYPOINT}#L39-L45`, `${PG_ENTRYPOINT}#L206-L216`],
    uid: 999,
    gid: 999,
    writable: ['/var/lib/postgresql/data', '/var/run/postgresql', '/tmp'],
    dataPath: '/var/lib/postgresql/data',
    probe: 'pg_isready',
    env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
  },
  {
    // addgroup -g 70 / adduser -u 70 in the alpine variant.
    image: 'postgres:17.6-alpine',
    from: [`${PG17_ALPINE}#L12-L13`, `${PG17_DEBIAN}#L183-L188`],
    uid: 70,
    gid: 70,
    writable: ['/var/lib/postgresql/data', '/var/run/postgresql', '/tmp'],
    dataPath: '/var/lib/postgresql/data',
    probe: 'pg_isready',
    env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
  },
  {
    // 18: VOLUME /var/lib/postgresql, PGDATA /var/lib/postgresql/18/docker (a subdirectory already).
    image: 'postgres:18.2',
    from: [`${PG18_DEBIAN}#L11-L13`, `${PG18_DEBIAN}#L186-L192`, `${PG18_DEBIAN}#L90`, `${PG_ENTRYPOINT}#L39-L45`],
    uid: 999,
    gid: 999,
    writable: ['/var/lib/postgresql', '/var/run/postgresql', '/tmp'],
    dataPath: '/var/lib/postgresql',
    probe: 'pg_isready',
  },
  {
    image: 'postgres:18.2-alpine',
    from: [`${PG18_ALPINE}#L12-L13`, `${PG18_DEBIAN}#L186-L192`],
    uid: 70,
    gid: 70,
    writable: ['/var/lib/postgresql', '/var/run/postgresql', '/tmp'],
    dataPath: '/var/lib/postgresql',
    probe: 'pg_isready',
  },
  {
    // useradd --uid 999 mysql; VOLUME /var/lib/mysql; socket in /var/run/mysqld; the entrypoint uses mysqladmin.
    image: 'mysql:8.4.6',
    from: [`${MYSQL_DOCKERFILE}#L10-L11`, `${MYSQL_DOCKERFILE}#L79-L92`, `${MYSQL_DOCKERFILE}#L118`, `${MYSQL_ENTRYPOINT}#L163`],
    uid: 999,
    gid: 999,
    writable: ['/var/lib/mysql', '/var/run/mysqld', '/var/lib/mysql-files', '/tmp'],
    dataPath: '/var/lib/mysql',
    probe: 'mysqladmin',
  },
  {
    // useradd --uid 999 mongodb; VOLUME /data/db /data/configdb; the -shell package brings mongosh.
    image: 'mongo:8.0.12',
    from: [`${MONGO_DOCKERFILE}#L11-L14`, `${MONGO_DOCKERFILE}#L100`, `${MONGO_DOCKERFILE}#L109-L113`],
    uid: 999,
    gid: 999,
    writable: ['/data/db', '/data/configdb', '/tmp'],
    dataPath: '/data/db',
    probe: 'mongosh',
  },
  {
    // USER memcache (uid 11211); EXPOSE 11211; no volume.
    image: 'memcached:1.6.38',
    from: [`${MEMCACHED_DOCKERFILE}#L11-L12`, `${MEMCACHED_DOCKERFILE}#L92-L93`],
    uid: 11211,
    gid: 11211,
    writable: [],
    probe: 'TCP 11211',
  },
  {
    // useradd --uid 999 mongodb; VOLUME /data/db /data/configdb; the 5.0 -shell package is the legacy `mongo`
    // shell, which the entrypoint tries first; it keeps its temporary files under TMPDIR=/tmp.
    image: 'mongo:5.0.31',
    from: [`${MONGO5_DOCKERFILE}#L11-L14`, `${MONGO5_DOCKERFILE}#L89`, `${MONGO5_DOCKERFILE}#L96`, `${MONGO5_ENTRYPOINT}#L177-L179`, `${MONGO5_ENTRYPOINT}#L251-L254`],
    uid: 999,
    gid: 999,
    writable: ['/data/db', '/data/configdb', '/tmp'],
    dataPath: '/data/db',
    probe: 'mongo',
  },
  {
    // groupadd -g 999 / useradd -u 999 redis; VOLUME /data; redis-cli is installed with the server.
    image: 'redis:7.4.3',
    from: [`${REDIS7_DEBIAN}#L11-L12`, `${REDIS7_DEBIAN}#L139`, `${REDIS7_DEBIAN}#L142-L144`],
    uid: 999,
    gid: 999,
    writable: ['/data'],
    dataPath: '/data',
    probe: 'redis-cli',
  },
  {
    // addgroup -g 1000 redis (alpine already has a gid 999); adduser -u 999.
    image: 'redis:7.4.3-alpine',
    from: [`${REDIS7_ALPINE}#L11-L13`, `${REDIS7_DEBIAN}#L142-L144`],
    uid: 999,
    gid: 1000,
    writable: ['/data'],
    dataPath: '/data',
    probe: 'redis-cli',
  },
  {
    // 8: no VOLUME any more, but /data is still made for redis and is the working directory.
    image: 'redis:8.6.4',
    from: [`${REDIS8_DEBIAN}#L5-L6`, `${REDIS8_DEBIAN}#L109`, `${REDIS8_DEBIAN}#L112-L113`],
    uid: 999,
    gid: 999,
    writable: ['/data'],
    dataPath: '/data',
    probe: 'redis-cli',
  },
  {
    image: 'redis:8.6.4-alpine',
    from: [`${REDIS8_ALPINE}#L5-L7`, `${REDIS8_DEBIAN}#L112-L113`],
    uid: 999,
    gid: 1000,
    writable: ['/data'],
    dataPath: '/data',
    probe: 'redis-cli',
  },
  {
    // groupadd -g 999 / useradd -u 999 valkey; /data and /run/valkey made for valkey; VOLUME /data.
    image: 'valkey/valkey:9.0.0',
    from: [`${VALKEY_DEBIAN}#L84-L85`, `${VALKEY_DEBIAN}#L99-L106`],
    uid: 999,
    gid: 999,
    writable: ['/data', '/run/valkey'],
    dataPath: '/data',
    probe: 'valkey-cli',
  },
  {
    image: 'valkey/valkey:9.0.0-alpine',
    from: [`${VALKEY_ALPINE}#L81-L83`, `${VALKEY_DEBIAN}#L99-L106`],
    uid: 999,
    gid: 1000,
    writable: ['/data', '/run/valkey'],
    dataPath: '/data',
    probe: 'valkey-cli',
  },
  {
    // useradd -r mysql (the first system user: 999); /run/mysqld mode 1777; VOLUME /var/lib/mysql;
    // healthcheck.sh copied to /usr/local/bin; the entrypoint's temporary server is fed through here-strings.
    image: 'mariadb:11.8.6',
    from: [`${MARIADB_DOCKERFILE}#L5`, `${MARIADB_DOCKERFILE}#L118-L123`, `${MARIADB_DOCKERFILE}#L137-L139`, `${MARIADB_ENTRYPOINT}#L141`],
    uid: 999,
    gid: 999,
    writable: ['/var/lib/mysql', '/run/mysqld', '/tmp'],
    dataPath: '/var/lib/mysql',
    probe: 'healthcheck.sh',
  },
  {
    // USER 1001 (group 0); data in /bitnami/redis/data; config in /opt/bitnami/redis/etc, pid file in .../tmp.
    image: 'bitnami/redis:7.4.2',
    from: [`${BITNAMI_REDIS_DOCKERFILE}#L58-L60`, `${BITNAMI_REDIS_ENV}#L79-L90`],
    uid: 1001,
    gid: 0,
    writable: ['/bitnami/redis/data', '/opt/bitnami/redis/etc', '/opt/bitnami/redis/tmp'],
    dataPath: '/bitnami/redis/data',
    probe: 'TCP 6379',
  },
  {
    // USER 1001 (group 0); VOLUME /bitnami/postgresql; conf and tmp under /opt/bitnami/postgresql; nss_wrapper
    // files from mktemp in /tmp.
    image: 'bitnami/postgresql:17.0.0',
    from: [`${BITNAMI_PG_DOCKERFILE}#L65-L69`, `${BITNAMI_PG_ENV}#L179-L193`, `${BITNAMI_PG_LIB}#L27-L38`],
    uid: 1001,
    gid: 0,
    writable: ['/bitnami/postgresql', '/opt/bitnami/postgresql/conf', '/opt/bitnami/postgresql/tmp', '/tmp'],
    dataPath: '/bitnami/postgresql',
    probe: 'TCP 5432',
  },
];
