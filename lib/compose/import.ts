/**
 * `stackport import`: compose files in, `charts/<stack>.ts` out. Reads the
 * files, maps them, validates the spec as `npm run synth` would, and writes
 * the chart and its registration only when everything succeeded.
 */
import * as fs from 'fs';
import * as path from 'path';
import { stackProblemsWith, ValidationError } from '../spec/validate';
import { StackSpec } from '../spec/types';
import { ComposeFiles, mapCompose } from './map';
import { LoadedCompose, loadCompose, parseEnvFile } from './parse';
import { chartFile, registerChart } from './write';

/** What to import. */
export interface ImportRequest {
  /** Compose files, merged in this order; names are resolved against `cwd`. */
  readonly files: readonly string[];
  /** @default - `.env` beside the first file, when it exists */
  readonly envFile?: string;
  /** The stack name. */
  readonly name: string;
  /** The project folder holding `charts/`. */
  readonly root: string;
  /** Replace an existing chart. @default false */
  readonly force?: boolean;
  /** Services left out. @default - none */
  readonly skipServices?: readonly string[];
  /** Folder the file names are relative to. */
  readonly cwd: string;
}

/** What an import produced. */
export interface ImportResult {
  readonly spec: StackSpec;
  readonly chartPath: string;
  readonly chart: string;
  readonly todos: readonly string[];
  readonly summary: readonly string[];
}

/** Reads, interpolates and merges the compose files with the env file's variables, as the import does. */
export function loadProject(request: Pick<ImportRequest, 'files' | 'envFile' | 'cwd'>): LoadedCompose {
  const [first] = request.files;
  if (first === undefined) {
    throw new ValidationError(['no compose file given; name one, e.g. stackport import docker-compose.yml --name shop']);
  }
  const paths = request.files.map(f => path.resolve(request.cwd, f));
  const missing = paths.filter(p => !fs.existsSync(p)).map(p => `compose file '${path.relative(request.cwd, p)}' does not exist; check the path`);
  const envPath = request.envFile === undefined ? path.join(path.dirname(paths[0]), '.env') : path.resolve(request.cwd, request.envFile);
  if (request.envFile !== undefined && !fs.existsSync(envPath)) {
    missing.push(`env file '${request.envFile}' does not exist; check the path or leave out --env-file`);
  }
  if (missing.length > 0) {
    throw new ValidationError(missing);
  }
  const vars = fs.existsSync(envPath) ? parseEnvFile(fs.readFileSync(envPath, 'utf8')) : {};
  const names = request.files.map(f => path.basename(f));
  return loadCompose(paths.map((p, i) => ({ file: names[i], text: fs.readFileSync(p, 'utf8') })), vars);
}

/** Maps the compose files to a spec and its chart text; writes nothing. */
export function convert(request: Omit<ImportRequest, 'root' | 'force'>): Omit<ImportResult, 'chartPath'> {
  const loaded = loadProject(request);
  const names = request.files.map(f => path.basename(f));
  const dir = path.dirname(path.resolve(request.cwd, request.files[0]));
  const files: ComposeFiles = {
    kind: rel => {
      const p = path.resolve(dir, rel);
      return !fs.existsSync(p) ? undefined : fs.statSync(p).isDirectory() ? 'dir' : 'file';
    },
    read: rel => fs.readFileSync(path.resolve(dir, rel), 'utf8'),
    bytes: rel => fs.readFileSync(path.resolve(dir, rel)),
    list: rel => fs.readdirSync(path.resolve(dir, rel)),
  };
  const mapped = mapCompose(loaded, { name: request.name, sources: names, files, skipServices: request.skipServices });
  const problems = stackProblemsWith(mapped.spec, { requirePinnedImages: false });
  if (problems.length > 0) {
    throw new ValidationError(problems.map(p => `the imported spec fails validation: ${p}`));
  }
  const chart = chartFile(mapped.spec, names, mapped.todos);
  // Weak values (also written as a name or a plain setting) are not among mapped.credentials: they are TODOs, not leaks.
  const leaks = mapped.credentials.flatMap(c => {
    const places = [...specPlaces(mapped.spec, c), ...(mapped.todos.some(t => t.includes(c)) ? ['a TODO line'] : []),
      ...(mapped.summary.some(s => s.includes(c)) ? ['the import summary'] : [])];
    const { origin, variable } = mapped.credentialOrigins.get(c) ?? { origin: 'a credential' };
    const reference = variable === undefined ? 'the variable that holds it' : `$$${variable}`;
    return places.length > 0 || chart.includes(c) ? [`the value of ${origin} would be written into the chart at ${places.length > 0 ? places.join(', ') : 'its header'}; `
      + `write ${reference} there in the compose file instead of the value, or, if the value is no secret, write it as a plain setting under a name without PASSWORD, SECRET, TOKEN or KEY`] : [];
  });
  if (leaks.length > 0) {
    throw new ValidationError(leaks);
  }
  return { spec: mapped.spec, chart, todos: mapped.todos, summary: mapped.summary };
}

/** Imports and writes `charts/<stack>.ts` and its registration; nothing is written when anything fails. */
export function importCompose(request: ImportRequest): ImportResult {
  const result = convert(request);
  const chartPath = path.join(request.root, 'charts', `${result.spec.name}.ts`);
  if (fs.existsSync(chartPath) && request.force !== true) {
    throw new ValidationError([`${path.relative(request.root, chartPath)} exists already; pass --force to replace it, or choose another --name`]);
  }
  const indexPath = path.join(request.root, 'charts', 'index.ts');
  const index = registerChart(fs.readFileSync(indexPath, 'utf8'), result.spec.name);
  fs.writeFileSync(chartPath, result.chart);
  fs.writeFileSync(indexPath, index);
  return { ...result, chartPath };
}

/** Where a text occurs in the spec, as paths (`services.api.args[2]`), services named by name. */
function specPlaces(value: unknown, text: string, at = ''): string[] {
  if (typeof value === 'string') {
    return value.includes(text) ? [at] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => specPlaces(v, text, at === 'services' && typeof v?.name === 'string' ? `services.${v.name}` : `${at}[${i}]`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => specPlaces(v, text, at === '' ? k : `${at}.${k}`));
  }
  return [];
}
