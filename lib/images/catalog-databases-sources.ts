/**
 * The files the database images' facts were read from, at pinned commits
 * (the catalog and the pod expectations cite lines of these).
 */
export const PG = 'https://github.com/docker-library/postgres/blob';
export const PG17_DEBIAN = `${PG}/03e18d66ddd00497a6a7f8365747fb31386ccba6/17/bookworm/Dockerfile`;
export const PG17_ALPINE = `${PG}/2c751341b6454412f2048de021a1f185212939de/17/alpine3.22/Dockerfile`;
export const PG18_DEBIAN = `${PG}/12eb5762e3cf3c44440ed078b59843b5dfbde570/18/trixie/Dockerfile`;
export const PG18_ALPINE = `${PG}/12eb5762e3cf3c44440ed078b59843b5dfbde570/18/alpine3.22/Dockerfile`;
/** The entrypoint script every variant shares (this copy from the 18 alpine directory). */
export const PG_ENTRYPOINT = `${PG}/c9fa4d7c3234697f0f5abf3f6e2116e28803680d/18/alpine3.21/docker-entrypoint.sh`;
export const MYSQL_DOCKERFILE = 'https://github.com/docker-library/mysql/blob/3447d2db9bc3084a226381b97ea852f8f9d96406/8.4/Dockerfile.oracle';
export const MYSQL_ENTRYPOINT = 'https://github.com/docker-library/mysql/blob/06118821c80d79b251254736b06670828b63b6aa/8.4/docker-entrypoint.sh';
export const MONGO_DOCKERFILE = 'https://github.com/docker-library/mongo/blob/0223203c85f9e026c05e4f34794f2f5dc719f9b3/8.0/Dockerfile';
export const MEMCACHED_DOCKERFILE = 'https://github.com/docker-library/memcached/blob/0215dbaa543d98b7e54eee9162906d31fcb8677e/1/debian/Dockerfile';
export const MONGO5_DOCKERFILE = 'https://github.com/docker-library/mongo/blob/04ae6ffee4dda6f3e3e89303978c6306d26eef70/5.0/Dockerfile';
export const MONGO5_ENTRYPOINT = 'https://github.com/docker-library/mongo/blob/04ae6ffee4dda6f3e3e89303978c6306d26eef70/5.0/docker-entrypoint.sh';
export const REDIS = 'https://github.com/redis/docker-library-redis/blob';
export const REDIS7_DEBIAN = `${REDIS}/0642e8613deef6a2838814944485fd4a057b8fb4/7.4/debian/Dockerfile`;
export const REDIS7_ALPINE = `${REDIS}/0642e8613deef6a2838814944485fd4a057b8fb4/7.4/alpine/Dockerfile`;
/** The 7.x entrypoint (this copy from the 7.2 directory). */
export const REDIS7_ENTRYPOINT = `${REDIS}/a706f58d1eda013be586ae02817fe416aa92d6ec/7.2/debian/docker-entrypoint.sh`;
export const REDIS8_DEBIAN = `${REDIS}/0076c90a8028d29b25313f7272fa2d1245c3be76/debian/Dockerfile`;
export const REDIS8_ALPINE = `${REDIS}/0076c90a8028d29b25313f7272fa2d1245c3be76/alpine/Dockerfile`;
export const REDIS8_ENTRYPOINT = `${REDIS}/0d55be9aa67b917c2a45cadabf07518f356443b0/debian/docker-entrypoint.sh`;
export const VALKEY = 'https://github.com/valkey-io/valkey-container/blob';
export const VALKEY_DEBIAN = `${VALKEY}/01966293522aeb5399521609cf673941a1ae61ef/9.0/debian/Dockerfile`;
export const VALKEY_ALPINE = `${VALKEY}/01966293522aeb5399521609cf673941a1ae61ef/9.0/alpine/Dockerfile`;
export const VALKEY_ENTRYPOINT = `${VALKEY}/2a80026d51102f32b36b249542027cb11223a7f1/docker-entrypoint.sh`;
export const MARIADB = 'https://github.com/MariaDB/mariadb-docker/blob';
export const MARIADB_DOCKERFILE = `${MARIADB}/15e640e948cccd9c05f7149f3d22ef1abd952de5/11.8/Dockerfile`;
export const MARIADB_ENTRYPOINT = `${MARIADB}/17518aee23c62490597604ae7af90315e987ebd6/11.8/docker-entrypoint.sh`;
export const MARIADB_HEALTHCHECK = `${MARIADB}/c02ad8feaccd4d575e72157be56b8439bd85a3e4/11.8/healthcheck.sh`;
export const BITNAMI = 'https://github.com/bitnami/containers/blob';
export const BITNAMI_REDIS_DOCKERFILE = `${BITNAMI}/02a6e6c6f970409d653ae613eae034a1ea66e879/bitnami/redis/7.4/debian-12/Dockerfile`;
export const BITNAMI_REDIS_ENV = `${BITNAMI}/19bf07ddb20a48442cc5e2c14195f05f0a0d0be7/bitnami/redis/7.4/debian-12/rootfs/opt/bitnami/scripts/redis-env.sh`;
export const BITNAMI_REDIS_POSTUNPACK = `${BITNAMI}/e5d59bc7fd7f5071b24c23e8cc1231f055bb3a04/bitnami/redis/7.4/debian-12/rootfs/opt/bitnami/scripts/redis/postunpack.sh`;
export const BITNAMI_PG_DOCKERFILE = `${BITNAMI}/0293904cf4e5d8585b9ff3c4032325953be97e76/bitnami/postgresql/17/debian-12/Dockerfile`;
export const BITNAMI_PG_ENV = `${BITNAMI}/165b82cb9d331d76ce225c2f5b83a4a811b5309f/bitnami/postgresql/17/debian-12/rootfs/opt/bitnami/scripts/postgresql-env.sh`;
export const BITNAMI_PG_POSTUNPACK = `${BITNAMI}/4a136e150c68cb364f100421bece11fd5d08d33d/bitnami/postgresql/17/debian-12/rootfs/opt/bitnami/scripts/postgresql/postunpack.sh`;
export const BITNAMI_PG_LIB = `${BITNAMI}/043f89c88c0ea505b02145ba5dd2299e9cd3058e/bitnami/postgresql/17/debian-12/rootfs/opt/bitnami/scripts/libpostgresql.sh`;
/** An entrypoint of the 16 image (the 17 one is not in the sources read): it refills the config directory each start. */
export const BITNAMI_PG_ENTRYPOINT = `${BITNAMI}/89c3acd99792102f00ba25c56b140a19d68cbb36/bitnami/postgresql/16/debian-11/rootfs/opt/bitnami/scripts/postgresql/entrypoint.sh`;
