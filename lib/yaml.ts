/**
 * A small YAML writer for Kubernetes objects (plain JSON data), an order of
 * magnitude faster than a general YAML library, which dominated synth time.
 *
 * Output is block style with two-space indentation, keys in the order given.
 * A string is written plain only when every YAML 1.1 and 1.2 reader (kubectl
 * uses a YAML 1.1 one) reads it back as the same string; multi-line strings
 * become literal blocks; anything else is written as a JSON string, which is
 * valid YAML. test/yaml.test.ts reads every file of dist/ back with both
 * versions of the `yaml` library to prove it.
 */

/** Words that YAML 1.1 or 1.2 read as booleans or null. */
const RESERVED = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
/** Anything a YAML 1.1 or 1.2 reader could take for a number, a date or a time. */
const NUMBER_LIKE = /^[-+]?(\.?[0-9]|\.(inf|Inf|INF|nan|NaN|NAN)$)|^[0-9]{4}-[0-9]{2}-[0-9]{2}/;
/** Characters safe anywhere in a plain scalar (no indicators, no quotes, no `#`). */
const PLAIN = /^[A-Za-z0-9_./$(][A-Za-z0-9_./:@=+,$()\- ]*$/;

function scalar(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  const s = String(value);
  const plain = PLAIN.test(s) && !RESERVED.test(s) && !NUMBER_LIKE.test(s)
    && !s.endsWith(' ') && !s.includes(': ') && !s.endsWith(':') && !s.includes(' #');
  return plain ? s : JSON.stringify(s);
}

/** A multi-line string as a literal block, when it can be one exactly. */
function block(s: string, indent: string): string | undefined {
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  if (!s.includes('\n') || body.endsWith('\n') || /^[ \n]/.test(body) || /[ \t]\n|[ \t]$|\r|\t/.test(body)) {
    return undefined;
  }
  const header = s.endsWith('\n') ? '|' : '|-';
  return `${header}\n${body.split('\n').map(line => (line === '' ? '' : `${indent}${line}`)).join('\n')}`;
}

function isEmpty(v: unknown): boolean {
  return Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

function emit(value: unknown, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'object' && item !== null && !isEmpty(item)) {
        const lines: string[] = [];
        emit(item, `${indent}  `, lines);
        out.push(`${indent}- ${lines[0].slice(indent.length + 2)}`, ...lines.slice(1));
      } else {
        out.push(`${indent}- ${inline(item, `${indent}  `)}`);
      }
    }
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) {
      continue;
    }
    if (typeof v === 'object' && v !== null && !isEmpty(v)) {
      out.push(`${indent}${scalar(key)}:`);
      emit(v, `${indent}  `, out);
    } else {
      out.push(`${indent}${scalar(key)}: ${inline(v, `${indent}  `)}`);
    }
  }
}

function inline(v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    return '[]';
  }
  if (typeof v === 'object' && v !== null) {
    return '{}';
  }
  return (typeof v === 'string' ? block(v, indent) : undefined) ?? scalar(v);
}

/** One object as a YAML document (no `---`), ending in a newline. */
export function toYaml(value: object): string {
  const out: string[] = [];
  emit(value, '', out);
  return `${out.join('\n')}\n`;
}
