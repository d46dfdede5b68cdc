/** Inspect documents of docker and podman, shared by the tests of the image config mapping and of the local engine. */
export const ID_A = `sha256:${'a1'.repeat(32)}`;
export const ID_B = `sha256:${'b2'.repeat(32)}`;
export const DIGEST_B = `sha256:${'c3'.repeat(32)}`;

/** `docker image inspect` of two images (the fields read, and a few that are not). */
export const DOCKER_DOC = [
  {
    Id: ID_A,
    RepoTags: ['postgres:16', 'postgres:16.4'],
    RepoDigests: [`postgres@sha256:${'d4'.repeat(32)}`],
    Architecture: 'amd64',
    Config: {
      User: '',
      ExposedPorts: { '5432/tcp': {} },
      Env: ['PATH=/usr/local/sbin:/usr/bin', 'PGDATA=/var/lib/postgresql/data'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['postgres'],
      Volumes: { '/var/lib/postgresql/data': {} },
      WorkingDir: '',
      Labels: null,
      StopSignal: 'SIGINT',
    },
  },
  {
    Id: ID_B,
    RepoTags: ['ghcr.io/example/api:2.1'],
    RepoDigests: [`ghcr.io/example/api@${DIGEST_B}`],
    Config: {
      User: '10001:10001',
      ExposedPorts: { '8080/tcp': {}, '9090/udp': {} },
      Healthcheck: { Test: ['CMD', '/app/health'], Interval: 30000000000, Timeout: 5000000000, StartPeriod: 0, Retries: 3 },
      WorkingDir: '/app',
      Entrypoint: null,
      Cmd: ['/app/api', 'serve'],
      Env: null,
      Volumes: null,
    },
  },
];
