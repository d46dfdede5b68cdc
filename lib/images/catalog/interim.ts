/**
 * Catalog entries not yet verified against their images' sources (no
 * citations): the importer's knowledge before the verified catalog.
 */
import { CatalogEntry } from '../types';

const DATABASE_CHECK = { intervalSeconds: 10, timeoutSeconds: 5, retries: 5, liveness: 'process' } as const;
const SQL_SERVER = { user: { uid: 999, gid: 999 }, resources: { cpu: '250m', memory: '512Mi' }, shutdownSeconds: 60, sources: {} } as const;

export const INTERIM: readonly CatalogEntry[] = [
  {
    repositories: ['postgres', 'postgis/postgis'],
    ...SQL_SERVER,
    alpineUser: { uid: 70, gid: 70 },
    users: { postgres: { uid: 999, gid: 999 } },
    ports: [{ name: 'postgres', port: 5432, http: false }],
    dataPath: '/var/lib/postgresql/data',
    env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
    writablePaths: ['/var/run/postgresql', '/tmp'],
    healthcheck: { test: { exec: ['sh', '-c', 'pg_isready -U "${POSTGRES_USER:-postgres}"'] }, ...DATABASE_CHECK },
  },
  {
    repositories: ['mysql'],
    ...SQL_SERVER,
    users: { mysql: { uid: 999, gid: 999 } },
    ports: [{ name: 'mysql', port: 3306, http: false }],
    dataPath: '/var/lib/mysql',
    writablePaths: ['/var/run/mysqld', '/tmp'],
    healthcheck: { test: { exec: ['mysqladmin', 'ping', '-h', '127.0.0.1', '--silent'] }, ...DATABASE_CHECK },
  },
  {
    repositories: ['mariadb'],
    ...SQL_SERVER,
    users: { mysql: { uid: 999, gid: 999 } },
    ports: [{ name: 'mysql', port: 3306, http: false }],
    dataPath: '/var/lib/mysql',
    writablePaths: ['/run/mysqld', '/tmp'],
    healthcheck: { test: { exec: ['healthcheck.sh', '--connect', '--innodb_initialized'] }, ...DATABASE_CHECK },
  },
  {
    repositories: ['redis', 'valkey/valkey'],
    user: { uid: 999, gid: 999 },
    alpineUser: { uid: 999, gid: 1000 },
    users: { redis: { uid: 999, gid: 999 } },
    ports: [{ name: 'redis', port: 6379, http: false }],
    dataPath: '/data',
    dataSize: '1Gi',
    writablePaths: [],
    healthcheck: { test: { exec: ['redis-cli', 'ping'] }, intervalSeconds: 10, timeoutSeconds: 3, retries: 5, liveness: 'process' },
    resources: { cpu: '100m', memory: '256Mi' },
    sources: {},
  },
  {
    repositories: ['mongo'],
    user: { uid: 999, gid: 999 },
    users: { mongodb: { uid: 999, gid: 999 } },
    ports: [{ name: 'mongodb', port: 27017, http: false }],
    dataPath: '/data/db',
    writablePaths: ['/data/configdb', '/tmp'],
    healthcheck: { test: { exec: ['mongosh', '--quiet', '--eval', "db.adminCommand('ping')"] }, ...DATABASE_CHECK },
    resources: { cpu: '250m', memory: '512Mi' },
    sources: {},
  },
];
