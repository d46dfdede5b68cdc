/**
 * What an image's own config says reaches the spec: its user, the ports it
 * exposes, its volumes and its health check; the catalog's facts where it
 * says nothing, and a TODO where the two disagree or the config was not read.
 */
import { knowledgeOf } from '../../lib/images/knowledge';
import { ImageConfig, ImageFacts } from '../../lib/images/types';
import { mapYaml, serviceOf } from '../import/util';

const facts = (image: string, config: ImageConfig): ImageFacts => ({ image, source: 'registry', from: 'registry.example.com', digest: 'sha256:0123abcd', config });
const APP = 'registry.example.com/team/app:2.4.1';

/** One service running `image` (with more compose lines), mapped with the facts of its config. */
function mapped(config: ImageConfig, more = '', image = APP) {
  const m = mapYaml(`services:\n  app:\n    image: ${image}\n${more}`, { imageFacts: new Map([[image, facts(image, config)]]) });
  return { m, app: serviceOf(m, 'app') as any };
}

describe('the user of the image config', () => {
  test('a numeric USER runs as that UID, with group 0 as docker gives it when /etc/passwd does not list it', () => {
    expect(mapped({ user: '1001' }).app.user).toEqual({ uid: 1001, gid: 0 });
  });

  test('a numeric USER with a group keeps both, group 0 included', () => {
    expect(mapped({ user: '1001:0' }).app.user).toEqual({ uid: 1001, gid: 0 });
    expect(mapped({ user: '70:70' }).app.user).toEqual({ uid: 70, gid: 70 });
  });

  test("compose's user wins over the image's", () => {
    expect(mapped({ user: '1001' }, '    user: "2000:2000"\n').app.user).toEqual({ uid: 2000, gid: 2000 });
  });

  test('a USER the catalog cannot resolve keeps the guess, with a TODO naming x-stackport.uid', () => {
    const { m, app } = mapped({ user: 'appuser' });
    expect(app.user).toEqual({ uid: 10001, gid: 10001 });
    expect(m.todos.filter(t => t.startsWith("service 'app': the image's config"))).toEqual([
      `service 'app': the image's config runs it as user 'appuser' (USER appuser), whose UID is not known here; find it with docker run --rm --entrypoint id ${APP}, and set it with x-stackport.uid`,
      "service 'app': the image's config gives no user it can run as (USER appuser); it runs as 10001:10001 here, an unverified guess: check that the image works as that user, or set x-stackport uid/gid",
    ]);
  });

  test('an image that runs as root, outside the catalog, runs as the guess, with a TODO that says so', () => {
    const { m, app } = mapped({ user: '' });
    expect(app.user).toEqual({ uid: 10001, gid: 10001 });
    expect(m.todos).toContain("service 'app': the image's config gives no user it can run as (USER unset: root); it runs as 10001:10001 here, an unverified guess: check that the image works as that user, or set x-stackport uid/gid");
  });

  test("a catalog image's numeric USER that differs from the catalog is used, with a note", () => {
    const { m, app } = mapped({ user: '1000:1000' }, '', 'postgres:17.6');
    expect(app.user).toEqual({ uid: 1000, gid: 1000 });
    expect(m.todos).toContain("service 'app': the image's config runs it as 1000:1000 (USER 1000:1000), the catalog says 999:999 for 'postgres': the image's user is used");
  });

  test("root in the config of a catalog image runs as the catalog's user (its entrypoint drops to it)", () => {
    expect(mapped({ user: '' }, '', 'postgres:17.6').app.user).toEqual({ uid: 999, gid: 999 });
  });
});

describe('ports, volumes and health check of the image config', () => {
  test('exposed ports become the Service ports of a service that lists none, the first HTTP one named http', () => {
    const { m, app } = mapped({ exposedPorts: ['8080/tcp', '9000/tcp', '5353/udp'] });
    expect(app.ports).toEqual([{ name: 'http', port: 8080 }, { name: 'tcp-9000', port: 9000 }, { name: 'udp-5353', port: 5353, protocol: 'UDP' }]);
    expect(m.todos).toContain("service 'app': compose lists no ports; the image's config (read from registry) exposes 8080/tcp, 9000/tcp, 5353/udp: its Service carries them");
  });

  test("compose's ports win over the exposed ones", () => {
    expect(mapped({ exposedPorts: ['8080/tcp'] }, '    expose: ["3000"]\n').app.ports).toEqual([{ name: 'http', port: 3000 }]);
  });

  test('a published exposed port still gets its route', () => {
    const { m } = mapped({ exposedPorts: ['8080/tcp'] }, '    ports: ["8080:8080"]\n');
    expect(m.spec.routes.map(r => r.service)).toEqual(['app']);
  });

  test('volumes are writable paths', () => {
    expect(mapped({ volumes: ['/var/lib/app', '/cache'] }).app.writablePaths).toEqual(expect.arrayContaining(['/var/lib/app', '/cache']));
  });

  test("the image's HEALTHCHECK becomes the probe when compose gives none, with its timings", () => {
    const { app } = mapped({ exposedPorts: ['8080/tcp'], healthcheck: { test: ['CMD', '/usr/local/bin/check', '--ready'], interval: 15e9, timeout: 4e9, retries: 4, startPeriod: 60e9 } });
    expect(app.healthcheck).toEqual({ test: { exec: ['/usr/local/bin/check', '--ready'] }, intervalSeconds: 15, timeoutSeconds: 4, retries: 4, startPeriodSeconds: 60 });
  });

  test('an HTTP HEALTHCHECK on the loopback is an httpGet probe', () => {
    const { app } = mapped({ exposedPorts: ['8080/tcp'], healthcheck: { test: ['CMD-SHELL', 'curl -f http://localhost:8080/healthz || exit 1'] } });
    expect(app.healthcheck.test).toEqual({ httpGet: '/healthz' });
  });

  test("compose's health check wins, and HEALTHCHECK NONE gives none", () => {
    expect(mapped({ healthcheck: { test: ['CMD', 'check'] } }, '    healthcheck:\n      test: ["CMD", "other"]\n').app.healthcheck.test).toEqual({ exec: ['other'] });
    expect(knowledgeOf(APP, facts(APP, { healthcheck: { test: ['NONE'] } })).imageHealthcheck).toBeUndefined();
  });

  test('an entrypoint that chowns and drops privileges with gosu is named in the summary', () => {
    const { m } = mapped({ entrypoint: ['/bin/sh', '-c', 'chown -R app /data && exec gosu app "$@"'] });
    expect(m.summary).toContain(`root: image '${APP}' of service 'app' needs root to start (its command runs 'chown', which needs root), which Pod Security "restricted" refuses; run the program without it as the user the image prepares (x-stackport.uid), with writable paths for what it chowns`);
  });
});

describe('where the facts came from', () => {
  test('the chart header names the source and digest of each image, and the catalog entry', () => {
    const { m } = mapped({ user: '1001' });
    expect(m.images).toEqual([`'${APP}': its config, from registry registry.example.com (sha256:0123abcd)`]);
    const pg = mapYaml('services:\n  db:\n    image: postgres:18.1\n');
    expect(pg.images).toEqual(["'postgres:18.1': the catalog's entry for postgres 18 and later"]);
  });

  test('an image whose config could not be read gets a TODO with the cause', () => {
    const m = mapYaml(`services:\n  app:\n    image: ${APP}\n`, { unreadImages: new Map([[APP, 'no answer within 5000 ms']]) });
    expect(m.images).toEqual([`'${APP}': nothing known (not read: no answer within 5000 ms): its user, ports, writable paths and memory are guesses`]);
    expect(m.todos).toContain(`the config of image '${APP}' could not be read (no answer within 5000 ms): its user, ports and paths are guesses; import again when its registry answers, or pass --image-facts with docker image inspect ${APP}`);
  });
});

describe('the catalog by major version', () => {
  test('postgres 18 keeps its data in /var/lib/postgresql, 17 in /var/lib/postgresql/data, an unpinned tag the newest', () => {
    const dataPath = (image: string) => (serviceOf(mapYaml(`services:\n  db:\n    image: ${image}\n`), 'db') as any).dataPath;
    expect([dataPath('postgres:17.6'), dataPath('postgres:18.1-alpine'), dataPath('postgres'), dataPath('postgres:latest')])
      .toEqual(['/var/lib/postgresql/data', '/var/lib/postgresql', '/var/lib/postgresql', '/var/lib/postgresql']);
  });
});

describe('an entrypoint that needs root only with some settings', () => {
  const summaryOf = (more: string) => mapYaml(`services:\n  cloud:\n    image: nextcloud:30.0.4-apache\n${more}`).summary.filter(s => s.startsWith('root:'));

  test('nextcloud needs root to start only when REDIS_HOST is set', () => {
    expect(summaryOf('')).toEqual([]);
    expect(summaryOf('    environment:\n      REDIS_HOST: redis\n')).toEqual([
      "root: image 'nextcloud:30.0.4-apache' of service 'cloud' needs root to start (with REDIS_HOST set, its entrypoint (set -eu) writes /usr/local/etc/php/conf.d/redis-session.ini, in a directory only root may write, and exits when it cannot), which Pod Security \"restricted\" refuses; run it as www-data without REDIS_HOST (configure redis in a config/*.config.php on the volume); without REDIS_HOST its entrypoint starts as any user",
    ]);
  });
});

test("a user named in compose is the catalog's, the alpine variant's on an alpine tag", () => {
  const userOf = (image: string) => (serviceOf(mapYaml(`services:\n  db:\n    image: ${image}\n    user: postgres\n`), 'db') as any).user;
  expect([userOf('postgres:17.6'), userOf('postgres:17.6-alpine')]).toEqual([{ uid: 999, gid: 999 }, { uid: 70, gid: 70 }]);
});
