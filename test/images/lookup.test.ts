/**
 * The order of the sources of image facts (the facts file, the local engine,
 * the registry), and a registry that cannot be reached asked once per host.
 */
import { lookupImages } from '../../lib/images/lookup';
import { FactsSource, ImageFacts } from '../../lib/images/types';

const fact = (image: string, source: FactsSource): ImageFacts => ({ image, source, from: source, config: { user: '1000' } });

test('each image comes from the first source that has it; the rest are not asked for it', async () => {
  const asked: string[] = [];
  const { facts, unread } = await lookupImages(['a:1', 'b:1', 'c:1'], {
    file: images => { asked.push(`file ${images.join(' ')}`); return new Map([['a:1', fact('a:1', 'facts file')]]); },
    engine: async images => { asked.push(`engine ${images.join(' ')}`); return new Map([['b:1', fact('b:1', 'podman')]]); },
    registry: async image => { asked.push(`registry ${image}`); return fact(image, 'registry'); },
  }, () => undefined);
  expect(asked).toEqual(['file a:1 b:1 c:1', 'engine b:1 c:1', 'registry c:1']);
  expect([...facts].map(([image, f]) => `${image} ${f.source}`)).toEqual(['a:1 facts file', 'b:1 podman', 'c:1 registry']);
  expect(unread.size).toBe(0);
});

test('a registry host that cannot be reached is asked once; each of its images is unread with the cause, other hosts are asked', async () => {
  const asked: string[] = [];
  const lines: string[] = [];
  const { facts, unread } = await lookupImages(['down.example/a:1', 'down.example/b:1', 'up.example/c:1'], {
    registry: async image => {
      asked.push(image);
      if (image.startsWith('down.example/')) {
        throw new Error(`image '${image}': cannot read the manifest of tag 1 from registry down.example: no answer within 5000 ms`);
      }
      return fact(image, 'registry');
    },
    hostOf: image => image.split('/')[0],
  }, line => lines.push(line));
  expect(asked.filter(i => i.startsWith('down.example/'))).toHaveLength(1);
  expect([...facts.keys()]).toEqual(['up.example/c:1']);
  expect([...unread.values()].sort()).toEqual([
    'cannot read the manifest of tag 1 from registry down.example: no answer within 5000 ms',
    'registry down.example was not reachable (cannot read the manifest of tag 1 from registry down.example: no answer within 5000 ms)',
  ]);
  expect(lines).toHaveLength(3);
});

test('an image the registry lacks does not stop the others of that host', async () => {
  const { facts, unread } = await lookupImages(['hub/a:1', 'hub/b:1'], {
    registry: async image => {
      if (image === 'hub/a:1') {
        throw new Error(`image '${image}': cannot read the manifest of tag 1 from registry hub: HTTP 404 (MANIFEST_UNKNOWN: manifest unknown)`);
      }
      return fact(image, 'registry');
    },
    hostOf: () => 'hub',
  }, () => undefined);
  expect([[...facts.keys()], [...unread]]).toEqual([['hub/b:1'], [['hub/a:1', 'cannot read the manifest of tag 1 from registry hub: HTTP 404 (MANIFEST_UNKNOWN: manifest unknown)']]]);
});

test('a reference the registry client cannot read is unread with the cause, and the others are still asked', async () => {
  const { facts, unread } = await lookupImages(['Bad Image:1', 'hub/a:1'], {
    registry: async image => fact(image, 'registry'),
    hostOf: image => {
      if (image.includes(' ')) {
        throw new Error(`image '${image}': the name 'Bad Image' is not lower-case letters, digits and separators`);
      }
      return 'hub';
    },
  }, () => undefined);
  expect([[...facts.keys()], [...unread]]).toEqual([['hub/a:1'], [['Bad Image:1', "the name 'Bad Image' is not lower-case letters, digits and separators"]]]);
});
