/**
 * Every catalog entry: a pinned source line for each fact it states, Service
 * port names Kubernetes accepts, memory at least its floor, and major-version
 * ranges that leave no version to two entries.
 */
import { quantityBytes } from '../../lib/compose/units';
import { CATALOG } from '../../lib/images/catalog';
import { CatalogEntry, CatalogFacts } from '../../lib/images/types';
import { EXPECTED_PODS } from './expected';

/** A GitHub file at a pinned commit, with a line or a range of lines. */
const CITATION = /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\/\S+#L\d+(-L\d+)?$/;

/** The facts a catalog entry may state; each one stated needs a source. */
const FACTS: { readonly [K in keyof Required<CatalogFacts>]: true } = {
  user: true, alpineUser: true, users: true, ports: true, dataPath: true, writablePaths: true, writableRootReason: true,
  env: true, healthcheck: true, netBindService: true, memoryFloor: true, rootEntrypoint: true,
};

/** The facts an entry states (an empty list of writable paths states nothing to cite). */
function factsOf(entry: CatalogEntry): Array<keyof CatalogFacts> {
  return (Object.keys(FACTS) as Array<keyof CatalogFacts>).filter(k => entry[k] !== undefined && !(Array.isArray(entry[k]) && (entry[k] as unknown[]).length === 0));
}

const label = (e: CatalogEntry) => `${e.repositories[0]}${e.tagVariant === undefined ? '' : `-${e.tagVariant}`} ${e.minMajor ?? '*'}..${e.maxMajor ?? '*'}`;
const entries = CATALOG.map(e => [label(e), e] as const);

test.each(entries)('%s: every fact it states cites a pinned line, and it cites none it does not state', (_, entry) => {
  const stated = factsOf(entry);
  const uncited = stated.filter(f => entry.sources[f] === undefined || entry.sources[f]!.length === 0);
  const malformed = stated.flatMap(f => [entry.sources[f] ?? []].flat()).filter(url => !CITATION.test(url));
  expect({ uncited, malformed, unstated: Object.keys(entry.sources).filter(k => entry[k as keyof CatalogFacts] === undefined) })
    .toEqual({ uncited: [], malformed: [], unstated: [] });
});

test.each(entries)('%s: its ports are named as Kubernetes requires, once each', (_, entry) => {
  expect(entry.ports.length).toBeGreaterThan(0);
  expect(entry.ports.filter(p => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.name) || p.name.length > 15 || p.port < 1 || p.port > 65535)).toEqual([]);
  expect(new Set(entry.ports.map(p => p.name)).size).toBe(entry.ports.length);
});

test.each(entries.filter(([, e]) => e.memoryFloor !== undefined))('%s: its memory is at least its floor', (_, entry) => {
  expect(quantityBytes(entry.resources.memory)).toBeGreaterThanOrEqual(quantityBytes(entry.memoryFloor!));
});

test('the major ranges of one repository (and tag variant) do not overlap, and exactly one serves unpinned tags', () => {
  const variants = [...new Set(CATALOG.flatMap(e => e.repositories.map(r => `${r}\t${e.tagVariant ?? ''}`)))];
  const problems = variants.flatMap(key => {
    const [repository, variant] = key.split('\t');
    const ranges = CATALOG.filter(e => e.repositories.includes(repository) && (e.tagVariant ?? '') === variant).map(e => [e.minMajor ?? 0, e.maxMajor ?? Infinity] as const).sort((a, b) => a[0] - b[0]);
    const overlaps = ranges.slice(1).filter((r, i) => r[0] <= ranges[i][1]).map(r => `${repository}: ${r[0]} is in two ranges`);
    const open = ranges.filter(r => r[1] === Infinity).length;
    return [...overlaps, ...(open === 1 ? [] : [`${repository}: ${open} entries serve unpinned tags`])];
  });
  expect(problems).toEqual([]);
});

test('every pod expectation cites pinned lines and lists its data directory as writable', () => {
  expect(EXPECTED_PODS.filter(p => p.from.length === 0 || p.from.some(url => !CITATION.test(url)) || (p.dataPath !== undefined && !p.writable.includes(p.dataPath)))
    .map(p => p.image)).toEqual([]);
});
