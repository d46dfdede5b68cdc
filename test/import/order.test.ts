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
