/**
 * Env files as compose reads them (the project `.env`, `--env-file` and each
 * service's `env_file`): `KEY=VALUE`, `export KEY=VALUE`, comments, quotes,
 * a bare `KEY` taken from the lookup, and `${VAR}` interpolation from values
 * earlier in the file or the lookup. Never reads the process environment.
 */
import { interpolate, InterpolationReport } from './interpolate';

/** A variable read from outside the file (earlier env files, the project env file); undefined when unset. */
export type Lookup = (name: string) => string | undefined;

const KEY = /^[A-Za-z0-9_.-]+$/;

function unescapeDouble(text: string): string {
  return text.replace(/\\(.)/gs, (all, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c === '"' || c === '\\' || c === '$' ? (c === '$' ? '$$' : c) : all));
}

/** The value at `i` (just after `=`) and where the statement ends. */
function readValue(text: string, i: number): { raw: string; quote: string | undefined; end: number } {
  const quote = text.charAt(i);
  if (quote === '"' || quote === "'") {
    let j = i + 1;
    while (j < text.length && !(text.charAt(j) === quote && (quote === "'" || text.charAt(j - 1) !== '\\'))) {
      j++;
    }
    if (j < text.length) {
      const eol = text.indexOf('\n', j);
      return { raw: text.slice(i + 1, j), quote, end: eol === -1 ? text.length : eol };
    }
  }
  const eol = text.indexOf('\n', i);
  const end = eol === -1 ? text.length : eol;
  let raw = text.slice(i, end);
  const comment = raw.search(/[ \t]#/);
  raw = (comment === -1 ? (raw.startsWith('#') ? '' : raw) : raw.slice(0, comment)).trimEnd();
  return { raw, quote: undefined, end };
}

/**
 * Variables of an env file. `lookup` resolves bare keys and `${VAR}` before the
 * file's own earlier values; `raw` reads values literally (compose's `format: raw`).
 * Throws a one-line message for a line that is not a variable.
 */
export function parseEnvFile(text: string, lookup: Lookup = () => undefined, raw = false): Record<string, string> {
  const vars: Record<string, string> = {};
  const report: InterpolationReport = { used: new Set(), unset: new Set() };
  const resolve = (name: string) => lookup(name) ?? (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined);
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const eol = text.indexOf('\n', i);
    const lineEnd = eol === -1 ? text.length : eol;
    const statement = text.slice(i, lineEnd).replace(/^\s+/, '');
    if (statement === '' || statement.startsWith('#')) {
      i = lineEnd + 1;
      line++;
      continue;
    }
    const body = statement.replace(/^export\s+/, '');
    const eq = body.indexOf('=');
    const key = (eq === -1 ? body : body.slice(0, eq)).trim();
    if (!KEY.test(key)) {
      throw new Error(`line ${line}: got '${statement.trimEnd()}'; expected KEY=VALUE`);
    }
    if (eq === -1) {
      const inherited = resolve(key);
      if (inherited !== undefined) {
        vars[key] = inherited;
      }
      i = lineEnd + 1;
      line++;
      continue;
    }
    const start = lineEnd - statement.length + (statement.length - body.length) + eq + 1;
    let at = start;
    while (text.charAt(at) === ' ' || text.charAt(at) === '\t') {
      at++;
    }
    if (raw) {
      vars[key] = text.slice(at, lineEnd).trimEnd();
      i = lineEnd + 1;
      line++;
      continue;
    }
    const value = readValue(text, at);
    vars[key] = value.quote === "'" ? value.raw
        : interpolate(value.quote === '"' ? unescapeDouble(value.raw) : value.raw, resolve, report);
    line += (text.slice(i, value.end).match(/\n/g) ?? []).length + 1;
    i = value.end + 1;
  }
  return vars;
}
