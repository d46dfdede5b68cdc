/** The local engine (docker, then podman) run as small stand-in programs that print what the real clients print. */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { engineFacts } from '../../lib/images/engine';
import { DOCKER_DOC, ID_A } from './inspect-documents';

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
});
