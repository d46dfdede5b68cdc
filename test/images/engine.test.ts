/**
 * Image configs from an inspect document: the config mapping, the
 * `--image-facts` file, and the local engine (docker, then podman) run as
 * small stand-in programs that print what the real clients print.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { imageConfigOf } from '../../lib/images/config';
import { engineFacts } from '../../lib/images/engine';
import { readFactsFile } from '../../lib/images/facts-file';
import { normalReference } from '../../lib/images/inspect';

const ID_A = `sha256:${'a1'.repeat(32)}`;
const ID_B = `sha256:${'b2'.repeat(32)}`;
const DIGEST_B = `sha256:${'c3'.repeat(32)}`;

/** `docker image inspect` of two images (the fields read, and a few that are not). */
const DOCKER_DOC = [
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

describe('imageConfigOf', () => {
  test('maps every field of a config object', () => {
    expect(imageConfigOf(DOCKER_DOC[1].Config)).toEqual({
      user: '10001:10001',
      exposedPorts: ['8080/tcp', '9090/udp'],
      healthcheck: { test: ['CMD', '/app/health'], interval: 30000000000, timeout: 5000000000, retries: 3 },
      workingDir: '/app',
      cmd: ['/app/api', 'serve'],
    });
  });

  test('a null or missing config and null fields are empty', () => {
    expect(imageConfigOf(null)).toEqual({});
    expect(imageConfigOf(undefined)).toEqual({});
    expect(imageConfigOf({ User: null, Env: null, Healthcheck: null })).toEqual({});
  });

  test('keeps an empty User (root) and a NONE health check as they are', () => {
    expect(imageConfigOf({ User: '', Healthcheck: { Test: ['NONE'] } })).toEqual({ user: '', healthcheck: { test: ['NONE'] } });
  });

  test('a health check with no Test (timings only) is absent', () => {
    expect(imageConfigOf({ Healthcheck: { Interval: 1000000000 } })).toEqual({});
  });

  test.each([
    [{ User: 1000 }, 'config.User must be a user name or UID such as "postgres" or "999:999", got 1000'],
    [{ ExposedPorts: ['80/tcp'] }, 'config.ExposedPorts must be an object keyed by "PORT/PROTOCOL" such as {"80/tcp": {}}, got ["80/tcp"]'],
    [{ Volumes: '/data' }, 'config.Volumes must be an object keyed by path such as {"/data": {}}, got "/data"'],
    [{ Entrypoint: '/entrypoint.sh' }, 'config.Entrypoint must be a list of strings such as ["/entrypoint.sh"], got "/entrypoint.sh"'],
    [{ Cmd: ['serve', 1] }, 'config.Cmd must be a list of strings such as ["postgres"], got ["serve",1]'],
    [{ Env: { A: 'b' } }, 'config.Env must be a list of "KEY=value" strings, got {"A":"b"}'],
    [{ Healthcheck: { Test: 'pg_isready' } }, 'config.Healthcheck.Test must be a list such as ["CMD", "pg_isready"], ["CMD-SHELL", "..."] or ["NONE"], got "pg_isready"'],
    [{ Healthcheck: { Test: ['CMD', 'true'], Interval: '30s' } }, 'config.Healthcheck.Interval must be a whole number of nanoseconds such as 30000000000, got "30s"'],
    [{ Healthcheck: { Test: ['CMD', 'true'], Retries: -1 } }, 'config.Healthcheck.Retries must be a whole number such as 3, got -1'],
    ['x', 'config must be an object of the image config (User, Env, ...), got "x"'],
  ])('refuses %j', (doc, message) => {
    expect(() => imageConfigOf(doc)).toThrow(new Error(message));
  });
});

describe('normalReference', () => {
  test.each([
    ['postgres:16', 'docker.io/library/postgres:16'],
    ['postgres', 'docker.io/library/postgres:latest'],
    ['docker.io/library/postgres:16', 'docker.io/library/postgres:16'],
    ['index.docker.io/library/postgres:16', 'docker.io/library/postgres:16'],
    ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
    ['localhost/app', 'localhost/app:latest'],
    ['localhost:5000/app:1', 'localhost:5000/app:1'],
    ['ghcr.io/example/api:2.1', 'ghcr.io/example/api:2.1'],
    [`postgres:16@${DIGEST_B}`, `docker.io/library/postgres@${DIGEST_B}`],
  ])('%s is %s', (ref, normal) => {
    expect(normalReference(ref)).toBe(normal);
  });
});

describe('--image-facts', () => {
  const file = (doc: unknown) => () => JSON.stringify(doc);

  test('finds images by tag with docker normalisation, and by digest', () => {
    const images = ['docker.io/library/postgres:16', 'postgres:16.4', `ghcr.io/example/api@${DIGEST_B}`, 'redis:7'];
    const facts = readFactsFile('facts.json', images, file(DOCKER_DOC));
    expect([...facts.keys()]).toEqual(images.slice(0, 3));
    expect(facts.get('docker.io/library/postgres:16')).toEqual({
      image: 'docker.io/library/postgres:16',
      source: 'facts file',
      from: 'facts.json',
      digest: ID_A,
      config: {
        user: '',
        exposedPorts: ['5432/tcp'],
        env: ['PATH=/usr/local/sbin:/usr/bin', 'PGDATA=/var/lib/postgresql/data'],
        entrypoint: ['docker-entrypoint.sh'],
        cmd: ['postgres'],
        volumes: ['/var/lib/postgresql/data'],
        workingDir: '',
      },
    });
    expect(facts.get(`ghcr.io/example/api@${DIGEST_B}`)).toMatchObject({ digest: ID_B, config: { user: '10001:10001' } });
  });

  test('a tag does not match another tag of the repository, nor latest', () => {
    const facts = readFactsFile('facts.json', ['postgres:15', 'postgres', 'ghcr.io/example/api'], file(DOCKER_DOC));
    expect(facts.size).toBe(0);
  });

  test("reads podman's inspect: a bare Id, full names and the health check beside Config", () => {
    const podman = [{
      Id: 'e5'.repeat(32),
      RepoTags: ['docker.io/library/redis:7'],
      RepoDigests: [],
      Config: { User: 'redis', Cmd: ['redis-server'] },
      Healthcheck: { Test: ['CMD-SHELL', 'redis-cli ping'], Interval: 10000000000 },
    }];
    expect(readFactsFile('p.json', ['redis:7'], file(podman)).get('redis:7')).toEqual({
      image: 'redis:7',
      source: 'facts file',
      from: 'p.json',
      digest: `sha256:${'e5'.repeat(32)}`,
      config: { user: 'redis', cmd: ['redis-server'], healthcheck: { test: ['CMD-SHELL', 'redis-cli ping'], interval: 10000000000 } },
    });
  });

  const fix = 'write the file with docker image inspect IMAGE... > facts.json';
  test.each([
    ['not JSON', '[{', `--image-facts facts.json: not JSON (Expected property name or '}' in JSON at position 2); ${fix}`],
    ['an object', '{"Id": 1}', `--image-facts facts.json: must be a JSON list of image inspect entries, got {"Id":1}; ${fix}`],
    ['an entry that is not an object', '[{}, 7]', `--image-facts facts.json: entry 1: the entry must be an object with RepoTags, RepoDigests, Id and Config, got 7; ${fix}`],
    ['RepoTags a string', '[{"RepoTags": "postgres:16"}]', `--image-facts facts.json: entry 0: RepoTags must be a list of references such as ["postgres:16"], got "postgres:16"; ${fix}`],
    ['an Id that is no image ID', '[{"Id": "postgres"}]', `--image-facts facts.json: entry 0: Id must be an image ID such as "sha256:" and 64 hex digits, got "postgres"; ${fix}`],
    ['a config field of the wrong type', '[{}, {"Config": {"User": 0}}]', `--image-facts facts.json: entry 1: Config.User must be a user name or UID such as "postgres" or "999:999", got 0; ${fix}`],
  ])('refuses %s', (_what, text, message) => {
    expect(() => readFactsFile('facts.json', ['postgres:16'], () => text)).toThrow(new Error(message));
  });

  test('refuses two entries that give one tag to different images', () => {
    const doc = [DOCKER_DOC[0], { Id: ID_B, RepoTags: ['docker.io/library/postgres:16'] }];
    expect(() => readFactsFile('facts.json', ['postgres:16'], file(doc))).toThrow(new Error(
      `--image-facts facts.json: entries 0 and 1 both name 'docker.io/library/postgres:16' but have different Ids (${ID_A}, ${ID_B}); keep only the entry of the image you run, or ${fix}`,
    ));
  });

  test('names a file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'facts-'));
    try {
      const missing = join(dir, 'none.json');
      expect(() => readFactsFile(missing, ['postgres:16'])).toThrow(new Error(
        `--image-facts ${missing}: cannot read it (ENOENT: no such file or directory, open '${missing}'); write the file with docker image inspect IMAGE... > ${missing}`,
      ));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('local engine', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'engine-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A program that records its arguments, prints `stdout` and `stderr` and exits with `code`. */
  function program(name: string, stdout: string, stderr: string, code: number): string {
    const path = join(dir, name);
    writeFileSync(join(dir, `${name}.out`), stdout);
    writeFileSync(join(dir, `${name}.err`), stderr);
    writeFileSync(path, [
      '#!/bin/sh',
      `printf '%s\\n' "$@" > '${path}.args'`,
      `cat '${path}.out'`,
      `cat '${path}.err' >&2`,
      `exit ${code}`,
      '',
    ].join('\n'));
    chmodSync(path, 0o755);
    return path;
  }

  const NO_DAEMON = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';
  const PODMAN_DOC = JSON.stringify([{
    Id: 'f6'.repeat(32),
    RepoTags: ['docker.io/library/nginx:1.27'],
    Config: { ExposedPorts: { '80/tcp': {} }, Cmd: ['nginx', '-g', 'daemon off;'] },
    Healthcheck: { Test: ['CMD', 'curl', '-f', 'http://localhost/'] },
  }], null, 5);

  test('a docker client with no daemon does not answer: podman does, and an image it lacks is absent', async () => {
    const docker = program('docker-no-daemon', '[]\n', NO_DAEMON, 1);
    const podman = program('podman', PODMAN_DOC, 'Error: inspecting object: redis:7: image not known\n', 125);
    const result = await engineFacts(['nginx:1.27', 'redis:7'], {
      engines: [{ source: 'docker', program: docker }, { source: 'podman', program: podman, args: ['--root', '/r'] }],
    });
    expect(result.engine).toEqual({ source: 'podman', program: podman, args: ['--root', '/r'] });
    expect(result.unanswered).toEqual([`${docker}: ${NO_DAEMON.trim()}`]);
    expect([...result.facts.values()]).toEqual([{
      image: 'nginx:1.27',
      source: 'podman',
      from: podman,
      digest: `sha256:${'f6'.repeat(32)}`,
      config: { exposedPorts: ['80/tcp'], cmd: ['nginx', '-g', 'daemon off;'], healthcheck: { test: ['CMD', 'curl', '-f', 'http://localhost/'] } },
    }]);
  });

  test('runs one inspect for all images, after the global options', async () => {
    const podman = program('podman-args', '[]', '', 0);
    await engineFacts(['nginx:1.27', 'redis:7'], { engines: [{ source: 'podman', program: podman, args: ['--root', '/r'] }] });
    const args = readFileSync(`${podman}.args`, 'utf8');
    expect(args).toBe('--root\n/r\nimage\ninspect\n--\nnginx:1.27\nredis:7\n');
  });

  test('docker that answers is used, podman is not run', async () => {
    const docker = program('docker', JSON.stringify(DOCKER_DOC), 'Error response from daemon: No such image: redis:7\n', 1);
    const podman = join(dir, 'podman-never');
    const result = await engineFacts(['postgres:16', 'redis:7'], {
      engines: [{ source: 'docker', program: docker }, { source: 'podman', program: podman }],
    });
    expect(result.engine?.source).toBe('docker');
    expect(result.unanswered).toEqual([]);
    expect([...result.facts.keys()]).toEqual(['postgres:16']);
    expect(result.facts.get('postgres:16')).toMatchObject({ source: 'docker', from: docker, digest: ID_A });
  });

  test('a missing program, a timeout and a broken output do not answer', async () => {
    const sleeper = join(dir, 'sleeper');
    writeFileSync(sleeper, '#!/bin/sh\nexec sleep 5\n');
    chmodSync(sleeper, 0o755);
    const garbled = program('garbled', 'not json', '', 0);
    const missing = join(dir, 'no-such-program');
    const result = await engineFacts(['postgres:16'], {
      timeoutMs: 300,
      engines: [
        { source: 'docker', program: missing },
        { source: 'docker', program: sleeper },
        { source: 'podman', program: garbled },
      ],
    });
    expect(result.engine).toBeUndefined();
    expect(result.facts.size).toBe(0);
    expect(result.unanswered).toEqual([
      `${missing}: not found`,
      `${sleeper}: no answer within 300 ms`,
      `${garbled}: Unexpected token 'o', "not json" is not valid JSON`,
    ]);
  });

  test('an engine that fails for another reason does not answer', async () => {
    const podman = program('podman-broken', '', 'Error: database configuration mismatch\n', 125);
    const result = await engineFacts(['postgres:16'], { engines: [{ source: 'podman', program: podman }] });
    expect(result.unanswered).toEqual([`${podman}: Error: database configuration mismatch`]);
  });

  test('no images: no engine is run', async () => {
    const result = await engineFacts([], { engines: [{ source: 'docker', program: join(dir, 'none') }] });
    expect(result).toEqual({ facts: new Map(), unanswered: [] });
  });
});
