/**
 * `stackport import`: compose files in, `charts/<stack>.ts` out. Reads the
 * files, maps them, validates the spec as `npm run synth` would, and writes
 * the chart and its registration only when everything succeeded.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ImageFacts } from '../images/types';
import { LockOptions } from '../lock';
import { RESERVED_NAMESPACES, stackProblemsWith, ValidationError } from '../spec/validate';
import { commitChart, existingChart, isStackChart } from './commit';
import { StackSpec } from '../spec/types';
import { ComposeFiles, dnsLabel, mapCompose, MAX_STACK_NAME } from './map';
import { LoadedCompose, loadCompose, parseEnvFile } from './parse';
import { chartFile, constantName } from './write';

/** What to import. */
export interface ImportRequest {
  /** Compose files, merged in this order; names are resolved against `cwd`. None: COMPOSE_FILE or the folder's default files. */
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
  /** What was read from the images, by reference. @default - nothing: the catalog alone */
  readonly imageFacts?: ReadonlyMap<string, ImageFacts>;
  /** Images whose facts could not be read, with the cause. @default - none */
  readonly unreadImages?: ReadonlyMap<string, string>;
  /** The files, already loaded (the import reads its images from them first). @default - loaded from `files` */
  readonly project?: LoadedProject;
  /** The lock of charts/: its messages, waits and clock. @default - it waits silently */
  readonly lock?: Omit<LockOptions, 'holder'>;
  /** Called before each file operation in charts/ (tests stop the process there). @default - nothing */
  readonly beforeStep?: (step: string) => void;
}

/** What an import produced. */
export interface ImportResult {
  readonly spec: StackSpec;
  readonly chartPath: string;
  readonly chart: string;
  readonly todos: readonly string[];
  readonly summary: readonly string[];
  /** Per image, where its facts came from. */
  readonly images: readonly string[];
}

/** Compose files docker compose reads in a folder when none is named, in its order of preference. */
export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** Override files docker compose adds to the default file, in its order of preference. */
export const DEFAULT_OVERRIDES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

/**
 * The compose files to read, relative to `cwd`: those named, else `COMPOSE_FILE`
 * of the env file (separated by `COMPOSE_PATH_SEPARATOR`, `:` by default), else
 * the folder's default file and its override file, as docker compose chooses them.
 */
export function composeFiles(named: readonly string[], vars: Readonly<Record<string, string>>, cwd: string): string[] {
  if (named.length > 0) {
    return [...named];
  }
  const fromEnv = vars.COMPOSE_FILE;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return fromEnv.split(vars.COMPOSE_PATH_SEPARATOR || ':').filter(f => f !== '');
  }
  const main = DEFAULT_FILES.find(f => fs.existsSync(path.join(cwd, f)));
  if (main === undefined) {
    throw new ValidationError([`no compose file named, no COMPOSE_FILE in the env file, and none of ${DEFAULT_FILES.join(', ')} in ${cwd}; name one, e.g. stackport import docker-compose.yml --name shop`]);
  }
  const override = DEFAULT_OVERRIDES.find(f => fs.existsSync(path.join(cwd, f)));
  return override === undefined ? [main] : [main, override];
}

/** A loaded project: the model, the file names as the chart header names them, and the files beside the first one. */
export interface LoadedProject {
  readonly loaded: LoadedCompose;
  readonly names: readonly string[];
  readonly files: ComposeFiles;
}

/**
 * Reads, interpolates and merges the compose files with the env file's
 * variables, as docker compose does: the files named, else COMPOSE_FILE, else
 * the folder's default file and its override.
 */
export function loadProject(request: Pick<ImportRequest, 'files' | 'envFile' | 'cwd'>): LoadedProject {
  const envGiven = request.envFile === undefined ? undefined : path.resolve(request.cwd, request.envFile);
  if (envGiven !== undefined && !fs.existsSync(envGiven)) {
    throw new ValidationError([`env file '${request.envFile}' does not exist; check the path or leave out --env-file`]);
  }
  if (envGiven !== undefined && !fs.statSync(envGiven).isFile()) {
    throw new ValidationError([`env file '${request.envFile}' is a folder; name the env file in it, or leave out --env-file`]);
  }
  const envBeside = (dir: string) => envGiven ?? path.join(dir, '.env');
  const readVars = (p: string) => {
    if (!fs.existsSync(p) || !fs.statSync(p).isFile()) {
      return {};
    }
    try {
      return parseEnvFile(fs.readFileSync(p, 'utf8'));
    } catch (e) {
      throw new ValidationError([`${path.relative(request.cwd, p) || p}: ${(e as Error).message}; fix or remove the line (docker compose refuses the file too)`]);
    }
  };
  const fileNames = composeFiles(request.files, request.files.length > 0 ? {} : readVars(envBeside(request.cwd)), request.cwd);
  const paths = fileNames.map(f => path.resolve(request.cwd, f));
  const missing = paths.map(p => (!fs.existsSync(p) ? `compose file '${path.relative(request.cwd, p)}' does not exist; check the path`
    : fs.statSync(p).isDirectory() ? `compose file '${path.relative(request.cwd, p) || '.'}' is a folder; name the compose file in it (such as ${path.join(path.relative(request.cwd, p), 'docker-compose.yml')})` : undefined))
    .filter((problem): problem is string => problem !== undefined);
  if (missing.length > 0) {
    throw new ValidationError(missing);
  }
  const dir = path.dirname(paths[0]);
  const names = fileNames.map(f => path.basename(f));
  const files: ComposeFiles = {
    kind: rel => {
      const p = path.resolve(dir, rel);
      return !fs.existsSync(p) ? undefined : fs.statSync(p).isDirectory() ? 'dir' : 'file';
    },
    read: rel => fs.readFileSync(path.resolve(dir, rel), 'utf8'),
    bytes: rel => fs.readFileSync(path.resolve(dir, rel)),
    list: rel => fs.readdirSync(path.resolve(dir, rel)),
    executable: rel => (fs.statSync(path.resolve(dir, rel)).mode & 0o100) !== 0,
  };
  const loaded = loadCompose(paths.map((p, i) => ({ file: names[i], text: fs.readFileSync(p, 'utf8') })), readVars(envBeside(dir)), files, { folder: path.basename(dir) });
  return { loaded, names, files };
}

/**
 * The images the project pulls (not those it builds), as the compose files
 * name them, in service order: the images whose facts an import reads.
 */
export function pulledImages(project: LoadedProject, skipServices: readonly string[] = []): string[] {
  const skipped = new Set(skipServices);
  const services = Object.entries<any>(project.loaded.doc.services ?? {}).filter(([name]) => !skipped.has(name));
  const images = services.map(([, s]) => s?.['x-stackport']?.image ?? (s?.build === undefined ? s?.image : undefined));
  return [...new Set(images.filter((i): i is string => typeof i === 'string' && i !== ''))];
}

/** Maps the compose files to a spec and its chart text; writes nothing. */
export function convert(request: Omit<ImportRequest, 'root' | 'force'>): Omit<ImportResult, 'chartPath'> {
  const { loaded, names, files } = request.project ?? loadProject(request);
  const mapped = mapCompose(loaded, { name: request.name, sources: names, files, skipServices: request.skipServices, imageFacts: request.imageFacts, unreadImages: request.unreadImages });
  const problems = stackProblemsWith(mapped.spec, { requirePinnedImages: false });
  if (problems.length > 0) {
    throw new ValidationError(problems.map(p => `the imported spec fails validation: ${p}`));
  }
  const chart = chartFile(mapped.spec, names, mapped.todos, mapped.images);
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
  return { spec: mapped.spec, chart, todos: mapped.todos, summary: mapped.summary, images: mapped.images };
}

/**
 * Imports and writes `charts/<stack>.ts` and its registration, as one
 * transaction (lib/compose/commit.ts); nothing is written when anything fails.
 */
export function importCompose(request: ImportRequest): ImportResult {
  refuseName(request);
  const result = convert(request);
  const chartPath = commitChart(request.root, result.spec.name, result.chart, { force: request.force, lock: request.lock, beforeStep: request.beforeStep });
  const renamed = result.spec.name === request.name ? [] : [`stack '${request.name}' is named '${result.spec.name}' (stack names are DNS labels: lower case, digits and '-', a letter first); use --stack ${result.spec.name}`];
  return { ...result, summary: [...renamed, ...result.summary], chartPath };
}

/** Throws when `--name` cannot name a stack, or names one that exists (without `--force`): before any work. */
export function refuseName(request: Pick<ImportRequest, 'name' | 'root' | 'force'>): void {
  const named = stackNameProblem(request.name, request.root);
  const existing = request.force === true || named !== undefined ? undefined : existingChart(request.root, dnsLabel(request.name, MAX_STACK_NAME));
  if (named !== undefined || existing !== undefined) {
    throw new ValidationError([(named ?? existing)!]);
  }
}

/**
 * Why `--name` cannot name a stack, or undefined: empty, longer than
 * {@link MAX_STACK_NAME} once made a DNS label, a namespace Kubernetes runs
 * itself, or the name of a file in `charts/` that is not a stack's chart
 * (`index`). `--force` does not change any of these.
 */
export function stackNameProblem(name: string, root: string): string | undefined {
  const shown = `--name '${name}'`;
  if (name.trim() === '') {
    return `${shown} is empty; name the stack, e.g. --name shop`;
  }
  const label = dnsLabel(name, Number.MAX_SAFE_INTEGER);
  if (label.length > MAX_STACK_NAME) {
    return `${shown} is ${label.length} characters as a stack name ('${label}'); stack names have at most ${MAX_STACK_NAME} (the names of its objects are built from it), e.g. --name ${shorterName(label)}`;
  }
  if (RESERVED_NAMESPACES.test(label)) {
    return `${shown} names the namespace '${label}', which Kubernetes runs itself (the stack's default-deny NetworkPolicy and Pod Security would stop the cluster's own pods, and removing the stack would delete it); choose another --name`;
  }
  if (label === 'index') {
    return `${shown} would write charts/index.ts, the list of every stack; choose another --name`;
  }
  const file = path.join(root, 'charts', `${label}.ts`);
  if (fs.existsSync(file) && !isStackChart(root, label)) {
    return `${shown} would replace charts/${label}.ts, which is not a stack's chart (charts/index.ts does not register it and it exports no ${constantName(label)}: StackSpec); choose another --name`;
  }
  return undefined;
}

/** A name of at most {@link MAX_STACK_NAME} characters: whole words of `label` where they fit. */
function shorterName(label: string): string {
  const at = label.slice(0, MAX_STACK_NAME + 1).lastIndexOf('-');
  return (at > 0 ? label.slice(0, at) : label.slice(0, MAX_STACK_NAME)).replace(/-+$/, '');
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
