/**
 * Reading compose files: YAML (anchors, merge keys), interpolation from an env
 * file, validation against the Compose Specification schema (the generated
 * validator in ./generated), and merging several files as `docker compose -f a
 * -f b` merges them. Pure functions over file contents: the caller reads files.
 */
import { posix } from 'path';
import * as YAML from 'yaml';
import { ValidationError } from '../spec/validate';
import { ComposeSpecification } from './generated/compose-spec';
import { parseEnvFile } from './dotenv';
import { interpolate, InterpolationReport, Variables } from './interpolate';
import { canonicalService, castTypes, normalService, docPath, isMap, listToMap, mergeDocs, mergeService, withoutPaths } from './normal-form';

export { docPath, interpolate, InterpolationReport, listToMap, parseEnvFile, Variables };

// The generated validator is plain JavaScript (ajv standalone code).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const validateCompose: ((doc: unknown) => boolean) & { errors?: AjvError[] | null } = require('./generated/validate-compose');

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}

/** A compose document as plain data. */
export type ComposeDoc = Record<string, any>;

/** One compose file: its name (as given) and its text. */
export interface ComposeSource {
  readonly file: string;
  readonly text: string;
}

/** Interpolates every string value of a document; problems name the file and the path. */
function interpolateTree(value: any, vars: Variables, report: InterpolationReport, file: string, at: Array<string | number>, problems: string[]): any {
  if (typeof value === 'string') {
    if (!value.includes('$')) {
      return value;
    }
    try {
      return interpolate(value, vars, report);
    } catch (e) {
      problems.push(`${file}: ${docPath(at)}: ${(e as Error).message}`);
      return value;
    }
  }
  // `at` is one array, extended and shortened on the way (a copy per value would cost as much as the document).
  if (Array.isArray(value)) {
    return value.map((v, i) => {
      at.push(i);
      const out = interpolateTree(v, vars, report, file, at, problems);
      at.pop();
      return out;
    });
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, any> = {};
    for (const k of Object.keys(value)) {
      at.push(k);
      out[k] = interpolateTree(value[k], vars, report, file, at, problems);
      at.pop();
    }
    return out;
  }
  return value;
}

/** Schema problems of one document: one line per path, with the value found and what is expected. */
export function schemaProblems(file: string, doc: unknown): string[] {
  if (validateCompose(doc)) {
    return [];
  }
  const errors = validateCompose.errors ?? [];
  const specific = errors.filter(e => !['oneOf', 'anyOf', 'if'].includes(e.keyword));
  const byPath = new Map<string, string[]>();
  for (const e of specific.length > 0 ? specific : errors) {
    // A nested error explains its parent's oneOf better than the parent's own message.
    if (specific.length > 0 && errors.some(o => o !== e && o.instancePath.startsWith(`${e.instancePath}/`) && !['oneOf', 'anyOf'].includes(o.keyword))) {
      continue;
    }
    const key = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath;
    const expected = e.keyword === 'additionalProperties' ? 'no such key (see the Compose Specification)' : expectation(e);
    byPath.set(key, [...new Set([...(byPath.get(key) ?? []), expected])]);
  }
  return [...byPath.entries()].map(([pointer, expected]) => {
    const segments = pointer.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~')).map(s => (/^[0-9]+$/.test(s) ? Number(s) : s));
    const value = segments.reduce<any>((v, s) => (v === undefined || v === null ? undefined : v[s]), doc);
    return `${file}: ${docPath(segments) || '(document)'}: got ${describe(value)}; expected ${expected.join(' or ')}`;
  });
}

function expectation(e: AjvError): string {
  switch (e.keyword) {
    case 'type': return String(e.params.type).split(',').map(t => `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`).join(' or ');
    case 'enum': return `one of ${(e.params.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')}`;
    case 'pattern': return `a string matching ${String(e.params.pattern)}`;
    case 'required': return `the key '${String(e.params.missingProperty)}'`;
    default: return e.message ?? e.keyword;
  }
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}


/** What the loader may read beside the first compose file (paths relative to its folder): env files. */
export interface ComposeReader {
  /** 'file', 'dir', or undefined when nothing is there. */
  kind(relativePath: string): 'file' | 'dir' | undefined;
  read(relativePath: string): string;
}

/** Reads nothing: every env file is missing. */
const NO_FILES: ComposeReader = { kind: () => undefined, read: p => { throw new Error(`cannot read ${p}`); } };

/** The result of loading compose files. */
export interface LoadedCompose {
  /** The merged document in the Compose normal form (long syntax), valid against the Compose Specification. */
  readonly doc: ComposeSpecification;
  /** Variables the files use that the env file does not set (they became empty strings). */
  readonly unsetVariables: readonly string[];
  /** The file that last set each service key, by `service/key`: errors name it. */
  readonly origins: ReadonlyMap<string, string>;
  /** Pass-through variables (`environment: [VAR]`) the env file does not set: compose leaves them unset in the container. */
  readonly unresolvedPassThrough: ReadonlyArray<{ readonly service: string; readonly variable: string }>;
  /** Profiles the env file switches on (`COMPOSE_PROFILES`). */
  readonly activeProfiles: readonly string[];
  /** Lines for the importer to print as TODOs (a version 1 file read as services). */
  readonly notes: readonly string[];
}

/** One file read: its document (reset keys removed) and the paths its `!reset`/`!override` tags remove from earlier files. */
interface ReadFile {
  readonly doc: ComposeDoc;
  readonly cleared: string[][];
}

/** What a walk over the YAML nodes records: `!reset`/`!override` paths, and keys defined twice. */
interface NodeWalk {
  readonly reset: string[][];
  readonly override: string[][];
  readonly duplicates: string[];
  readonly lineOf: (offset: number) => number;
}

/**
 * Records the paths of `!reset` and `!override` values and drops their tags
 * (unknown to the YAML library), and finds keys defined twice in one mapping
 * (the library's own check compares every key with every other).
 */
function walkNodes(node: unknown, at: string[], w: NodeWalk): void {
  if (YAML.isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = String(YAML.isScalar(pair.key) ? pair.key.value : pair.key);
      if (seen.has(key) && key !== '<<') {
        const offset = YAML.isNode(pair.key) ? pair.key.range?.[0] ?? 0 : 0;
        w.duplicates.push(`line ${w.lineOf(offset)}: map key '${key}' is defined twice`);
      }
      seen.add(key);
      const value = pair.value;
      if (YAML.isNode(value) && (value.tag === '!reset' || value.tag === '!override')) {
        (value.tag === '!reset' ? w.reset : w.override).push([...at, key]);
        value.tag = undefined;
      }
      walkNodes(value, [...at, key], w);
    }
  } else if (YAML.isSeq(node)) {
    node.items.forEach((item, i) => walkNodes(item, [...at, String(i)], w));
  }
}

/** Parses one file: YAML, tags, version 1 layout, interpolation, typed values, schema. */
function readOne(source: ComposeSource, vars: Variables, report: InterpolationReport, problems: string[], notes: string[]): ReadFile | undefined {
  const { file, text } = source;
  const lineCounter = new YAML.LineCounter();
  const parsed = YAML.parseDocument(text, { merge: true, uniqueKeys: false, lineCounter });
  const walk: NodeWalk = { reset: [], override: [], duplicates: [], lineOf: offset => lineCounter.linePos(offset).line };
  if (parsed.errors.length === 0) {
    walkNodes(parsed.contents, [], walk);
  }
  const syntax = [...parsed.errors.map(e => `line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`), ...walk.duplicates];
  if (syntax.length > 0) {
    problems.push(...syntax.map(e => `${file}: ${e}; fix the YAML syntax`));
    return undefined;
  }
  const { reset, override } = walk;
  let raw = parsed.toJS({ maxAliasCount: 10000 }) ?? {};
  if (!isMap(raw)) {
    problems.push(`${file}: (document): got ${describe(raw)}; expected a mapping with 'services'`);
    return undefined;
  }
  raw = withoutPaths(raw, reset);
  if (isVersion1(raw)) {
    const { version, ...services } = raw;
    notes.push(`${file} is a version 1 file (no 'services' key): its top-level keys are read as services; docker compose v2 refuses it, indent them under 'services:'`);
    raw = { services };
  }
  const problemsBefore = problems.length;
  const doc = interpolateTree(raw, vars, report, file, [], problems);
  castTypes(doc, file, problems);
  if (problems.length > problemsBefore) {
    return undefined;
  }
  const schema = schemaProblems(file, doc);
  problems.push(...schema, ...(schema.length === 0 ? unsupported(file, doc) : []));
  return schema.length === 0 ? { doc, cleared: [...reset, ...override] } : undefined;
}

/** A version 1 file: no `services`, every other top-level key a service (a mapping with `image` or `build`). */
function isVersion1(doc: ComposeDoc): boolean {
  const keys = Object.keys(doc).filter(k => k !== 'version' && !k.startsWith('x-'));
  return doc.services === undefined && keys.length > 0
    && keys.every(k => isMap(doc[k]) && (doc[k].image !== undefined || doc[k].build !== undefined));
}

/** Each service of one file in the long syntax, its `extends` resolved. */
function canonicalDoc(file: string, doc: ComposeDoc, c: ExtendsContext): ComposeDoc {
  const services: Record<string, any> = {};
  for (const [name, svc] of Object.entries<any>(doc.services ?? {})) {
    services[name] = canonicalService(svc ?? {}, `${file}: ${docPath(['services', name])}`, c.problems);
  }
  c.services.set(file, services);
  for (const key of [...c.done.keys()].filter(k => k.startsWith(`${file}\0`))) {
    c.done.delete(key);
  }
  const resolved: Record<string, any> = {};
  for (const name of Object.keys(services)) {
    resolved[name] = resolveService(file, name, [], c);
  }
  return { ...doc, services: resolved };
}

/** How to load compose files. */
export interface LoadOptions {
  /** The name of the first file's folder: the project name when neither the env file nor the files name one. @default '' */
  readonly folder?: string;
}

/** A project name as compose-go normalises a folder name or `name:` (lower case, only a-z, 0-9, '_' and '-', no leading '_' or '-'). */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[-_]+/, '');
}

/** The last `name:` of the files, interpolated; undefined when none names the project. */
function declaredName(sources: readonly ComposeSource[], vars: Variables): string | undefined {
  let name: string | undefined;
  for (const { text } of sources) {
    try {
      const doc = YAML.parse(text, { uniqueKeys: false, maxAliasCount: -1 });
      const value = isMap(doc) && doc.name !== undefined && doc.name !== null ? interpolate(String(doc.name), vars, { used: new Set(), unset: new Set() }) : '';
      name = value === '' ? name : value;
    } catch {
      // readOne reports the file's problems.
    }
  }
  return name;
}

/**
 * The env file's variables and COMPOSE_PROJECT_NAME, as compose sets it for
 * interpolation: the env file's value if not empty (refused unless already a
 * valid name), else the last `name:` of the files, else the folder's name, normalised.
 */
function projectVariables(sources: readonly ComposeSource[], vars: Readonly<Record<string, string>>, folder: string, problems: string[]): Variables {
  const fromEnv = vars.COMPOSE_PROJECT_NAME;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(fromEnv)) {
      problems.push(`env file: COMPOSE_PROJECT_NAME: got '${fromEnv}'; expected lower-case letters, digits, '-' and '_', starting with a letter or digit (compose refuses it too); write '${normalizeProjectName(fromEnv)}'`);
    }
    return vars;
  }
  let project: string | undefined;
  const own = (name: string) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined);
  return name => {
    if (name !== 'COMPOSE_PROJECT_NAME') {
      return own(name);
    }
    project = project ?? normalizeProjectName(declaredName(sources, own) ?? folder);
    return project;
  };
}

/**
 * Parses, interpolates, validates and merges compose files, in order, into the
 * Compose normal form; then resolves each service's environment from its
 * `env_file` entries (read with `files`, relative to the first file's folder)
 * and `environment`. `vars` are the env file's variables (never the process's).
 * Throws a {@link ValidationError} with every problem of every file.
 */
export function loadCompose(sources: readonly ComposeSource[], vars: Readonly<Record<string, string>>, files: ComposeReader = NO_FILES, options: LoadOptions = {}): LoadedCompose {
  const problems: string[] = [];
  const notes: string[] = [];
  const report: InterpolationReport = { used: new Set(), unset: new Set() };
  const origins = new Map<string, string>();
  const withProject = projectVariables(sources, vars, options.folder ?? '', problems);
  const extendsContext: ExtendsContext = { vars: withProject, report, files, problems, notes, services: new Map(), done: new Map(), cleared: new Map() };
  let merged: ComposeDoc = {};
  for (const source of sources) {
    const read = readOne(source, withProject, report, problems, notes);
    if (read === undefined) {
      continue;
    }
    extendsContext.cleared.set(source.file, read.cleared);
    const doc = canonicalDoc(source.file, read.doc, extendsContext);
    merged = mergeDocs(withoutPaths(merged, read.cleared), doc);
    for (const [name, svc] of Object.entries<any>(doc.services)) {
      for (const key of Object.keys(svc)) {
        origins.set(`${name}/${key}`, source.file);
      }
    }
  }
  if (problems.length === 0 && Object.keys(isMap(merged.services) ? merged.services : {}).length === 0) {
    problems.push(`${sources.map(s => s.file).join(', ')}: services: got no service; expected at least one service under 'services' (is this the compose file?)`);
  }
  const unresolvedPassThrough: Array<{ service: string; variable: string }> = [];
  if (problems.length === 0) {
    const services: Record<string, any> = {};
    for (const [name, svc] of Object.entries<any>(merged.services)) {
      services[name] = normalService(svc, `${origins.get(`${name}/command`) ?? sources[0].file}: ${docPath(['services', name])}`, problems);
    }
    merged = { ...merged, services };
    problems.push(...healthcheckProblems(merged, origins, sources[0].file), ...undeclaredVolumes(merged, origins, sources[0].file));
    merged = resolveEnvironments(merged, { vars, files, origins, first: sources[0].file, problems, unresolved: unresolvedPassThrough });
  }
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
  const activeProfiles = (vars.COMPOSE_PROFILES ?? '').split(',').map(p => p.trim()).filter(p => p !== '');
  return { doc: merged as ComposeSpecification, unsetVariables: [...report.unset].sort(), origins, unresolvedPassThrough, activeProfiles, notes };
}

/** `healthcheck.test` with no command (`["CMD"]`, `["CMD-SHELL"]`, `""`): compose would run nothing. */
function healthcheckProblems(doc: ComposeDoc, origins: ReadonlyMap<string, string>, first: string): string[] {
  const problems: string[] = [];
  for (const [name, svc] of Object.entries<any>(doc.services)) {
    const test = svc?.healthcheck?.test;
    const empty = Array.isArray(test) && ((test.length === 1 && ['CMD', 'CMD-SHELL'].includes(String(test[0])))
      || (test.length === 2 && test[0] === 'CMD-SHELL' && String(test[1]).trim() === ''));
    if (empty) {
      problems.push(`${origins.get(`${name}/healthcheck`) ?? first}: ${docPath(['services', name, 'healthcheck', 'test'])}: got ${describe(test)}; expected a command to run; to switch the check off write disable: true or test: ["NONE"]`);
    }
  }
  return problems;
}

/** Named volumes a service mounts that the top-level `volumes` do not declare: compose refuses the project. */
function undeclaredVolumes(doc: ComposeDoc, origins: ReadonlyMap<string, string>, first: string): string[] {
  const declared = isMap(doc.volumes) ? doc.volumes : {};
  const problems: string[] = [];
  for (const [name, svc] of Object.entries<any>(doc.services)) {
    (Array.isArray(svc.volumes) ? svc.volumes : []).forEach((v: any, i: number) => {
      if (v?.type === 'volume' && typeof v.source === 'string' && v.source !== '' && !(v.source in declared)) {
        problems.push(`${origins.get(`${name}/volumes`) ?? first}: ${docPath(['services', name, 'volumes', i])}: volume '${v.source}' is not declared under the top-level 'volumes'; declare it (volumes: { ${v.source}: {} }) or mount a path`);
      }
    });
  }
  return problems;
}

interface EnvContext {
  readonly vars: Readonly<Record<string, string>>;
  readonly files: ComposeReader;
  readonly origins: ReadonlyMap<string, string>;
  readonly first: string;
  readonly problems: string[];
  readonly unresolved: Array<{ service: string; variable: string }>;
}

/** Each service's `env_file` entries in order, then its `environment` over them, as one map of strings; `env_file` removed. */
function resolveEnvironments(doc: ComposeDoc, c: EnvContext): ComposeDoc {
  const services: Record<string, any> = {};
  for (const [name, svc] of Object.entries<any>(doc.services)) {
    if (svc.env_file === undefined && svc.environment === undefined) {
      services[name] = svc;
      continue;
    }
    const { env_file: envFiles, ...rest } = svc;
    const env = envFromFiles(name, envFiles ?? [], c);
    for (const [k, v] of Object.entries<any>(svc.environment ?? {})) {
      const value = v === null || v === undefined ? (Object.prototype.hasOwnProperty.call(c.vars, k) ? c.vars[k] : undefined) : String(v);
      if (value === undefined) {
        delete env[k];
        c.unresolved.push({ service: name, variable: k });
      } else {
        env[k] = value;
      }
    }
    services[name] = { ...rest, environment: env };
  }
  return { ...doc, services };
}

function envFromFiles(name: string, envFiles: any[], c: EnvContext): Record<string, string> {
  const env: Record<string, string> = {};
  // The project env file comes first, as docker compose config shows (`Y=${SHARED}` takes the project's SHARED).
  const lookup = (k: string) => (Object.prototype.hasOwnProperty.call(c.vars, k) ? c.vars[k] : Object.prototype.hasOwnProperty.call(env, k) ? env[k] : undefined);
  const where = `${c.origins.get(`${name}/env_file`) ?? c.first}: ${docPath(['services', name, 'env_file'])}`;
  for (const f of envFiles) {
    const path = String(f.path);
    if (c.files.kind(path) !== 'file') {
      if (f.required !== false) {
        c.problems.push(`${where}: env file '${path}' does not exist beside ${c.first}; create it or mark it 'required: false'`);
      }
      continue;
    }
    try {
      Object.assign(env, parseEnvFile(c.files.read(path), lookup, f.format === 'raw'));
    } catch (e) {
      c.problems.push(`${where}: env file '${path}', ${(e as Error).message}`);
    }
  }
  return env;
}

/** What the importer does not follow (files pulled in by `include`), and `extends` of a service the same file lacks. */
function unsupported(file: string, doc: ComposeDoc): string[] {
  const problems: string[] = [];
  if (Array.isArray(doc.include) && doc.include.length > 0) {
    problems.push(`${file}: include: got ${describe(doc.include)}; expected no included files: pass them with -f instead`);
  }
  for (const [name, svc] of Object.entries<any>(doc.services ?? {})) {
    const ext = svc?.extends;
    if (ext !== undefined && (typeof ext === 'string' || ext.file === undefined) && doc.services?.[typeof ext === 'string' ? ext : ext.service] === undefined) {
      problems.push(`${file}: ${docPath(['services', name, 'extends'])}: got ${describe(ext)}; expected the name of a service of this file`);
    }
  }
  return problems;
}

/** What resolving `extends` needs: the reader and variables, and the files and services resolved so far. */
interface ExtendsContext {
  readonly vars: Variables;
  readonly report: InterpolationReport;
  readonly files: ComposeReader;
  readonly problems: string[];
  readonly notes: string[];
  /** Canonical services of each file, by path from the first file's folder; undefined when the file could not be read. */
  readonly services: Map<string, Record<string, any> | undefined>;
  /** Services with their extends resolved, by `file\0service`. */
  readonly done: Map<string, any>;
  /** The paths each file tags `!reset` or `!override`, by file: in a service with `extends`, they clear the base's value too. */
  readonly cleared: Map<string, readonly string[][]>;
}

function folderOf(file: string): string {
  return posix.dirname(file);
}

/** A path written in a file of `folder`, from the first file's folder (`./sub/data`); absolute and home paths stay. */
function rebase(p: string, folder: string): string {
  if (folder === '.' || p.startsWith('/') || p.startsWith('~') || /^[a-z][a-z0-9+.-]*:\/\//i.test(p)) {
    return p;
  }
  const joined = posix.normalize(posix.join(folder, p)).replace(/\/$/, '');
  return joined.startsWith('../') || joined === '..' || joined.startsWith('/') ? joined : `./${joined}`;
}

/** A service read from a file in another folder: its relative paths (build, binds, env files) from the first file's folder, as compose resolves them. */
function rebaseService(svc: Record<string, any>, folder: string): Record<string, any> {
  if (folder === '.') {
    return svc;
  }
  const out = { ...svc };
  if (isMap(out.build) && typeof out.build.context === 'string') {
    out.build = { ...out.build, context: rebase(out.build.context, folder) };
  }
  if (Array.isArray(out.volumes)) {
    out.volumes = out.volumes.map((v: any) => (v?.type === 'bind' && typeof v.source === 'string' ? { ...v, source: rebase(v.source, folder) } : v));
  }
  if (Array.isArray(out.env_file)) {
    out.env_file = out.env_file.map((f: any) => ({ ...f, path: rebase(String(f.path), folder).replace(/^\.\//, '') }));
  }
  return out;
}

/** The canonical services of a file named by `extends.file`, read once; problems name the file that names it (`at`). */
function servicesOf(file: string, at: string, c: ExtendsContext): Record<string, any> | undefined {
  if (c.services.has(file)) {
    return c.services.get(file);
  }
  c.services.set(file, undefined);
  if (c.files.kind(file) !== 'file') {
    c.problems.push(`${at}.file: file '${file}' does not exist (extends.file is relative to the file that names it); create it or correct the path`);
    return undefined;
  }
  const read = readOne({ file, text: c.files.read(file) }, c.vars, c.report, c.problems, c.notes);
  if (read === undefined) {
    return undefined;
  }
  c.cleared.set(file, read.cleared);
  const services: Record<string, any> = {};
  for (const [name, svc] of Object.entries<any>(read.doc.services ?? {})) {
    services[name] = rebaseService(canonicalService(svc ?? {}, `${file}: ${docPath(['services', name])}`, c.problems), folderOf(file));
  }
  c.services.set(file, services);
  return services;
}

/**
 * One service with its `extends` resolved: the base service (of the same file
 * or of `extends.file`, itself resolved) under the service's own keys, as
 * compose merges them (its `!reset` and `!override` keys clear the base's);
 * cycles across files are refused.
 */
function resolveService(file: string, name: string, chain: readonly string[], c: ExtendsContext): any {
  const key = `${file}\0${name}`;
  const known = c.done.get(key);
  if (known !== undefined) {
    return known;
  }
  const svc = c.services.get(file)?.[name] ?? {};
  const ext = svc.extends;
  if (ext === undefined) {
    c.done.set(key, svc);
    return svc;
  }
  const at = `${file}: ${docPath(['services', name, 'extends'])}`;
  const baseName = String(typeof ext === 'string' ? ext : ext.service);
  const baseFile = typeof ext === 'string' || ext.file === undefined ? file : rebase(String(ext.file), folderOf(file)).replace(/^\.\//, '');
  const path = [...chain, key];
  const { extends: _ignored, ...own } = svc;
  c.done.set(key, own);
  if (path.includes(`${baseFile}\0${baseName}`)) {
    const label = (k: string) => (k.split('\0')[0] === file && baseFile === file ? k.split('\0')[1] : `${k.split('\0')[1]} (${k.split('\0')[0]})`);
    const cycle = [...path.slice(path.indexOf(`${baseFile}\0${baseName}`)), `${baseFile}\0${baseName}`].map(label);
    c.problems.push(`${at}: ${cycle.join(' -> ')} is a cycle; expected a chain of extends that ends at a service without extends`);
    return own;
  }
  const baseServices = baseFile === file ? c.services.get(file) : servicesOf(baseFile, at, c);
  if (baseServices === undefined) {
    return own;
  }
  if (baseServices[baseName] === undefined) {
    if (baseFile !== file) {
      const names = Object.keys(baseServices);
      c.problems.push(`${at}: service '${baseName}' is not in ${baseFile}; expected one of its services (${names.length > 0 ? names.join(', ') : 'it has none'}): correct extends.service`);
    }
    return own;
  }
  // `!reset` and `!override` in the service apply to the base it extends, as in an override file.
  const tagged = (c.cleared.get(file) ?? []).filter(p => p.length > 2 && p[0] === 'services' && p[1] === name).map(p => p.slice(2));
  const out = mergeService(withoutPaths(resolveService(baseFile, baseName, path, c), tagged), own);
  c.done.set(key, out);
  return out;
}
