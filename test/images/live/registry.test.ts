/**
 * registryFacts against a real OCI registry on loopback: go-containerregistry's
 * `crane registry serve` (built by test/images/registry/build.sh), filled with
 * images this test assembles and pushes through the OCI push API. Not part of
 * `npm test`: it builds a Go binary on first use.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { createHash } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import * as fs from 'fs';
import * as os from 'os';
import { convert, loadProject, pulledImages } from '../../../lib/compose/import';
import { lookupImages } from '../../../lib/images/lookup';
import { parseReference, registryFacts } from '../../../lib/images/registry';

const ROOT = path.resolve(__dirname, '../../../..');
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

let crane: ChildProcess;
let registry: string; // 127.0.0.1:<port>
const servers: http.Server[] = [];

/** Starts crane's registry on a free loopback port (it logs the port it got). */
async function startRegistry(): Promise<void> {
  const bin = execFileSync('bash', [path.join(ROOT, 'test/images/registry/build.sh')], { stdio: ['ignore', 'pipe', 'inherit'] })
    .toString().trim();
  crane = spawn(bin, ['registry', 'serve', '--address', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  registry = await new Promise<string>((resolve, reject) => {
    let log = '';
    crane.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const port = /serving on port (\d+)/.exec(log);
      if (port) resolve(`127.0.0.1:${port[1]}`);
    });
    crane.once('exit', code => reject(new Error(`crane registry serve exited with ${code}: ${log}`)));
  });
}

async function pushBlob(repo: string, content: Buffer): Promise<string> {
  const digest = sha256(content);
  const start = await fetch(`http://${registry}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  expect(start.status).toBe(202);
  const location = new URL(start.headers.get('location')!, `http://${registry}`);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', body: content, headers: { 'Content-Type': 'application/octet-stream' } });
  expect(put.status).toBe(201);
  return digest;
}

async function pushManifest(repo: string, reference: string, mediaType: string, manifest: object): Promise<string> {
  const body = Buffer.from(JSON.stringify(manifest));
  const put = await fetch(`http://${registry}/v2/${repo}/manifests/${reference}`,
    { method: 'PUT', body, headers: { 'Content-Type': mediaType } });
  expect(put.status).toBe(201);
  return sha256(body);
}

/** Pushes a config blob, a small layer and a manifest; the manifest's and the config's digests. */
async function pushImage(repo: string, reference: string, config: object, docker = false)
  : Promise<{ manifest: string; config: string; size: number }> {
  const configBytes = Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', config,
    rootfs: { type: 'layers', diff_ids: [] },
  }));
  const layer = Buffer.from(`layer of ${repo} ${JSON.stringify(config)}`);
  const configDigest = await pushBlob(repo, configBytes);
  const layerDigest = await pushBlob(repo, layer);
  const body = {
    schemaVersion: 2,
    mediaType: docker ? DOCKER_MANIFEST : OCI_MANIFEST,
    config: { mediaType: docker ? DOCKER_CONFIG : OCI_CONFIG, digest: configDigest, size: configBytes.length },
    layers: [{ mediaType: docker ? DOCKER_LAYER : OCI_LAYER, digest: layerDigest, size: layer.length }],
  };
  const manifest = await pushManifest(repo, reference, body.mediaType, body);
  return { manifest, config: configDigest, size: Buffer.byteLength(JSON.stringify(body)) };
}

const AMD64_CONFIG = {
  User: '1000:1000',
  ExposedPorts: { '8080/tcp': {}, '9090/udp': {} },
  Volumes: { '/data': {} },
  Healthcheck: { Test: ['CMD', 'wget', '-qO-', 'http://localhost:8080/health'], Interval: 30e9, Timeout: 5e9, StartPeriod: 10e9, Retries: 3 },
  WorkingDir: '/app',
  Entrypoint: ['/entrypoint.sh'],
  Cmd: ['serve'],
  Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'APP_PORT=8080'],
};
const AMD64_EXPECTED = {
  user: '1000:1000',
  exposedPorts: ['8080/tcp', '9090/udp'],
  volumes: ['/data'],
  healthcheck: { test: ['CMD', 'wget', '-qO-', 'http://localhost:8080/health'], interval: 30e9, timeout: 5e9, startPeriod: 10e9, retries: 3 },
  workingDir: '/app',
  entrypoint: ['/entrypoint.sh'],
  cmd: ['serve'],
  env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'APP_PORT=8080'],
};
const ARM64_CONFIG = { User: 'nobody', ExposedPorts: { '80/tcp': {} }, Cmd: ['arm'] };

let amd64: { manifest: string; config: string; size: number };
let arm64: { manifest: string; config: string; size: number };
let index: string;
let docker: { manifest: string; config: string };

async function listen(server: http.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  await startRegistry();
  arm64 = await pushImage('app', 'arm64-only', ARM64_CONFIG);
  amd64 = await pushImage('app', 'amd64-only', AMD64_CONFIG);
  index = await pushManifest('app', 'multi', OCI_INDEX, {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      { mediaType: OCI_MANIFEST, digest: arm64.manifest, size: arm64.size, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      { mediaType: OCI_MANIFEST, digest: amd64.manifest, size: amd64.size, platform: { os: 'linux', architecture: 'amd64' } },
    ],
  });
  docker = await pushImage('team/legacy', '1.0', AMD64_CONFIG, true);
}, 300_000);

afterAll(async () => {
  crane?.kill();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  }
});

describe('an OCI registry on loopback, over plain HTTP', () => {
  test('an index leads to the linux/amd64 manifest and its config', async () => {
    expect(await registryFacts(`${registry}/app:multi`, {})).toEqual({
      image: `${registry}/app:multi`, source: 'registry', from: registry, digest: amd64.config, config: AMD64_EXPECTED,
    });
  });

  test('another platform reads its own config; its variant need not be given', async () => {
    const facts = await registryFacts(`${registry}/app:multi`, { platform: 'linux/arm64' });
    expect(facts.digest).toBe(arm64.config);
    expect(facts.config).toEqual({ user: 'nobody', exposedPorts: ['80/tcp'], cmd: ['arm'] });
  });

  test('a platform the index lacks rejects, naming those it has', async () => {
    await expect(registryFacts(`${registry}/app:multi`, { platform: 'linux/s390x' })).rejects.toThrow(
      `image '${registry}/app:multi': cannot read the manifest of tag multi from registry ${registry}: `
      + 'the index has no manifest for platform linux/s390x (it has linux/arm64/v8, linux/amd64)');
  });

  test('a Docker v2 manifest', async () => {
    const facts = await registryFacts(`${registry}/team/legacy:1.0`, {});
    expect(facts.digest).toBe(docker.config);
    expect(facts.config).toEqual(AMD64_EXPECTED);
  });

  test('a digest reference: of a manifest, and of an index (the tag beside it ignored)', async () => {
    expect((await registryFacts(`${registry}/app@${arm64.manifest}`, {})).digest).toBe(arm64.config);
    expect((await registryFacts(`${registry}/app:ignored@${index}`, {})).digest).toBe(amd64.config);
  });

  test('a missing tag rejects with one line naming the image, the registry and the status', async () => {
    const err: Error = await registryFacts(`${registry}/app:nope`, {}).then(() => new Error('resolved'), e => e);
    expect(err.message).toBe(`image '${registry}/app:nope': cannot read the manifest of tag nope from registry ${registry}: `
      + 'HTTP 404 (MANIFEST_UNKNOWN: Unknown manifest)');
  });

  test('a missing repository rejects the same way', async () => {
    await expect(registryFacts(`${registry}/nothing/here`, {})).rejects.toThrow(
      `image '${registry}/nothing/here': cannot read the manifest of tag latest from registry ${registry}: HTTP 404 (NAME_UNKNOWN: Unknown name)`);
  });

  test('a config blob the registry lacks rejects, naming the blob', async () => {
    const missing = `sha256:${'0'.repeat(64)}`;
    const manifest = await pushManifest('app', 'no-config', OCI_MANIFEST, {
      schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: OCI_CONFIG, digest: missing, size: 2 }, layers: [],
    });
    expect(manifest).toMatch(/^sha256:/);
    await expect(registryFacts(`${registry}/app:no-config`, {})).rejects.toThrow(
      `image '${registry}/app:no-config': cannot read the config blob ${missing} from registry ${registry}: HTTP 404`);
  });
});

describe('a registry that never answers', () => {
  test('rejects once the timeout has passed, and leaves no connection open', async () => {
    let requests = 0;
    let open = 0;
    const hanging = http.createServer(() => { requests += 1; });
    hanging.on('connection', socket => {
      open += 1;
      socket.on('close', () => { open -= 1; });
    });
    const port = await listen(hanging);
    await expect(registryFacts(`127.0.0.1:${port}/app:1`, { timeoutMs: 300 })).rejects.toThrow(
      `image '127.0.0.1:${port}/app:1': cannot read the manifest of tag 1 from registry 127.0.0.1:${port}: no answer within 300 ms`);
    expect(requests).toBe(1);
    await new Promise<void>(resolve => { const poll = () => (open === 0 ? resolve() : setImmediate(poll)); poll(); });
    expect(open).toBe(0);
  });
});

describe('a registry behind an anonymous bearer-token challenge', () => {
  const tokenRequests: Array<{ query: URLSearchParams; authorization?: string }> = [];
  const reachedRegistry: string[] = [];
  let proxy: string;

  /** The repository a /v2/ request names, as the scope of its token. */
  const scopeOf = (url: string) => {
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/[^/]+$/.exec(url.split('?')[0]);
    return m ? `repository:${m[1]}:pull` : 'registry:catalog:*';
  };
  const tokenFor = (scope: string) => `anon-${createHash('sha256').update(scope).digest('hex').slice(0, 16)}`;

  beforeAll(async () => {
    const server = http.createServer((req, res) => {
      const url = new URL(req.url!, `http://${proxy}`);
      if (url.pathname === '/token') {
        tokenRequests.push({ query: url.searchParams, authorization: req.headers.authorization });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ token: tokenFor(url.searchParams.get('scope') ?? '') }));
        return;
      }
      const scope = scopeOf(req.url!);
      if (req.headers.authorization !== `Bearer ${tokenFor(scope)}`) {
        res.writeHead(401, {
          'Content-Type': 'application/json',
          'WWW-Authenticate': `Bearer realm="http://${proxy}/token",service="stackport-test",scope="${scope}"`,
        });
        res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
        return;
      }
      reachedRegistry.push(`${req.method} ${req.url}`);
      const [host, port] = registry.split(':');
      const headers = { ...req.headers, host: registry };
      delete headers.authorization;
      const upstream = http.request({ host, port: Number(port), method: req.method, path: req.url, headers }, up => {
        res.writeHead(up.statusCode!, up.headers);
        up.pipe(res);
      });
      upstream.on('error', err => { res.writeHead(502); res.end(String(err)); });
      req.pipe(upstream);
    });
    proxy = `127.0.0.1:${await listen(server)}`;
  });

  test('the client gets a token anonymously and reads the index, the manifest and the config', async () => {
    const facts = await registryFacts(`${proxy}/app:multi`, {});
    expect(facts).toMatchObject({ from: proxy, digest: amd64.config, config: AMD64_EXPECTED });
    expect(reachedRegistry).toEqual([
      'GET /v2/app/manifests/multi',
      `GET /v2/app/manifests/${amd64.manifest}`,
      `GET /v2/app/blobs/${amd64.config}`,
    ]);
    expect(tokenRequests.length).toBeGreaterThanOrEqual(1);
    for (const t of tokenRequests) {
      expect(t.query.get('service')).toBe('stackport-test');
      expect(t.query.get('scope')).toBe('repository:app:pull');
      expect(t.authorization).toBeUndefined();
    }
  });

  test('without a token nothing reaches the registry: a missing tag still reads as 404 once authorized', async () => {
    reachedRegistry.length = 0;
    await expect(registryFacts(`${proxy}/app:nope`, {})).rejects.toThrow(
      `image '${proxy}/app:nope': cannot read the manifest of tag nope from registry ${proxy}: HTTP 404 (MANIFEST_UNKNOWN: Unknown manifest)`);
    expect(reachedRegistry).toEqual(['GET /v2/app/manifests/nope']);
  });
});

describe('a bearer realm on another host', () => {
  test('is refused before any token request (the library checks the realm against the registry host)', async () => {
    let tokenRequests = 0;
    let port = 0;
    const server = http.createServer((req, res) => {
      if (req.url!.startsWith('/token')) {
        tokenRequests += 1;
        res.end('{"token":"x"}');
        return;
      }
      res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://localhost:${port}/token",service="s",scope="repository:app:pull"` });
      res.end();
    });
    port = await listen(server);
    await expect(registryFacts(`127.0.0.1:${port}/app`, {})).rejects.toThrow(
      `image '127.0.0.1:${port}/app': cannot read the manifest of tag latest from registry 127.0.0.1:${port}: `
      + `its bearer realm http://localhost:${port}/token is not on the registry's host, so no token was asked for`);
    expect(tokenRequests).toBe(0);
  });
});

describe('an import that reads its images from the registry', () => {
  test("the image's config reaches the chart, with its source and digest; a missing image gets a TODO with the cause", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-registry-import-'));
    const app = `${registry}/app:multi`;
    const ghost = `${registry}/ghost:1.0`;
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), `services:\n  app:\n    image: ${app}\n  ghost:\n    image: ${ghost}\n    command: ["sleep", "infinity"]\n`);
    const project = loadProject({ files: [], cwd: dir });
    const images = pulledImages(project);
    const lines: string[] = [];
    const { facts, unread } = await lookupImages(images, { registry: image => registryFacts(image, { timeoutMs: 5000 }), hostOf: image => parseReference(image).host }, line => lines.push(line));
    const result = convert({ files: [], name: 'fromregistry', cwd: dir, project, imageFacts: facts, unreadImages: unread });
    const spec = result.spec.services.find(s => s.name === 'app') as any;
    expect([spec.user, spec.ports, spec.writablePaths, spec.healthcheck.test]).toEqual([
      { uid: 1000, gid: 1000 }, [{ name: 'http', port: 8080 }, { name: 'udp-9090', port: 9090, protocol: 'UDP' }], ['/data', '/tmp'], { httpGet: '/health' }]);
    expect(result.chart).toContain(` * - '${app}': its config, from registry ${registry} (${amd64.config})`);
    expect(result.todos.find(t => t.startsWith(`the config of image '${ghost}' could not be read`))).toMatch(/HTTP 404/);
    // One progress line per image as it is answered (in either order: they are asked at once).
    expect(lines.map(l => l.replace(/^image [12]\/2: /, '').replace(/ not read: .*/, ' not read')).sort()).toEqual([`'${app}' from registry ${registry}`, `'${ghost}' not read`]);
    fs.rmSync(dir, { recursive: true });
  });
});
