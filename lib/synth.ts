import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { StackChart } from './stack-chart';
import { Profile } from './profiles/profile';
import { duplicateStackProblems, optionProblems, placementProblems, profileProblems, stackProblemsWith, ValidationError } from './spec/validate';
import { StackSpec } from './spec/types';
import { toYaml } from './yaml';
import { nameJobsByContent } from './constructs/job-wait';
import { nameByContent } from './constructs/one-shot-job';
import { addSyncWaves } from './sync-waves';
import { GitOpsProps, renderGitOps } from './gitops';
import { acquireLock, LockError, LockOptions } from './lock';
import { fileName } from './kinds/kubernetes';

/** The kustomize file of each folder. Not `kustomization.yaml`: `kubectl apply -f <folder>/` would read that as a manifest and fail. */
export const KUSTOMIZATION_FILE = 'Kustomization';

/** One synthesized stack in one environment. */
export interface RenderedStack {
  readonly environment: string;
  readonly stack: string;
  /** The Kubernetes objects, in apply order (Namespace first). */
  readonly objects: readonly any[];
  /** File name (relative to the stack folder) to content. */
  readonly files: ReadonlyMap<string, string>;
}

/** What to synthesize. */
export interface SynthRequest {
  readonly stacks: readonly StackSpec[];
  readonly profiles: readonly Profile[];
  /** Option overrides per stack name. @default - every stack's defaults */
  readonly options?: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
  /** Inputs of dist/gitops/ (written by {@link synthesize}). @default - the documented placeholders */
  readonly gitops?: GitOpsProps;
  /**
   * Only some of the stacks (`--stack`): dist/gitops/, which lists every
   * stack, is then kept as it was. @default false
   */
  readonly partial?: boolean;
}

/**
 * Validates every spec and profile first (all problems at once, as a
 * {@link ValidationError}), then synthesizes each stack in each profile in its
 * own cdk8s App (one chart per App keeps synthesis linear in the number of stacks).
 */
export function render(request: SynthRequest): RenderedStack[] {
  const problems = [
    ...request.profiles.flatMap(profileProblems),
    ...duplicateStackProblems(request.stacks),
    ...request.stacks.flatMap(s => stackProblemsWith(s, { requirePinnedImages: request.profiles.some(p => !p.allowUnpinnedImages) })),
    ...request.stacks.flatMap(s => optionProblems(s, request.options?.[s.name] ?? {})),
    ...request.profiles.flatMap(p => request.stacks.flatMap(s => placementProblems(s, p))),
  ];
  if (problems.length > 0) {
    throw new ValidationError(problems);
  }
  const rendered: RenderedStack[] = [];
  for (const profile of request.profiles) {
    for (const spec of request.stacks) {
      // An explicit outdir: App would otherwise read CDK8S_OUTDIR from the environment.
      const app = new App({ outdir: 'unused' });
      const chart = new StackChart(app, spec.name, { spec, profile, options: request.options?.[spec.name] });
      const objects = chart.toJson();
      nameJobsByContent(objects, nameByContent);
      addSyncWaves(objects, spec);
      rendered.push({ environment: profile.name, stack: spec.name, objects, files: stackFiles(objects) });
    }
  }
  return rendered;
}

/** One YAML file per object, in apply order, plus the kustomize file listing them. */
function stackFiles(objects: readonly any[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const obj of objects) {
    const name = fileName(obj);
    if (files.has(name)) {
      throw new Error(`two objects would be written to '${name}': ${obj.kind} '${obj.metadata.name}' appears twice; give one of them another name`);
    }
    files.set(name, toYaml(obj));
  }
  const names = [...files.keys()].sort();
  const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: names };
  const sorted = new Map(names.map(n => [n, files.get(n)!]));
  sorted.set(KUSTOMIZATION_FILE, toYaml(kustomization));
  return sorted;
}

/**
 * The file that marks a folder as a stackport output. `replaceTree` replaces
 * only a folder that holds it (or an empty one), so a mistyped `--out` never
 * deletes someone's work.
 */
export const MARKER_FILE = '.stackport';
export const MARKER_TEXT = 'stackport output: replaced as a whole by `npm run synth`; do not edit\n';

/** An output folder refused, or a write that failed, described in one line. */
export class OutputError extends Error {
  /**
   * @param leftBehind a folder the failure left beside the output, which the
   * user must remove or restore by hand
   */
  constructor(message: string, public readonly leftBehind?: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** Options of {@link synthesize} and {@link replaceTree}. */
export interface WriteOptions {
  /** How the output folder's lock waits and what it says (its takeovers and waits). @default - it waits silently */
  readonly lock?: Omit<LockOptions, 'holder' | 'timeoutSeconds'>;
  /** Seconds to wait for another synth's lock before giving up. @default 120 */
  readonly lockTimeoutSeconds?: number;
  /**
   * Keep the stack folders of rendered environments that this run did not
   * render (`--stack`). @default false: a rendered environment is replaced
   * whole, so a removed stack's folder goes too
   */
  readonly keepOtherStacks?: boolean;
}

/** Renders the request and its dist/gitops/ folders and, only when everything rendered, replaces `outDir` with the result. */
export function synthesize(request: SynthRequest, outDir: string, options: WriteOptions = {}): RenderedStack[] {
  // Checked before rendering too, so that a refused folder fails fast.
  refuseBadOutDir(outDir);
  const stacks = render(request);
  const rendered = request.partial === true ? stacks : [...stacks, ...renderGitOps(stacks, request.gitops)];
  replaceTree(outDir, rendered, { ...options, keepOtherStacks: request.partial === true });
  return rendered;
}

/**
 * Why `outDir` cannot be replaced as a whole, or undefined when it can: it
 * must name a folder other than the current one, its ancestors and the root,
 * must not lie inside another stackport output, and, if it exists, must be a
 * stackport output (it holds {@link MARKER_FILE}) or empty.
 */
export function outDirProblem(outDir: string, option = '--out'): string | undefined {
  const shown = option.startsWith('-') ? `'${option} ${outDir}'` : `'${option}=${outDir}'`;
  if (outDir.trim() === '') {
    return `'${option}' is empty; name a folder, e.g. ${option.startsWith('-') ? `${option} ` : `${option}=`}/tmp/dist`;
  }
  const out = path.resolve(outDir);
  const cwd = process.cwd();
  if (out === cwd || cwd.startsWith(out === path.sep ? out : out + path.sep)) {
    return `${shown} is ${out === path.sep ? 'the root folder' : out === cwd ? 'the current folder' : 'a folder above the current one'}, which synth would replace as a whole; name a folder of its own, e.g. --out dist`;
  }
  for (let dir = path.dirname(out); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
      return `${shown} lies below '${dir}', which is a file; name a folder elsewhere`;
    }
    if (fs.existsSync(path.join(dir, MARKER_FILE))) {
      return `${shown} is inside the stackport output '${dir}'; name the output folder itself and choose environments with --env, e.g. --out ${dir} --env local`;
    }
  }
  if (!fs.existsSync(out)) {
    return undefined;
  }
  if (!fs.statSync(out).isDirectory()) {
    return `${shown} is a file, not a folder; name a folder, e.g. --out ${outDir}.d`;
  }
  if (!fs.existsSync(path.join(out, MARKER_FILE)) && fs.readdirSync(out).length > 0) {
    return `${shown} is a folder that is not a stackport output (it has no ${MARKER_FILE} file) and would be replaced as a whole; name a new or empty folder`;
  }
  return undefined;
}

function refuseBadOutDir(outDir: string): void {
  const problem = outDirProblem(outDir);
  if (problem !== undefined) {
    throw new OutputError(problem);
  }
}

/** Writes every rendered stack below `dir` as `<environment>/<stack>/<file>`. */
export function writeTree(dir: string, rendered: readonly RenderedStack[]): void {
  for (const r of rendered) {
    const folder = path.join(dir, r.environment, r.stack);
    fs.mkdirSync(folder, { recursive: true });
    for (const [name, content] of r.files) {
      fs.writeFileSync(path.join(folder, name), content);
    }
  }
}

/**
 * Replaces `outDir` with a freshly written tree in one step, holding the lock
 * `<outDir>.lock` so that concurrent synths take turns. Everything is written
 * to a staging folder of this process first, which then takes the place of
 * `outDir`. A failure before the swap leaves `outDir` exactly as it was; a
 * crash between the two renames leaves the previous tree at
 * `<outDir>.previous-<pid>`, which the next run puts back before it starts.
 */
export function replaceTree(outDir: string, rendered: readonly RenderedStack[], options: WriteOptions = {}): void {
  refuseBadOutDir(outDir);
  const out = path.resolve(outDir);
  const release = lock(out, options);
  try {
    recover(out);
    const staging = `${out}.staging-${process.pid}`;
    const previous = `${out}.previous-${process.pid}`;
    try {
      writeTree(staging, rendered);
      fs.writeFileSync(path.join(staging, MARKER_FILE), MARKER_TEXT);
      // Environments and stacks not rendered this time (`--env`, `--stack`) are carried over as they are.
      const renderedEnvs = new Set(rendered.map(r => r.environment));
      const renderedStacks = new Set(rendered.map(r => `${r.environment}/${r.stack}`));
      for (const env of fs.existsSync(out) ? fs.readdirSync(out).filter(e => e !== MARKER_FILE) : []) {
        if (!renderedEnvs.has(env)) {
          fs.cpSync(path.join(out, env), path.join(staging, env), { recursive: true });
          continue;
        }
        const kept = options.keepOtherStacks === true ? fs.readdirSync(path.join(out, env)).filter(s => !renderedStacks.has(`${env}/${s}`)) : [];
        for (const stack of kept) {
          fs.cpSync(path.join(out, env, stack), path.join(staging, env, stack), { recursive: true });
        }
      }
    } catch (e) {
      removeOrSay(staging, e);
      throw e;
    }
    if (fs.existsSync(out)) {
      fs.renameSync(out, previous);
    }
    try {
      fs.renameSync(staging, out);
    } catch (e) {
      if (fs.existsSync(previous)) {
        try {
          fs.renameSync(previous, out);
        } catch {
          throw new OutputError(`${(e as Error).message}; the previous tree is at '${previous}', rename it back to '${out}'`, previous);
        }
      }
      removeOrSay(staging, e);
      throw e;
    }
    fs.rmSync(previous, { recursive: true, force: true });
  } finally {
    release();
  }
}

/** Removes a folder this run created; when that fails too, the error says what is left behind. */
function removeOrSay(dir: string, cause: unknown): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    throw new OutputError(`${(cause as Error).message}; could not remove '${dir}' either, remove it by hand`, dir);
  }
}

/** Puts back a tree a crashed run left at `.previous-<pid>`, and removes crashed runs' staging folders (the caller holds the lock). */
function recover(out: string): void {
  const parent = path.dirname(out);
  const base = path.basename(out);
  const leftovers = fs.readdirSync(parent).filter(e => e.startsWith(`${base}.staging-`) || e.startsWith(`${base}.previous-`)).sort();
  for (const e of leftovers) {
    if (e.startsWith(`${base}.previous-`) && !fs.existsSync(out)) {
      fs.renameSync(path.join(parent, e), out);
    } else {
      fs.rmSync(path.join(parent, e), { recursive: true, force: true });
    }
  }
}

/** Takes `<out>.lock` (see lib/lock.ts); a lock that cannot be had is an {@link OutputError}. */
function lock(out: string, options: WriteOptions): () => void {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  try {
    return acquireLock(`${out}.lock`, { holder: 'synth', timeoutSeconds: options.lockTimeoutSeconds, ...options.lock });
  } catch (e) {
    throw e instanceof LockError ? new OutputError(e.message) : e;
  }
}
