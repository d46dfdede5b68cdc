import { quantityBytes } from '../../lib/compose/units';
import { DATABASES } from '../../lib/images/catalog/databases';
import { CatalogEntry, CatalogFacts } from '../../lib/images/types';
import { DATABASES_PODS } from './expected/databases';

const CITATION = /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\/\S+#L\d+(-L\d+)?$/;
const FACTS: readonly (keyof CatalogFacts)[] = [
  'user', 'alpineUser', 'users', 'ports', 'dataPath', 'writablePaths', 'writableRootReason',
  'env', 'healthcheck', 'memoryFloor', 'rootEntrypoint',
];

/** The facts an entry holds: an empty writablePaths says nothing to cite. */
function presentFacts(entry: CatalogEntry): (keyof CatalogFacts)[] {
  return FACTS.filter(f => entry[f] !== undefined && !(Array.isArray(entry[f]) && (entry[f] as unknown[]).length === 0));
}

function label(entry: CatalogEntry): string {
  return `${entry.repositories[0]} ${entry.minMajor ?? ''}..${entry.maxMajor ?? ''}`;
}

describe('database catalog entries', () => {
  test.each(DATABASES.map(e => [label(e), e] as const))('%s cites a pinned source line for every fact', (_, entry) => {
    for (const fact of presentFacts(entry)) {
      const cited = entry.sources[fact];
      const urls = cited === undefined ? [] : typeof cited === 'string' ? [cited] : cited;
      expect({ fact, count: urls.length > 0 }).toEqual({ fact, count: true });
      for (const url of urls) {
        expect(url).toMatch(CITATION);
      }
    }
  });

  test.each(DATABASES.map(e => [label(e), e] as const))('%s names its ports as DNS labels of at most 15 characters', (_, entry) => {
    expect(entry.ports.length).toBeGreaterThan(0);
    for (const port of entry.ports) {
      expect(port.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(port.name.length).toBeLessThanOrEqual(15);
    }
  });

  test.each(DATABASES.map(e => [label(e), e] as const))('%s asks for at least its memory floor', (_, entry) => {
    if (entry.memoryFloor !== undefined) {
      expect(quantityBytes(entry.resources.memory)).toBeGreaterThanOrEqual(quantityBytes(entry.memoryFloor));
    }
  });

  test('the major ranges of one repository do not overlap and exactly one is open-ended', () => {
    const repositories = [...new Set(DATABASES.flatMap(e => e.repositories))];
    for (const repository of repositories) {
      const entries = DATABASES.filter(e => e.repositories.includes(repository))
        .map(e => ({ min: e.minMajor ?? -Infinity, max: e.maxMajor ?? Infinity }))
        .sort((a, b) => a.min - b.min);
      expect({ repository, open: entries.filter(e => e.max === Infinity).length }).toEqual({ repository, open: 1 });
      for (let i = 1; i < entries.length; i++) {
        expect({ repository, overlaps: entries[i].min <= entries[i - 1].max }).toEqual({ repository, overlaps: false });
      }
    }
  });

  test('postgres 18 keeps its data at /var/lib/postgresql with no PGDATA override', () => {
    const pg18 = DATABASES.find(e => e.repositories.includes('postgres') && e.minMajor === 18)!;
    expect(pg18.dataPath).toBe('/var/lib/postgresql');
    expect(pg18.env?.PGDATA).toBeUndefined();
    expect(pg18.writablePaths).not.toContain('/var/lib/postgresql/data');
  });

  test('redis 8 keeps /data as its data directory though its image no longer declares the volume', () => {
    const redis8 = DATABASES.find(e => e.repositories.includes('redis') && e.minMajor === 8)!;
    expect(redis8.dataPath).toBe('/data');
    expect(redis8.maxMajor).toBeUndefined();
  });

  test('mongo 5 and older probe with the legacy mongo shell, 6 and later with mongosh', () => {
    const program = (entry: CatalogEntry | undefined) => {
      const test = entry?.healthcheck?.test;
      return test !== undefined && 'exec' in test ? test.exec[0] : undefined;
    };
    expect(program(DATABASES.find(e => e.repositories.includes('mongo') && e.maxMajor === 5))).toBe('mongo');
    expect(program(DATABASES.find(e => e.repositories.includes('mongo') && e.minMajor === 6))).toBe('mongosh');
  });

  test('the alpine variants of redis and valkey run with group 1000', () => {
    for (const entry of DATABASES.filter(e => e.repositories.some(r => r === 'redis' || r === 'valkey/valkey'))) {
      expect({ entry: label(entry), alpineUser: entry.alpineUser }).toEqual({ entry: label(entry), alpineUser: { uid: 999, gid: 1000 } });
    }
  });

  test('every expected pod cites pinned lines and lists its data directory as writable', () => {
    for (const pod of DATABASES_PODS) {
      expect(pod.from.length).toBeGreaterThan(0);
      for (const url of pod.from) {
        expect(url).toMatch(CITATION);
      }
      if (pod.dataPath !== undefined) {
        expect(pod.writable).toContain(pod.dataPath);
      }
    }
  });

  test('every entry has an expected pod', () => {
    for (const entry of DATABASES) {
      const pods = DATABASES_PODS.filter(p => {
        const [repository, tag] = p.image.split(':');
        const major = Number(tag.split('.')[0].split('-')[0]);
        return entry.repositories.includes(repository)
          && major >= (entry.minMajor ?? -Infinity) && major <= (entry.maxMajor ?? Infinity);
      });
      expect({ entry: label(entry), pods: pods.length > 0 }).toEqual({ entry: label(entry), pods: true });
    }
  });
});
