import { DATABASES } from '../../lib/images/catalog-databases';
import { CatalogEntry } from '../../lib/images/types';

function label(entry: CatalogEntry): string {
  return `${entry.repositories[0]} ${entry.minMajor ?? ''}..${entry.maxMajor ?? ''}`;
}

/** Facts of the database images that differ between major versions and variants. */
describe('database catalog entries', () => {
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
});
