/** Compose interpolation of one string: `$VAR`, `${VAR:-default}` and the other forms, as compose does. */

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
export function interpolate(text: string, vars: Variables, report: InterpolationReport): string {
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

/** Variables by name: a map, or a function (undefined when unset). */
export type Variables = Readonly<Record<string, string>> | ((name: string) => string | undefined);

function lookup(name: string, vars: Variables, report: InterpolationReport): string | undefined {
  report.used.add(name);
  if (typeof vars === 'function') {
    return vars(name);
  }
  return Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
}

function substitute(expr: string, vars: Variables, report: InterpolationReport): string {
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
