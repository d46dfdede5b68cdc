/**
 * A mapped stack as a chart file (`charts/<stack>.ts`): the spec as plain
 * data, formatted like the hand-written charts, with a header that names the
 * compose files and lists every `TODO(import):` decision; and its registration
 * in `charts/index.ts`.
 */
import { ServiceSpec, StackSpec } from '../spec/types';

/** Lines longer than this are broken into one entry per line. */
const WIDTH = 150;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `task-app` -> `TASK_APP`, the chart's exported constant. */
export function constantName(stack: string): string {
  const name = stack.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return /^[0-9]/.test(name) ? `STACK_${name}` : name;
}

function quote(s: string): string {
  if (s.includes("'") && !s.includes('"') && !/[\\\n\r\t]/.test(s)) {
    return `"${s}"`;
  }
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** Every field of any kind of service. */
type ServiceField = ServiceSpec extends infer S ? (S extends unknown ? keyof S : never) : never;

/**
 * The order of a service's fields, as the hand-written charts have them. A
 * field of any kind of service must have its place: the compiler refuses a
 * spec field missing here. `externalPorts` comes last, where the importer adds it.
 */
const SERVICE_KEY_ORDER: { readonly [F in ServiceField]: true } = {
  kind: true, name: true, image: true, option: true, stages: true, schedule: true, command: true, args: true, argsByStage: true, workingDir: true,
  ports: true, headless: true, aliases: true, env: true, envByStage: true, envByOption: true, dependsOn: true, connectsTo: true, user: true,
  writablePaths: true, writableRootReason: true, writableRootReasonByStage: true, netBindService: true, volumes: true, mounts: true, files: true,
  shmSize: true, secretFiles: true, healthcheck: true, scaling: true, singleton: true, apiAccess: true, backoffLimit: true, deadlineSeconds: true,
  completionCheck: true, dataPath: true, dataSize: true, resources: true, shutdownSeconds: true, externalPorts: true,
};
const SERVICE_KEYS: readonly string[] = Object.keys(SERVICE_KEY_ORDER);

function ordered(service: Record<string, unknown>): Record<string, unknown> {
  const keys = [...SERVICE_KEYS.filter(k => k in service), ...Object.keys(service).filter(k => !SERVICE_KEYS.includes(k))];
  return Object.fromEntries(keys.map(k => [k, service[k]]));
}

/** A value as TypeScript source: inline where it fits, one entry per line otherwise. */
export function source(value: unknown, indent = ''): string {
  const inline = inlineSource(value);
  if (indent.length + inline.length <= WIDTH || value === null || typeof value !== 'object') {
    return inline;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map(v => `${inner}${source(v, inner)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : quote(k)}: ${source(v, inner)},\n`).join('')}${indent}}`;
}

function inlineSource(value: unknown): string {
  if (typeof value === 'string') {
    return quote(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(inlineSource).join(', ')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${IDENTIFIER.test(k) ? k : quote(k)}: ${inlineSource(v)}`).join(', ')} }`;
}

/** The chart file of an imported stack. */
export function chartFile(spec: StackSpec, sources: readonly string[], todos: readonly string[], images: readonly string[]): string {
  const comment = (text: string) => text.replace(/\*\//g, '*\\/');
  const header = [
    '/**',
    ` * ${comment(spec.description)}.`,
    ` * Imported by \`npm run import\` from ${sources.map(comment).join(', ')}; review the TODOs, then delete each line you settled.`,
    ...(images.length === 0 ? [] : [' *', ' * Image facts, as read at import (synth reads no image):', ...images.map(i => ` * - ${comment(i)}`)]),
    ...(todos.length === 0 ? [] : [' *', ...todos.map(t => ` * TODO(import): ${comment(t)}`)]),
    ' */',
  ];
  return [
    ...header,
    "import { StackSpec } from '../lib/spec/types';",
    '',
    `export const ${constantName(spec.name)}: StackSpec = ${source({ ...spec, services: spec.services.map(s => ordered({ ...s })) })};`,
    '',
  ].join('\n');
}

/**
 * `charts/index.ts` with the stack registered (its import, and its entry at
 * the end of STACKS); unchanged when it is registered already.
 */
export function registerChart(index: string, stack: string): string {
  const constant = constantName(stack);
  const importLine = `import { ${constant} } from './${stack}';`;
  if (index.includes(importLine)) {
    return index;
  }
  const m = /(export const STACKS: readonly StackSpec\[\] = \[)([^\]]*)(\];)/.exec(index);
  if (m === null) {
    throw new Error("charts/index.ts has no 'export const STACKS: readonly StackSpec[] = [...]'; register the stack by hand");
  }
  const entries = m[2].trim().replace(/,$/, '');
  const withEntry = index.replace(m[0], `${m[1]}${entries === '' ? constant : `${entries}, ${constant}`}${m[3]}`);
  const imports = [...withEntry.matchAll(/^import .*;$/gm)];
  const last = imports[imports.length - 1];
  const at = last.index! + last[0].length;
  return `${withEntry.slice(0, at)}\n${importLine}${withEntry.slice(at)}`;
}
