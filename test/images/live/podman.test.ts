/**
 * The local engine against a real podman (test/images/podman/install.sh puts
 * it there): the test writes OCI archives itself, `podman load`s them into a
 * store in its temp dir (vfs, its own root, runroot and tmpdir) and reads them
 * back through engineFacts, after a docker client with no daemon.
 */
import { execFile } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { imageConfigOf } from '../../../lib/images/config';
import { Engine, engineFacts } from '../../../lib/images/engine';

const run = promisify(execFile);
jest.setTimeout(120_000);

/** An image config's `config`, as a Dockerfile with USER, EXPOSE, VOLUME, HEALTHCHECK, ENV, WORKDIR, ENTRYPOINT and CMD makes it. */
const CONFIG = {
  User: '10001:10001',
  ExposedPorts: { '8080/tcp': {}, '8125/udp': {} },
  Volumes: { '/var/lib/app': {} },
  Healthcheck: { Test: ['CMD', '/app/bin/health', '--quiet'], Interval: 15000000000, Timeout: 3000000000, StartPeriod: 20000000000, Retries: 4 },
  Env: ['PATH=/app/bin:/usr/bin:/bin', 'APP_HOME=/app'],
  WorkingDir: '/app',
  Entrypoint: ['/app/bin/start'],
  Cmd: ['serve', '--port', '8080'],
};

/** Media types of an OCI archive's manifest, config and layer: OCI's own, or docker's (which podman keeps the health check of). */
const MEDIA = {
  oci: ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.oci.image.config.v1+json', 'application/vnd.oci.image.layer.v1.tar'],
  docker: ['application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.docker.container.image.v1+json', 'application/vnd.docker.image.rootfs.diff.tar'],
} as const;

/** Places podman writes to that the test creates when they are not there yet, and removes after. */
const PODMAN_SYSTEM_DIRS = ['/run/containers', '/var/lib/containers'];

let dir: string;
let podman: Engine;
let created: string[];

/** Writes a blob under the layout's blobs/sha256 and returns its descriptor. */
function blob(layout: string, mediaType: string, bytes: Buffer): { mediaType: string; digest: string; size: number } {
  const hex = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(layout, 'blobs', 'sha256', hex), bytes);
  return { mediaType, digest: `sha256:${hex}`, size: bytes.length };
}

/** An OCI archive (oci-layout, index.json, blobs) of a one-layer image named `ref`; returns it and its config digest. */
async function ociArchive(name: string, ref: string, media: keyof typeof MEDIA): Promise<{ archive: string; configDigest: string }> {
  const [manifestType, configType, layerType] = MEDIA[media];
  const root = join(dir, name);
  const layout = join(root, 'layout');
  mkdirSync(join(root, 'rootfs', 'app', 'bin'), { recursive: true });
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(root, 'rootfs', 'app', 'bin', 'start'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  await run('tar', ['-C', join(root, 'rootfs'), '--owner=0', '--group=0', '--numeric-owner', '-cf', join(root, 'layer.tar'), 'app']);
  const layerBytes = readFileSync(join(root, 'layer.tar'));
  const layer = blob(layout, layerType, layerBytes);
  const config = blob(layout, configType, Buffer.from(JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    // A label per archive keeps the two images apart (the same config would be one image).
    config: { ...CONFIG, Labels: { 'org.example.media-types': media } },
    rootfs: { type: 'layers', diff_ids: [layer.digest] },
  })));
  const manifest = blob(layout, manifestType, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: manifestType, config, layers: [layer] })));
  writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(join(layout, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    manifests: [{ ...manifest, annotations: { 'org.opencontainers.image.ref.name': ref } }],
  }));
  const archive = join(root, 'image.tar');
  await run('tar', ['-C', layout, '-cf', archive, 'oci-layout', 'index.json', 'blobs']);
  return { archive, configDigest: config.digest };
}

let images: { docker: { configDigest: string }; oci: { configDigest: string } };

beforeAll(async () => {
  created = PODMAN_SYSTEM_DIRS.filter(d => !existsSync(d));
  dir = mkdtempSync(join(tmpdir(), 'podman-'));
  podman = {
    source: 'podman',
    program: 'podman',
    args: [
      '--root', join(dir, 'store'), '--runroot', join(dir, 'run'), '--tmpdir', join(dir, 'tmp'),
      '--storage-driver', 'vfs', '--events-backend', 'none', '--network-config-dir', join(dir, 'net'),
    ],
  };
  try {
    await run('podman', ['--version']);
  } catch (e) {
    throw new Error(`podman does not run (${(e as Error).message.split('\n')[0]}); install it with test/images/podman/install.sh`);
  }
  const docker = await ociArchive('docker-types', 'example.test/stackport/app:1.0', 'docker');
  const oci = await ociArchive('oci-types', 'example.test/stackport/oci:1.0', 'oci');
  for (const { archive } of [docker, oci]) {
    await run('podman', [...podman.args!, 'load', '-i', archive]);
  }
  images = { docker, oci };
});

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  for (const d of created ?? []) rmSync(d, { recursive: true, force: true });
});

/** A docker client pointed at a socket no daemon listens on (or no docker at all): either way it does not answer. */
function noDaemonDocker(): Engine {
  return { source: 'docker', program: 'docker', args: ['--host', `unix://${join(dir, 'no-daemon.sock')}`] };
}

test('podman answers after a docker client with no daemon, with the config the archive holds', async () => {
  const result = await engineFacts(['example.test/stackport/app:1.0', 'example.test/stackport/absent:1'], {
    engines: [noDaemonDocker(), podman],
  });
  expect(result.engine).toBe(podman);
  expect(result.unanswered).toHaveLength(1);
  expect(result.unanswered[0]).toMatch(/^docker: (not found|Cannot connect to the Docker daemon at unix:\/\/.*no-daemon\.sock)/);
  expect([...result.facts.keys()]).toEqual(['example.test/stackport/app:1.0']);
  expect(result.facts.get('example.test/stackport/app:1.0')).toEqual({
    image: 'example.test/stackport/app:1.0',
    source: 'podman',
    from: 'podman',
    digest: images.docker.configDigest,
    config: imageConfigOf(CONFIG),
  });
});

test('an image with OCI media types keeps User, ports, volumes, env, workdir, entrypoint and cmd', async () => {
  const { facts } = await engineFacts(['example.test/stackport/oci:1.0'], { engines: [podman] });
  const got = facts.get('example.test/stackport/oci:1.0');
  expect(got?.digest).toBe(images.oci.configDigest);
  // Podman 4.3 drops HEALTHCHECK from an image with OCI media types (the OCI
  // config has no such field), so the health check is not compared here.
  const { healthcheck: _, ...expected } = imageConfigOf(CONFIG);
  expect({ ...got?.config, healthcheck: undefined }).toEqual({ ...expected, healthcheck: undefined });
});

test('the podman name of a Docker Hub image matches the short reference', async () => {
  await run('podman', [...podman.args!, 'tag', 'example.test/stackport/app:1.0', 'docker.io/library/stackport-app:1.0']);
  const { facts } = await engineFacts(['stackport-app:1.0'], { engines: [podman] });
  expect(facts.get('stackport-app:1.0')?.digest).toBe(images.docker.configDigest);
});
