import { isLoopback, parseReference, registryFacts, selectPlatform } from '../../lib/images/registry';

const HEX = 'a'.repeat(64);

describe('parseReference', () => {
  test.each([
    ['nginx', { host: 'registry-1.docker.io', repository: 'library/nginx', tag: 'latest' }],
    ['nginx:1.27-alpine', { host: 'registry-1.docker.io', repository: 'library/nginx', tag: '1.27-alpine' }],
    ['bitnami/redis:7.2', { host: 'registry-1.docker.io', repository: 'bitnami/redis', tag: '7.2' }],
    ['docker.io/nginx', { host: 'registry-1.docker.io', repository: 'library/nginx', tag: 'latest' }],
    ['index.docker.io/library/postgres:17', { host: 'registry-1.docker.io', repository: 'library/postgres', tag: '17' }],
    ['ghcr.io/org/team/app:v1.2.3', { host: 'ghcr.io', repository: 'org/team/app', tag: 'v1.2.3' }],
    ['quay.io/keycloak/keycloak', { host: 'quay.io', repository: 'keycloak/keycloak', tag: 'latest' }],
    ['localhost/app', { host: 'localhost', repository: 'app', tag: 'latest' }],
    ['localhost:5000/app:dev', { host: 'localhost:5000', repository: 'app', tag: 'dev' }],
    ['Registry/app', { host: 'Registry', repository: 'app', tag: 'latest' }],
    ['[::1]:5000/a/b', { host: '[::1]:5000', repository: 'a/b', tag: 'latest' }],
    ['my_org/my-app__x', { host: 'registry-1.docker.io', repository: 'my_org/my-app__x', tag: 'latest' }],
    [`nginx@sha256:${HEX}`, { host: 'registry-1.docker.io', repository: 'library/nginx', digest: `sha256:${HEX}` }],
    [`reg.example.com:443/app:1.0@sha256:${HEX}`, { host: 'reg.example.com:443', repository: 'app', digest: `sha256:${HEX}` }],
  ])('%s', (image, expected) => {
    expect(parseReference(image)).toEqual(expected);
  });

  test('a name with upper-case letters is refused', () => {
    expect(() => parseReference('library/Nginx')).toThrow(
      "image 'library/Nginx': the name 'library/Nginx' is not lower-case letters, digits and separators (. _ __ -) between '/'; expected [host[:port]/]name[:tag][@sha256:<64 hex digits>]");
  });

  test('a short digest is refused', () => {
    expect(() => parseReference('nginx@sha256:abc')).toThrow(
      "image 'nginx@sha256:abc': the digest 'sha256:abc' is not sha256: and 64 lower-case hex digits; expected [host[:port]/]name[:tag][@sha256:<64 hex digits>]");
  });

  test('an invalid tag is refused', () => {
    expect(() => parseReference('nginx:-x')).toThrow("image 'nginx:-x': the tag '-x' is not valid; expected");
  });

  test('an empty name is refused', () => {
    expect(() => parseReference('ghcr.io/')).toThrow("image 'ghcr.io/': the name '' is not lower-case");
  });
});

describe('isLoopback', () => {
  test.each([
    ['localhost', true], ['localhost:5000', true], ['127.0.0.1:5000', true], ['127.1.2.3', true],
    ['[::1]:5000', true], ['[::1]', true],
    ['registry-1.docker.io', false], ['localhost.example.com', false], ['128.0.0.1', false], ['ghcr.io:443', false],
  ])('%s: %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });
});

describe('selectPlatform', () => {
  const index = [
    { digest: 'sha256:arm', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    { digest: 'sha256:amd', platform: { os: 'linux', architecture: 'amd64' } },
    { digest: 'sha256:att', platform: { os: 'unknown', architecture: 'unknown' } },
  ];

  test('os and architecture match; the variant is ignored when none is asked for', () => {
    expect(selectPlatform(index, 'linux/amd64')).toBe('sha256:amd');
    expect(selectPlatform(index, 'linux/arm64')).toBe('sha256:arm');
  });

  test('a variant asked for must match', () => {
    expect(selectPlatform(index, 'linux/arm64/v8')).toBe('sha256:arm');
    expect(() => selectPlatform(index, 'linux/arm64/v7')).toThrow(
      'the index has no manifest for platform linux/arm64/v7 (it has linux/arm64/v8, linux/amd64)');
  });

  test('an index with one other platform is not taken for the one asked for', () => {
    expect(() => selectPlatform([index[0]], 'linux/amd64')).toThrow(
      'the index has no manifest for platform linux/amd64 (it has linux/arm64/v8)');
  });
});

describe('registryFacts before any request', () => {
  test('an invalid reference rejects', async () => {
    await expect(registryFacts('Nginx', {})).rejects.toThrow("image 'Nginx': the name 'Nginx' is not lower-case");
  });

  test('an invalid platform rejects', async () => {
    await expect(registryFacts('nginx', { platform: 'amd64' })).rejects.toThrow(
      "image 'nginx': platform 'amd64' is not os/architecture[/variant]; use e.g. linux/amd64 or linux/arm64/v8");
  });
});
