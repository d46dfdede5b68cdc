/**
 * Writes test/import/fixtures/<dir>/reference.json for every imported fixture:
 * the project compose-go v2.9.1 (the loader of `docker compose config`) makes
 * of the fixture's files and env file, byte-stable across machines (sorted
 * keys, paths relative to the fixture folder, the home folder as `~`).
 *   npm run reference               regenerate the files
 *   npm run reference -- --check    regenerate in memory; exit 1 naming each fixture whose file differs
 * Builds the reference loader first (test/reference/build.sh, cached outside the clone; needs Go).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Fixture, FIXTURES, IMPORTED } from '../test/import/util';

/** The home folder the loader is given, written back as `~` (compose expands `~` in bind sources). */
const HOME = '/stackport-reference-home';

/** The loader's binary, built or taken from the cache; its progress lines go to stderr. */
function buildLoader(): string {
  const script = path.resolve('test', 'reference', 'build.sh');
  const run = spawnSync('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const bin = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || bin === '') {
    throw new Error(`test/reference/build.sh failed (exit ${run.status}); see its output above`);
  }
  return bin;
}

/** A string with the fixture folder as `.`, the folder of the fixtures as `..` and the fake home folder as `~`. */
function relativeText(text: string, dirs: readonly string[]): string {
  let out = text;
  for (const dir of dirs) {
    out = out.split(`${dir}/`).join('./').split(dir).join('.');
  }
  for (const parent of dirs.map(d => path.dirname(d))) {
    out = out.split(`${parent}/`).join('../');
  }
  return out.split(`${HOME}/`).join('~/').split(HOME).join('~');
}

/** The value with keys sorted at every level and every string made machine-independent. */
function stable(value: unknown, dirs: readonly string[]): unknown {
  if (typeof value === 'string') {
    return relativeText(value, dirs);
  }
  if (Array.isArray(value)) {
    return value.map(v => stable(v, dirs));
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, stable(v, dirs)]));
  }
  return value;
}

/** The reference.json text of one fixture: the loaded project, or `{ "error": ... }` when compose-go refuses it. */
export function referenceText(bin: string, f: Fixture): string {
  const dir = path.join(FIXTURES, f.dir);
  const args = ['--dir', dir, ...f.files.flatMap(file => ['-f', file]), ...(f.envFile === undefined ? [] : ['--env-file', f.envFile])];
  const run = spawnSync(bin, args, { encoding: 'utf8', env: { HOME, PATH: '/usr/bin:/bin' }, maxBuffer: 64 * 1024 * 1024 });
  if (run.error !== undefined) {
    throw run.error;
  }
  const dirs = [...new Set([dir, fs.realpathSync(dir)])].sort((a, b) => b.length - a.length);
  const model = run.status === 0 ? JSON.parse(run.stdout) : { error: run.stderr.trim() };
  return `${JSON.stringify(stable(model, dirs), null, 2)}\n`;
}

/** The first line where two texts differ, for the check's message. */
function firstDifference(committed: string, fresh: string): string {
  const a = committed.split('\n');
  const b = fresh.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `line ${at + 1}: committed ${JSON.stringify(a[at] ?? '(end of file)')}, regenerated ${JSON.stringify(b[at] ?? '(end of file)')}`;
}

function main(argv: readonly string[]): number {
  const unknown = argv.filter(a => a !== '--check');
  if (unknown.length > 0) {
    console.error(`unknown argument ${JSON.stringify(unknown[0])}; expected none or --check`);
    return 2;
  }
  const check = argv.includes('--check');
  const bin = buildLoader();
  const differing: string[] = [];
  for (const f of IMPORTED) {
    const file = path.join(FIXTURES, f.dir, 'reference.json');
    const text = referenceText(bin, f);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (committed === text) {
      continue;
    }
    if (check) {
      differing.push(committed === undefined ? `${f.dir}: reference.json is missing` : `${f.dir}: reference.json differs at ${firstDifference(committed, text)}`);
    } else {
      fs.writeFileSync(file, text);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
  if (differing.length > 0) {
    console.error(`${differing.length} reference file(s) differ from what compose-go v2.9.1 loads; run npm run reference and review the diff:`);
    differing.forEach(d => console.error(`  ${d}`));
    return 1;
  }
  console.log(`reference: ${IMPORTED.length} fixtures ${check ? 'match their reference.json' : 'up to date'}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
