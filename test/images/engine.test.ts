/**
 * Image configs from an inspect document: the config mapping, the
 * `--image-facts` file, and the local engine when there is nothing to ask
 * (engine.integration.test.ts runs it with stand-in programs).
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { imageConfigOf } from '../../lib/images/config';
import { engineFacts } from '../../lib/images/engine';
import { readFactsFile } from '../../lib/images/facts-file';
import { normalReference } from '../../lib/images/inspect';
import { DOCKER_DOC, ID_A, ID_B, DIGEST_B } from './inspect-documents';

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
  test('no images: no engine is run', async () => {
    const result = await engineFacts([], { engines: [{ source: 'docker', program: join(tmpdir(), 'stackport-no-engine') }] });
    expect(result).toEqual({ facts: new Map(), unanswered: [] });
  });
});
