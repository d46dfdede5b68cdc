/**
 * Synthesizes every stack for every environment into dist/<environment>/<stack>/.
 *
 * The only place that reads the process environment and arguments:
 *   --out DIR       write to DIR instead of dist/ (DIR is replaced as a whole, so it must be new, empty
 *                   or an earlier output: see outDirProblem in lib/synth.ts)
 *   --env NAME      only this environment (repeatable; any of environments/, presets included);
 *                   the other environments in DIR are kept. Default: DEFAULT_ENVIRONMENTS
 *   --stack NAME    only this stack (repeatable); the other stacks in DIR, and dist/gitops/, are kept
 *   --option STACK.OPTION=true|false   switch an optional part (e.g. loc8.postgres=true)
 *   --repo-url URL  the Git repository Argo CD and Flux read dist/ from (dist/gitops/)
 *   --revision REV  the branch, tag or commit Argo CD reads
 *   --flux-source NAME  the Flux GitRepository that fetches the repository
 *   IMAGE_TAG=TAG   tag of the images built from the stacks' source (CI passes the built tag)
 *   CDK8S_OUTDIR    set by `cdk8s synth`: the rendered tree is copied there too, for its listing
 *
 * dist/ is replaced in one step, and only after everything rendered: a failing
 * synth leaves it exactly as it was. Synths of the same folder take turns on
 * the lock `<DIR>.lock`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { STACKS } from './charts';
import { DEFAULT_ENVIRONMENTS, ENVIRONMENTS } from './environments';
import { selectProfiles } from './lib/profiles';
import { GitOpsProps } from './lib/gitops';
import { MARKER_FILE, MARKER_TEXT, OutputError, outDirProblem, synthesize, writeTree } from './lib/synth';
import { ValidationError } from './lib/spec/validate';

function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let out = 'dist';
  const environments: string[] = [];
  const stackNames: string[] = [];
  const options: Record<string, Record<string, boolean>> = {};
  const gitops: Record<string, string> = {};
  const gitopsFlags: Readonly<Record<string, keyof GitOpsProps>> = { '--repo-url': 'repoUrl', '--revision': 'revision', '--flux-source': 'fluxSourceName' };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    const examples: Record<string, string> = {
      '--out': '--out /tmp/dist', '--env': '--env local', '--stack': '--stack loc8', '--option': '--option loc8.postgres=true',
      '--repo-url': '--repo-url https://github.com/acme/stackport.git', '--revision': '--revision main', '--flux-source': '--flux-source stackport',
    };
    if (Object.hasOwn(examples, argv[i]) && (value === undefined || value.startsWith('--'))) {
      console.error(`synth: '${argv[i]}' needs a value, e.g. ${examples[argv[i]]}`);
      return 2;
    } else if (argv[i] === '--out') {
      // A trailing slash names the same folder.
      out = value.replace(/(.)\/+$/, '$1');
      i++;
    } else if (argv[i] === '--env') {
      environments.push(value);
      i++;
    } else if (argv[i] === '--stack') {
      stackNames.push(value);
      i++;
    } else if (argv[i] === '--option') {
      const m = /^([a-z0-9-]+)\.([A-Za-z0-9-]+)=(true|false)$/.exec(value);
      if (m === null) {
        console.error(`synth: '--option ${value}' must look like STACK.OPTION=true or STACK.OPTION=false, e.g. loc8.postgres=true`);
        return 2;
      }
      options[m[1]] = { ...options[m[1]], [m[2]]: m[3] === 'true' };
      i++;
    } else if (Object.hasOwn(gitopsFlags, argv[i])) {
      gitops[gitopsFlags[argv[i]]] = value;
      i++;
    } else {
      console.error(`synth: unknown argument '${argv[i]}'; use --out DIR, --env NAME, --stack NAME, --option STACK.OPTION=true, --repo-url URL, --revision REV and --flux-source NAME`);
      return 2;
    }
  }
  // `cdk8s synth` keeps the app's standard output to itself: the summary goes to standard error there.
  const log = env.CDK8S_OUTDIR === undefined ? console.log : console.error;
  try {
    const profiles = selectProfiles({ all: ENVIRONMENTS, defaults: DEFAULT_ENVIRONMENTS }, environments, { imageTag: env.IMAGE_TAG });
    const known = STACKS.map(spec => spec.name);
    const problems = [
      ...Object.keys(options).filter(s => !known.includes(s)).map(s => `'--option' names stack '${s}'; use one of: ${known.join(', ')}`),
      ...stackNames.filter(s => !known.includes(s)).map(s => `'--stack' names stack '${s}'; use one of: ${known.join(', ')}`),
      ...(stackNames.length === 0 ? [] : Object.keys(options).filter(s => known.includes(s) && !stackNames.includes(s))
        .map(s => `'--option' names stack '${s}', which '--stack' leaves out; synthesize it with --stack ${s}, or use an option of: ${stackNames.join(', ')}`)),
      ...cdk8sOutDirProblems(env.CDK8S_OUTDIR, out),
      // dist/gitops/ lists every stack, so only a synth of every stack writes it.
      ...(stackNames.length > 0 ? Object.keys(gitopsFlags).filter(f => gitops[gitopsFlags[f]] !== undefined)
        .map(f => `'${f}' changes dist/gitops/, which a synth with '--stack' keeps as it was; leave out --stack`) : []),
    ];
    if (problems.length > 0) {
      throw new ValidationError(problems);
    }
    const stacks = stackNames.length === 0 ? STACKS : STACKS.filter(spec => stackNames.includes(spec.name));
    const rendered = synthesize({ stacks, profiles, options, gitops, partial: stackNames.length > 0 }, out, {
      lock: { say: line => console.error(line) },
    });
    for (const r of rendered) {
      log(`synth: ${r.environment}/${r.stack}: ${r.objects.length} objects`);
    }
    const objects = rendered.reduce((n, r) => n + r.objects.length, 0);
    log(`synth: wrote ${out}/ (${profiles.length} environments x ${stacks.length} stacks, ${objects} objects)`);
    // The CLI lists the manifests in its output folder; a folder inside dist/ already holds them.
    if (env.CDK8S_OUTDIR !== undefined && !isWithin(env.CDK8S_OUTDIR, out)) {
      try {
        writeTree(env.CDK8S_OUTDIR, rendered);
        fs.writeFileSync(path.join(env.CDK8S_OUTDIR, MARKER_FILE), MARKER_TEXT);
      } catch (e) {
        console.error(`synth: ${out}/ is written, but its copy for cdk8s synth could not be: ${(e as Error).message}`);
        return 1;
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof OutputError) {
      console.error(`synth: ${e.message}${e.leftBehind === undefined ? '\nsynth: nothing written' : ''}`);
    } else if (e instanceof ValidationError) {
      console.error(`synth: ${e.message}\nsynth: nothing written; ${out}/ is as it was`);
    } else if (typeof (e as NodeJS.ErrnoException).code === 'string') {
      // A file system error (permissions, a full disk): its message names the path and the cause.
      console.error(`synth: cannot write ${out}/: ${(e as Error).message}; ${out}/ is as it was`);
    } else {
      console.error(`synth: failed: ${(e as Error).stack ?? e}\nsynth: ${out}/ is as it was`);
    }
    return 1;
  }
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

process.exitCode = main(process.argv.slice(2), process.env);
