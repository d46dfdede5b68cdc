import { DATA_SERVICES } from '../../lib/images/catalog/data-services';
import { CatalogEntry, CatalogFacts } from '../../lib/images/types';
import { DATA_SERVICES_PODS } from './expected/data-services';

const CITATION = /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\/\S+#L\d+(-L\d+)?$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A Kubernetes memory quantity (Mi or Gi) in MiB. */
function mebibytes(quantity: string): number {
  const m = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (m === null) throw new Error(`unexpected quantity ${quantity}`);
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
}

/** The facts an entry holds, by name (an empty writablePaths claims nothing to cite). */
function factsOf(entry: CatalogEntry): Array<keyof CatalogFacts> {
  const keys: Array<keyof CatalogFacts> = [
    'user', 'alpineUser', 'users', 'ports', 'dataPath', 'writablePaths', 'writableRootReason',
    'env', 'healthcheck', 'memoryFloor', 'rootEntrypoint',
  ];
  return keys.filter(k => entry[k] !== undefined && !(k === 'writablePaths' && entry.writablePaths.length === 0));
}

describe.each(DATA_SERVICES.map(e => [e.repositories[0], e] as const))('%s', (_name, entry) => {
  test('every fact present cites a pinned GitHub line', () => {
    for (const fact of factsOf(entry)) {
      const cited = entry.sources[fact];
      expect({ fact, cited: cited !== undefined }).toEqual({ fact, cited: true });
      for (const url of typeof cited === 'string' ? [cited] : cited ?? []) {
        expect(url).toMatch(CITATION);
      }
    }
  });

  test('ports have valid names', () => {
    expect(entry.ports.length).toBeGreaterThan(0);
    for (const p of entry.ports) {
      expect(p.name.length).toBeLessThanOrEqual(15);
      expect(p.name).toMatch(PORT_NAME);
      expect(p.port).toBeGreaterThan(0);
      expect(p.port).toBeLessThan(65536);
    }
    expect(new Set(entry.ports.map(p => p.name)).size).toBe(entry.ports.length);
  });

  test('memory is at least the memory floor', () => {
    if (entry.memoryFloor !== undefined) {
      expect(mebibytes(entry.resources.memory)).toBeGreaterThanOrEqual(mebibytes(entry.memoryFloor));
    }
  });
});

test('major ranges of one repository do not overlap and exactly one is open-ended', () => {
  const byRepository = new Map<string, CatalogEntry[]>();
  for (const e of DATA_SERVICES) {
    for (const r of e.repositories) byRepository.set(r, [...(byRepository.get(r) ?? []), e]);
  }
  for (const [repository, entries] of byRepository) {
    const open = entries.filter(e => e.maxMajor === undefined);
    expect({ repository, open: open.length }).toEqual({ repository, open: 1 });
    const ranges = entries
      .map(e => [e.minMajor ?? 0, e.maxMajor ?? Infinity] as const)
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ranges.length; i++) {
      expect({ repository, overlaps: ranges[i][0] <= ranges[i - 1][1] }).toEqual({ repository, overlaps: false });
    }
  }
});

test('every entry has an expected pod, and each expectation cites its lines', () => {
  const repositoryOf = (image: string): string => {
    const parts = image.replace(/:[^/:]*$/, '').split('/');
    return (parts.length > 1 && /[.:]/.test(parts[0]) ? parts.slice(1) : parts).join('/');
  };
  const covered = new Set(DATA_SERVICES_PODS.map(p => repositoryOf(p.image)));
  for (const e of DATA_SERVICES) {
    expect({ entry: e.repositories[0], covered: e.repositories.some(r => covered.has(r)) })
      .toEqual({ entry: e.repositories[0], covered: true });
  }
  for (const pod of DATA_SERVICES_PODS) {
    expect(pod.from.length).toBeGreaterThan(0);
    for (const url of pod.from) expect(url).toMatch(CITATION);
    if (pod.dataPath !== undefined) expect(pod.writable).toContain(pod.dataPath);
  }
});
