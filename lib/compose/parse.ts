/**
 * Reading compose files: YAML (anchors, merge keys), interpolation from an env
 * file, validation against the Compose Specification schema (the generated
 * validator in ./generated), and merging several files as `docker compose -f a
 * -f b` merges them. Pure functions over file contents: the caller reads files.
 */
import * as YAML from 'yaml';
import { ValidationError } from '../spec/validate';
import { ComposeSpecification } from './generated/compose-spec';

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

/** `services.web.ports[1]` from ['services', 'web', 'ports', 1]. */
export function docPath(segments: ReadonlyArray<string | number>): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Variables of an env file (`KEY=VALUE`, `export KEY=VALUE`, comments, quotes), as compose reads them. */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, '');
    const m = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (line.startsWith('#') || m === null) {
      continue;
    }
    let value = m[2];
    const quote = value.charAt(0);
    if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) {
      value = value.slice(1, value.lastIndexOf(quote));
      if (quote === '"') {
        value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
      }
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    vars[m[1]] = value;
  }
  return vars;
}

/** What interpolation used: variables read and variables that were not set. */
export interface InterpolationReport {
  readonly used: Set<string>;
  readonly unset: Set<string>;
}

/**
 * Replaces `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?message}`, `${VAR?message}`, `${VAR:+alt}`, `${VAR+alt}` and `$$`
 * in one string, as compose does; throws a message for a required variable.
 */
export function interpolate(text: string, vars: Readonly<Record<string, string>>, report: InterpolationReport): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text.charAt(i + 1);
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      let depth = 1;
      let j = i + 2;
      for (; j < text.length && depth > 0; j++) {
        depth += text.charAt(j) === '{' ? 1 : text.charAt(j) === '}' ? -1 : 0;
      }
      if (depth > 0) {
        throw new Error(`'\${' has no closing '}' in '${text}'`);
      }
      out += substitute(text.slice(i + 2, j - 1), vars, report);
      i = j;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
      if (m === null) {
        out += '$';
        i++;
      } else {
        out += lookup(m[0], vars, report) ?? '';
        i += 1 + m[0].length;
      }
    }
  }
  return out;
}

function lookup(name: string, vars: Readonly<Record<string, string>>, report: InterpolationReport): string | undefined {
  report.used.add(name);
  const value = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
  return value;
}

function substitute(expr: string, vars: Readonly<Record<string, string>>, report: InterpolationReport): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(expr);
  if (m === null) {
    throw new Error(`'\${${expr}}' is not a valid substitution; use \${NAME}, \${NAME:-default} or \${NAME:?message}`);
  }
  const [, name, op, rest] = m;
  const value = lookup(name, vars, report);
  const empty = value === undefined || (op !== undefined && op.startsWith(':') && value === '');
  switch (op) {
    case undefined:
      if (value === undefined) {
        report.unset.add(name);
      }
      return value ?? '';
    case ':-':
    case '-':
      return empty ? interpolate(rest, vars, report) : value!;
    case ':?':
    case '?':
      if (empty) {
        throw new Error(`required variable ${name} is ${value === undefined ? 'not set' : 'empty'}: ${interpolate(rest, vars, report) || 'set it in the env file'}`);
      }
      return value!;
    default: // ':+' and '+'
      return empty ? '' : interpolate(rest, vars, report);
  }
}

/** Interpolates every string value of a document; problems name the file and the path. */
function interpolateTree(value: any, vars: Readonly<Record<string, string>>, report: InterpolationReport, file: string, at: Array<string | number>, problems: string[]): any {
  if (typeof value === 'string') {
    try {
      return interpolate(value, vars, report);
    } catch (e) {
      problems.push(`${file}: ${docPath(at)}: ${(e as Error).message}`);
      return value;
    }
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => interpolateTree(v, vars, report, file, [...at, i], problems));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateTree(v, vars, report, file, [...at, k], problems)]));
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

/** The result of loading compose files. */
export interface LoadedCompose {
  /** The merged document, valid against the Compose Specification (its generated type). */
  readonly doc: ComposeSpecification;
  /** Variables the files use that the env file does not set (they became empty strings). */
  readonly unsetVariables: readonly string[];
  /** The file that last set each service key, by `service/key`: errors name it. */
  readonly origins: ReadonlyMap<string, string>;
}

/**
 * Parses, interpolates, validates and merges compose files, in order.
 * Throws a {@link ValidationError} with every problem of every file.
 */
export function loadCompose(sources: readonly ComposeSource[], vars: Readonly<Record<string, string>>): LoadedCompose {
  const problems: string[] = [];
  const report: InterpolationReport = { used: new Set(), unset: new Set() };
  const docs: ComposeDoc[] = [];
  const origins = new Map<string, string>();
  for (const { file, text } of sources) {
    const parsed = YAML.parseDocument(text, { merge: true, uniqueKeys: true });
    if (parsed.errors.length > 0) {
      problems.push(...parsed.errors.map(e => `${file}: line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}; fix the YAML syntax`));
      continue;
    }
    const raw = parsed.toJS({ maxAliasCount: 10000 }) ?? {};
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`${file}: (document): got ${describe(raw)}; expected a mapping with 'services'`);
      continue;
    }
    const doc = interpolateTree(raw, vars, report, file, [], problems);
    const schema = schemaProblems(file, doc);
    problems.push(...schema);
    if (schema.length === 0) {
      problems.push(...unsupported(file, doc));
      docs.push(resolveExtends(normalize(doc)));
      for (const [name, svc] of Object.entries<any>(doc.services ?? {})) {
        for (const key of Object.keys(svc ?? {})) {
          origins.set(`${name}/${key}`, file);
        }
      }
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
  const doc = docs.reduce((a, b) => mergeDocs(a, b), {});
  return { doc: doc as ComposeSpecification, unsetVariables: [...report.unset].sort(), origins };
}

/** What the importer does not follow: other files pulled in by `include` or `extends`. */
function unsupported(file: string, doc: ComposeDoc): string[] {
  const problems: string[] = [];
  if (Array.isArray(doc.include) && doc.include.length > 0) {
    problems.push(`${file}: include: got ${describe(doc.include)}; expected no included files: pass them with -f instead`);
  }
  for (const [name, svc] of Object.entries<any>(doc.services ?? {})) {
    const ext = svc?.extends;
    if (ext !== undefined && (typeof ext === 'string' ? false : ext.file !== undefined)) {
      problems.push(`${file}: ${docPath(['services', name, 'extends'])}: got ${describe(ext)}; expected a service of the same file: pass the other file with -f instead`);
    } else if (ext !== undefined && doc.services?.[typeof ext === 'string' ? ext : ext.service] === undefined) {
      problems.push(`${file}: ${docPath(['services', name, 'extends'])}: got ${describe(ext)}; expected the name of a service of this file`);
    }
  }
  return problems;
}

/** `extends: { service }` within one file: the base service's keys, then the service's own, as compose merges them. */
function resolveExtends(doc: ComposeDoc): ComposeDoc {
  const services: Record<string, any> = doc.services ?? {};
  const resolve = (name: string, seen: Set<string>): any => {
    const svc = services[name] ?? {};
    const ext = svc.extends;
    if (ext === undefined || seen.has(name)) {
      return svc;
    }
    const baseName = typeof ext === 'string' ? ext : ext.service;
    if (services[baseName] === undefined || (typeof ext === 'object' && ext.file !== undefined)) {
      return svc;
    }
    const { extends: _ignored, ...own } = svc;
    return mergeService(resolve(baseName, new Set([...seen, name])), own);
  };
  return { ...doc, services: Object.fromEntries(Object.keys(services).map(n => [n, resolve(n, new Set())])) };
}

/** A `KEY=VALUE` list or a map, as a map (a bare `KEY` maps to null: taken from the environment). */
export function listToMap(value: unknown): Record<string, any> {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map(String).map(item => {
      const eq = item.indexOf('=');
      return eq === -1 ? [item, null] : [item.slice(0, eq), item.slice(eq + 1)];
    }));
  }
  return { ...(value as Record<string, any> ?? {}) };
}

/** Rewrites the forms compose allows two ways into one, so files merge field by field. */
function normalize(doc: ComposeDoc): ComposeDoc {
  const services: Record<string, any> = {};
  for (const [name, svc] of Object.entries<any>(doc.services ?? {})) {
    const s: Record<string, any> = { ...(svc ?? {}) };
    for (const key of ['environment', 'labels', 'annotations']) {
      if (s[key] !== undefined) {
        s[key] = listToMap(s[key]);
      }
    }
    if (Array.isArray(s.depends_on)) {
      s.depends_on = Object.fromEntries(s.depends_on.map((d: string) => [d, { condition: 'service_started' }]));
    }
    if (typeof s.build === 'string') {
      s.build = { context: s.build };
    }
    if (typeof s.env_file === 'string') {
      s.env_file = [s.env_file];
    }
    services[name] = s;
  }
  return { ...doc, services };
}

/** Lists merged by a key (the later file replaces an entry with the same key), as compose merges them. */
const KEYED_LISTS: Readonly<Record<string, (item: any) => string>> = {
  volumes: v => (typeof v === 'string' ? v.split(':')[1] ?? v : v.target),
  ports: p => JSON.stringify(p),
  expose: e => String(e),
  secrets: s => (typeof s === 'string' ? s : s.source),
  configs: c => (typeof c === 'string' ? c : c.source),
  env_file: f => (typeof f === 'string' ? f : f.path),
  tmpfs: t => String(t),
};

function mergeDocs(a: ComposeDoc, b: ComposeDoc): ComposeDoc {
  const out: ComposeDoc = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (key === 'services') {
      const services: Record<string, any> = { ...(a.services ?? {}) };
      for (const [name, svc] of Object.entries<any>(value ?? {})) {
        services[name] = services[name] === undefined ? svc : mergeService(services[name], svc);
      }
      out.services = services;
    } else {
      out[key] = isMap(a[key]) && isMap(value) ? { ...a[key], ...value } : value;
    }
  }
  return out;
}

function mergeService(a: Record<string, any>, b: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const keyOf = KEYED_LISTS[key];
    if (keyOf !== undefined && Array.isArray(a[key]) && Array.isArray(value)) {
      const merged = new Map<string, any>((a[key] as any[]).map(v => [keyOf(v), v]));
      for (const v of value) {
        merged.set(keyOf(v), v);
      }
      out[key] = [...merged.values()];
    } else if (isMap(a[key]) && isMap(value) && key !== 'healthcheck') {
      out[key] = deepMerge(a[key], value);
    } else if (key === 'healthcheck' && isMap(a[key]) && isMap(value)) {
      out[key] = { ...a[key], ...value };
    } else {
      out[key] = value;
    }
  }
  return out;
}

function deepMerge(a: Record<string, any>, b: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    out[key] = isMap(a[key]) && isMap(value) ? deepMerge(a[key], value) : value;
  }
  return out;
}

function isMap(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
