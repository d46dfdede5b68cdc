import { WEB } from '../../lib/images/catalog/web';
import { CatalogEntry, CatalogFacts } from '../../lib/images/types';
import { WEB_PODS } from './expected/web';

/** A GitHub file at a pinned commit, with a line or a range of lines. */
const CITATION = /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\/\S+#L\d+(-L\d+)?$/;

/** The facts an entry states (an empty list of writable paths states nothing to cite). */
function factsOf(entry: CatalogEntry): (keyof CatalogFacts)[] {
  const keys: (keyof CatalogFacts)[] = [
    'user', 'alpineUser', 'users', 'ports', 'dataPath', 'writablePaths', 'writableRootReason',
    'env', 'healthcheck', 'memoryFloor', 'rootEntrypoint',
  ];
  return keys.filter(k => entry[k] !== undefined && !(Array.isArray(entry[k]) && (entry[k] as unknown[]).length === 0));
}

/** Bytes of a Kubernetes memory quantity (Ki, Mi, Gi or plain bytes). */
function bytes(quantity: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi)?$/.exec(quantity);
  if (m === null) throw new Error(`memory quantity '${quantity}' is not of the form <number>[Ki|Mi|Gi]`);
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 }[m[2] as 'Ki' | 'Mi' | 'Gi'] ?? 1;
  return Number(m[1]) * unit;
}

function label(e: CatalogEntry): string {
  return `${e.repositories[0]} ${e.minMajor ?? '*'}..${e.maxMajor ?? '*'}`;
}

describe('web catalog entries', () => {
  test.each(WEB.map(e => [label(e), e] as const))('%s: every fact present cites a pinned line', (_, entry) => {
    for (const fact of factsOf(entry)) {
      const cited = entry.sources[fact];
      expect({ fact, cited: cited !== undefined }).toEqual({ fact, cited: true });
      const urls = typeof cited === 'string' ? [cited] : [...(cited ?? [])];
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).toMatch(CITATION);
    }
  });

  test.each(WEB.map(e => [label(e), e] as const))('%s: sources cite only facts present', (_, entry) => {
    const present = new Set<string>(factsOf(entry));
    expect(Object.keys(entry.sources).filter(k => !present.has(k))).toEqual([]);
  });

  test.each(WEB.map(e => [label(e), e] as const))('%s: port names are DNS labels of at most 15 characters', (_, entry) => {
    expect(entry.ports.length).toBeGreaterThan(0);
    for (const p of entry.ports) {
      expect(p.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(p.name.length).toBeLessThanOrEqual(15);
      expect(p.port).toBeGreaterThan(0);
      expect(p.port).toBeLessThan(65536);
    }
    const keys = entry.ports.map(p => p.name);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test.each(WEB.filter(e => e.memoryFloor !== undefined).map(e => [label(e), e] as const))(
    '%s: the memory limit is at least the floor', (_, entry) => {
      expect(bytes(entry.resources.memory)).toBeGreaterThanOrEqual(bytes(entry.memoryFloor!));
    });

  test('the major ranges of one repository do not overlap and exactly one is open-ended', () => {
    const byRepository = new Map<string, CatalogEntry[]>();
    for (const e of WEB) for (const r of e.repositories) byRepository.set(r, [...(byRepository.get(r) ?? []), e]);
    for (const [repository, entries] of byRepository) {
      const ranges = entries.map(e => [e.minMajor ?? 0, e.maxMajor ?? Infinity] as const).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < ranges.length; i++) {
        expect({ repository, overlap: ranges[i][0] <= ranges[i - 1][1] }).toEqual({ repository, overlap: false });
      }
      expect({ repository, open: entries.filter(e => e.maxMajor === undefined).length }).toEqual({ repository, open: 1 });
    }
  });

  test('every entry has at least one expected pod, and every expected pod cites pinned lines', () => {
    const repositoryOf = (image: string) => {
      const parts = image.replace(/:[^/:]*$/, '').split('/');
      return (parts.length > 1 && /[.:]/.test(parts[0]) ? parts.slice(1) : parts).join('/');
    };
    const covered = new Set(WEB_PODS.map(p => repositoryOf(p.image)));
    expect(WEB.filter(e => !e.repositories.some(r => covered.has(r))).map(label)).toEqual([]);
    for (const pod of WEB_PODS) {
      expect(pod.from.length).toBeGreaterThan(0);
      for (const url of pod.from) expect(url).toMatch(CITATION);
      if (pod.dataPath !== undefined) expect(pod.writable).toContain(pod.dataPath);
    }
  });
});
