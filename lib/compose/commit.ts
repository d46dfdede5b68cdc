/**
 * Writing an imported chart into `charts/` as a transaction: under the lock
 * `charts/.import.lock`, the chart and then `charts/index.ts` are each written
 * whole to a hidden file beside them and renamed into place. A crash at any
 * point leaves every file either as it was or as it will be: at worst the new
 * chart without its registration, which the build ignores and the next import
 * names (see {@link unregisteredChart}).
 */
import * as fs from 'fs';
import * as path from 'path';
import { acquireLock, LockError, LockOptions } from '../lock';
import { ValidationError } from '../spec/validate';
import { constantName, registerChart } from './write';

/** The import's lock, in `charts/`. */
export const IMPORT_LOCK = '.import.lock';

/** How a commit runs: its lock, and a hook before each file operation (tests stop the process there). */
export interface CommitOptions {
  /** Replace a chart that exists. @default false */
  readonly force?: boolean;
  /** The lock's messages, waits and clock. @default - it waits silently */
  readonly lock?: Omit<LockOptions, 'holder'>;
  /** Called before each file operation with its name (`lock`, `write charts/x.ts`, ...). @default - nothing */
  readonly beforeStep?: (step: string) => void;
}

/** The registration a chart needs in `charts/index.ts`: its import line and its STACKS entry. */
export function registrationOf(stack: string): { readonly importLine: string; readonly constant: string } {
  const constant = constantName(stack);
  return { importLine: `import { ${constant} } from './${stack}';`, constant };
}

/**
 * Whether `charts/<stack>.ts`, which exists, is a stack's chart file: it is
 * registered in `charts/index.ts`, or exports the stack's constant as a StackSpec.
 */
export function isStackChart(root: string, stack: string): boolean {
  const file = path.join(root, 'charts', `${stack}.ts`);
  if (!fs.statSync(file).isFile()) {
    return false;
  }
  return fs.readFileSync(path.join(root, 'charts', 'index.ts'), 'utf8').includes(registrationOf(stack).importLine)
    || fs.readFileSync(file, 'utf8').includes(`export const ${constantName(stack)}: StackSpec = `);
}

/** The problem of `charts/<stack>.ts` that exists but is not registered, with its fix; undefined when it is registered or absent. */
export function unregisteredChart(root: string, stack: string): string | undefined {
  const chart = path.join(root, 'charts', `${stack}.ts`);
  const index = fs.readFileSync(path.join(root, 'charts', 'index.ts'), 'utf8');
  const { importLine, constant } = registrationOf(stack);
  if (!fs.existsSync(chart) || index.includes(importLine)) {
    return undefined;
  }
  return `charts/${stack}.ts exists but is not registered in charts/index.ts (an earlier import stopped before registering it); `
    + `pass --force to import it again, or register it by hand: add "${importLine}" and ${constant} to STACKS in charts/index.ts`;
}

/** The problem of a chart that exists, for an import without --force; undefined when there is none. */
export function existingChart(root: string, stack: string): string | undefined {
  if (!fs.existsSync(path.join(root, 'charts', `${stack}.ts`))) {
    return undefined;
  }
  return unregisteredChart(root, stack) ?? `charts/${stack}.ts exists already; pass --force to replace it, or choose another --name`;
}

/**
 * Writes `charts/<stack>.ts` and registers it in `charts/index.ts`, as one
 * transaction (see the module comment). Refuses, writing nothing, when the
 * chart exists and `force` is not set.
 */
export function commitChart(root: string, stack: string, chart: string, options: CommitOptions = {}): string {
  const step = options.beforeStep ?? (() => undefined);
  const charts = path.join(root, 'charts');
  step('lock');
  let release: () => void;
  try {
    release = acquireLock(path.join(charts, IMPORT_LOCK), { holder: 'import', ...options.lock });
  } catch (e) {
    throw e instanceof LockError ? new ValidationError([e.message]) : e;
  }
  try {
    removeLeftovers(charts, step);
    const existing = options.force === true ? undefined : existingChart(root, stack);
    if (existing !== undefined) {
      throw new ValidationError([existing]);
    }
    const chartPath = path.join(charts, `${stack}.ts`);
    const indexPath = path.join(charts, 'index.ts');
    const index = registered(fs.readFileSync(indexPath, 'utf8'), stack);
    replaceFile(chartPath, chart, step);
    if (index !== fs.readFileSync(indexPath, 'utf8')) {
      replaceFile(indexPath, index, step);
    }
    step('unlock');
    return chartPath;
  } finally {
    release();
  }
}

/** `charts/index.ts` with the stack registered; an index that cannot take it is a one-line problem. */
function registered(index: string, stack: string): string {
  try {
    return registerChart(index, stack);
  } catch (e) {
    throw new ValidationError([(e as Error).message]);
  }
}

/** The hidden file a new version of `file` is written to before it takes its place. */
function pendingName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.import-${process.pid}`);
}

/** Writes `text` whole beside `file` (flushed to disk), then renames it into place. */
function replaceFile(file: string, text: string, step: (s: string) => void): void {
  const pending = pendingName(file);
  const shown = `charts/${path.basename(file)}`;
  step(`write ${shown}`);
  const fd = fs.openSync(pending, 'w');
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  step(`rename ${shown}`);
  fs.renameSync(pending, file);
}

/** Removes the pending files of imports that crashed (the caller holds the lock). */
function removeLeftovers(charts: string, step: (s: string) => void): void {
  for (const name of fs.readdirSync(charts).filter(n => /^\..*\.ts\.import-[0-9]+$/.test(n)).sort()) {
    step(`remove charts/${name}`);
    fs.rmSync(path.join(charts, name), { force: true });
  }
}
