/** Kinds, start order, dropped keys, images and volume sizes of imported services, one behaviour per test. */
import { mapCompose, MappedStack } from '../../lib/compose/map';
import { loadCompose } from '../../lib/compose/parse';
import { volumeSize } from '../../lib/compose/units';
import { ServiceSpec } from '../../lib/spec/types';
import { ValidationError } from '../../lib/spec/validate';
import { find, LOCAL, synthStack } from '../util';

const noFiles = { kind: () => undefined, read: () => '' };

function map(yaml: string): MappedStack {
  return mapCompose(loadCompose([{ file: 'compose.yml', text: yaml }], {}), { name: 'shop', sources: ['compose.yml'], files: noFiles });
}
function problems(f: () => unknown): readonly string[] {
  try {
    f();
  } catch (e) {
    return (e as ValidationError).problems;
  }
  throw new Error('expected a ValidationError');
}
const service = (m: MappedStack, name: string): ServiceSpec => m.spec.services.find(s => s.name === name)!;

describe('volume sizes', () => {
  test.each([['200Mi', '200Mi'], ['200M', '200Mi'], ['1.5Gi', '1536Mi'], ['1Ti', '1024Gi'], ['100Ki', '1Mi'], ['10', '1Mi'], ['2g', '2Gi'], ['500MB', '500Mi'],
    ['3i', undefined], ['0Gi', undefined], ['big', undefined]])('%s is %s', (text, q) => {
    expect(volumeSize(text)).toBe(q);
  });

  test.each([['200Mi', '200Mi'], ['1.5G', '1536Mi'], ['20Gi', '20Gi']])('kompose.volume.size %s imports and synthesizes as %s', (text, q) => {
    const m = map(`services:\n  app:\n    image: a:1\n    expose: ["80"]\n    volumes: [data:/srv]\n    labels: { kompose.volume.size: "${text}" }\nvolumes:\n  data:\n`);
    expect(service(m, 'app').volumes).toEqual([{ name: 'data', mountPath: '/srv', size: q }]);
    expect(find(synthStack(m.spec, LOCAL), 'PersistentVolumeClaim', 'data')).toHaveProperty('spec.resources.requests.storage', q);
  });

  test('a size that does not parse is refused at import, naming the field, the value and the fix', () => {
    expect(problems(() => map('services:\n  app:\n    image: a:1\n    volumes: [data:/srv]\n    labels: { kompose.volume.size: "3 bricks" }\nvolumes:\n  data:\n'))).toEqual([
      "compose.yml: services.app.labels.kompose.volume.size: got '3 bricks'; expected a size such as '200Mi', '5Gi', '1Ti' or '512m'; write the size with one of the units Ki, Mi, Gi, Ti, k, m, g, t (or b for bytes)",
    ]);
  });
});

describe('kinds', () => {
  test('a service others wait for to complete is a Job, whatever its ports, with a TODO for the ports', () => {
    const m = map('services:\n  mig:\n    image: a:1\n    ports: ["8080:8080"]\n  app:\n    image: a:1\n    depends_on: { mig: { condition: service_completed_successfully } }\n');
    expect(service(m, 'mig').kind).toBe('job');
    expect(m.todos).toContain("service 'mig': ports 8080 are not served: it runs once (restart 'no', and others wait for it to complete), as a Job, which has no Service; set x-stackport.kind: web if it is a server");
  });

  test.each([['restart: "no"', undefined], ['restart: on-failure', undefined], ['restart: "on-failure:5"', 5],
    ['deploy: { restart_policy: { condition: none } }', undefined], ['deploy: { restart_policy: { condition: on-failure, max_attempts: 3 } }', 3]])(
    'a one-shot with %s is a Job whatever its ports, backoffLimit %s', (restart, backoffLimit) => {
      const m = map(`services:\n  seed:\n    image: a:1\n    expose: ["80"]\n    ${restart}\n`);
      expect(service(m, 'seed')).toMatchObject({ kind: 'job' });
      expect((service(m, 'seed') as any).backoffLimit).toBe(backoffLimit);
    });

  test('restart always or unless-stopped with a port stays a server', () => {
    const m = map('services:\n  a:\n    image: a:1\n    expose: ["80"]\n    restart: unless-stopped\n  b:\n    image: a:1\n    restart: always\n');
    expect(m.spec.services.map(s => s.kind)).toEqual(['web', 'worker']);
  });
});

describe('images', () => {
  test('with both image and build, the published image runs and the build is noted', () => {
    const m = map('services:\n  api:\n    image: ghcr.io/acme/api:2.1.0\n    build: { context: ./api, target: prod }\n');
    expect(service(m, 'api').image).toBe('ghcr.io/acme/api:2.1.0');
    expect(m.todos).toContain("service 'api': runs the published image 'ghcr.io/acme/api:2.1.0', which compose builds from './api' (target 'prod'); build and push it under that name, or set x-stackport.image");
  });

  test('build.args become the build arguments of the image; a credential or an unset one is left out with a TODO', () => {
    const m = map('services:\n  api:\n    build:\n      context: .\n      args: ["NODE_VERSION=20", "API_TOKEN=tok-3f9a8b7c", "FROM_SHELL"]\n');
    expect(service(m, 'api').image).toEqual({ build: 'api', args: { NODE_VERSION: '20' } });
    expect(m.todos).toContain("service 'api': build.args API_TOKEN looks like a credential and is not written here; pass it as a build secret when you build the image");
    expect(m.todos).toContain("service 'api': build.args FROM_SHELL has no value (compose reads it from the shell at build time); pass it when you build the image");
    expect(m.credentials).toContain('tok-3f9a8b7c');
  });

  test('build.args as a map', () => {
    const m = map('services:\n  api:\n    build: { context: ., args: { PYTHON: "3.12" } }\n');
    expect(service(m, 'api').image).toEqual({ build: 'api', args: { PYTHON: '3.12' } });
  });
});
