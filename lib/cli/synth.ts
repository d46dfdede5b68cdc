/**
 * `stackport synth` and `stackport check` (and main.ts, the cdk8s entry point,
 * which runs synth): what they do with a parsed command line. The stacks and
 * environments are passed in, so that lib/ never reads charts/ or environments/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { StackSpec } from '../spec/types';
import { Profile } from '../profiles/profile';
import { selectProfiles } from '../profiles';
import { GitOpsProps } from '../gitops';
import { MARKER_FILE, MARKER_TEXT, OutputError, outDirProblem, writeTree } from '../output';
import { render, synthesize } from '../synth';
import { ValidationError } from '../spec/validate';
import { Inputs, listOption, ParsedCommand, stringOption } from './options';

/** What synth and check render: the registry of stacks and of environments. */
export interface Registry {
  readonly stacks: readonly StackSpec[];
  readonly environments: readonly Profile[];
  readonly defaultEnvironments: readonly Profile[];
}

const GITOPS_FLAGS: Readonly<Record<string, keyof GitOpsProps>> = { 'repo-url': 'repoUrl', revision: 'revision', 'flux-source': 'fluxSourceName' };

/** The selection both commands share: environments, stacks and options, with every problem of them. */
function selection(args: ParsedCommand, inputs: Inputs, registry: Registry) {
  const options: Record<string, Record<string, boolean>> = {};
  const problems: string[] = [];
  for (const value of listOption(args, 'option')) {
    const m = /^([a-z0-9-]+)\.([A-Za-z0-9-]+)=(true|false)$/.exec(value);
    if (m === null) {
      problems.push(`'--option ${value}' must look like STACK.OPTION=true or STACK.OPTION=false, e.g. loc8.postgres=true`);
    } else {
      options[m[1]] = { ...options[m[1]], [m[2]]: m[3] === 'true' };
    }
  }
  const stackNames = listOption(args, 'stack');
  const known = registry.stacks.map(spec => spec.name);
  problems.push(
    ...Object.keys(options).filter(s => !known.includes(s)).map(s => `'--option' names stack '${s}'; use one of: ${known.join(', ')}`),
    ...stackNames.filter(s => !known.includes(s)).map(s => `'--stack' names stack '${s}'; use one of: ${known.join(', ')}`),
    ...(stackNames.length === 0 ? [] : Object.keys(options).filter(s => known.includes(s) && !stackNames.includes(s))
      .map(s => `'--option' names stack '${s}', which '--stack' leaves out; synthesize it with --stack ${s}, or use an option of: ${stackNames.join(', ')}`)),
  );
  const profiles = selectProfiles({ all: registry.environments, defaults: registry.defaultEnvironments }, listOption(args, 'env'), { imageTag: inputs.imageTag });
  const stacks = stackNames.length === 0 ? registry.stacks : registry.stacks.filter(spec => stackNames.includes(spec.name));
  return { options, stackNames, profiles, stacks, problems };
}

/** `stackport check`: renders and validates, writes nothing. Returns the exit code. */
export function runCheck(args: ParsedCommand, inputs: Inputs, registry: Registry): number {
  try {
    const { options, profiles, stacks, problems } = selection(args, inputs, registry);
    if (problems.length > 0) {
      throw new ValidationError(problems);
    }
    const rendered = render({ stacks, profiles, options });
    const objects = rendered.reduce((n, r) => n + r.objects.length, 0);
    console.log(`check: ${profiles.length} environment${profiles.length === 1 ? '' : 's'} x ${stacks.length} stack${stacks.length === 1 ? '' : 's'} render and validate (${objects} objects); nothing written`);
    return 0;
  } catch (e) {
    if (e instanceof ValidationError) {
      console.error(`check: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** `stackport synth` (and main.ts): returns the exit code. */
export function runSynth(args: ParsedCommand, inputs: Inputs, registry: Registry): number {
  // A trailing slash names the same folder.
  const out = (stringOption(args, 'out') ?? 'dist').replace(/(.)\/+$/, '$1');
  const gitops: Record<string, string> = {};
  for (const [flag, prop] of Object.entries(GITOPS_FLAGS)) {
    const value = stringOption(args, flag);
    if (value !== undefined) {
      gitops[prop] = value;
    }
  }
  // `cdk8s synth` keeps the app's standard output to itself: the summary goes to standard error there.
  const log = inputs.cdk8sOutDir === undefined ? console.log : console.error;
  try {
    const { options, stackNames, profiles, stacks, problems } = selection(args, inputs, registry);
    problems.push(
      ...cdk8sOutDirProblems(inputs.cdk8sOutDir, out),
      // dist/gitops/ lists every stack, so only a synth of every stack writes it.
      ...(stackNames.length > 0 ? Object.keys(GITOPS_FLAGS).filter(f => gitops[GITOPS_FLAGS[f]] !== undefined)
        .map(f => `'--${f}' changes dist/gitops/, which a synth with '--stack' keeps as it was; leave out --stack`) : []),
    );
    if (problems.length > 0) {
      throw new ValidationError(problems);
    }
    const rendered = synthesize({ stacks, profiles, options, gitops, partial: stackNames.length > 0 }, out, {
      lock: { say: line => console.error(line) },
    });
    for (const r of rendered) {
      log(`synth: ${r.environment}/${r.stack}: ${r.objects.length} objects`);
    }
    const objects = rendered.reduce((n, r) => n + r.objects.length, 0);
    log(`synth: wrote ${out}/ (${profiles.length} environments x ${stacks.length} stacks, ${objects} objects)`);
    return copyForCdk8s(inputs.cdk8sOutDir, out, rendered);
  } catch (e) {
    console.error(synthFailure(e, out));
    return 1;
  }
}

/** The CLI lists the manifests in its output folder; a folder inside the output already holds them. */
function copyForCdk8s(dir: string | undefined, out: string, rendered: Parameters<typeof writeTree>[1]): number {
  if (dir === undefined || isWithin(dir, out)) {
    return 0;
  }
  try {
    writeTree(dir, rendered);
    fs.writeFileSync(path.join(dir, MARKER_FILE), MARKER_TEXT);
    return 0;
  } catch (e) {
    console.error(`synth: ${out}/ is written, but its copy for cdk8s synth could not be: ${(e as Error).message}`);
    return 1;
  }
}

/** The lines a failed synth prints. */
function synthFailure(e: unknown, out: string): string {
  if (e instanceof OutputError) {
    return `synth: ${e.message}${e.leftBehind === undefined ? '\nsynth: nothing written' : ''}`;
  } else if (e instanceof ValidationError) {
    return `synth: ${e.message}\nsynth: nothing written; ${out}/ is as it was`;
  } else if (typeof (e as NodeJS.ErrnoException).code === 'string') {
    // A file system error (permissions, a full disk): its message names the path and the cause.
    return `synth: cannot write ${out}/: ${(e as Error).message}; ${out}/ is as it was`;
  }
  return `synth: failed: ${(e as Error).stack ?? e}\nsynth: ${out}/ is as it was`;
}

/**
 * Why the folder `cdk8s synth` names (CDK8S_OUTDIR) cannot take the copy of
 * the tree: it is checked as `--out` is, unless it lies inside the output.
 */
function cdk8sOutDirProblems(dir: string | undefined, out: string): string[] {
  if (dir === undefined || (dir.trim() !== '' && isWithin(dir, out))) {
    return [];
  }
  if (dir.trim() === '') {
    return ["'CDK8S_OUTDIR' is set but empty; unset it, or name a folder (cdk8s synth sets it from its -o option)"];
  }
  const problem = outDirProblem(dir, 'CDK8S_OUTDIR');
  return problem === undefined ? [] : [problem];
}

/** Whether `dir` is `parent` or inside it. */
function isWithin(dir: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(dir));
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
