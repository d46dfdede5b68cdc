/**
 * Synthesizes every stack for every environment into dist/<environment>/<stack>/.
 *
 * The only place that reads the process environment and arguments:
 *   --out DIR       write to DIR instead of dist/ (DIR is replaced as a whole)
 *   --env NAME      only this environment (repeatable); the other environments in DIR are kept
 *   --stack NAME    only this stack (repeatable); the other stacks in DIR are kept
 *   --option STACK.OPTION=true|false   switch an optional part (e.g. loc8.postgres=true)
 *   IMAGE_TAG=TAG   tag of the images built from the stacks' source (CI passes the built tag)
 *   CDK8S_OUTDIR    set by `cdk8s synth`: the rendered tree is copied there too, for its listing
 *
 * dist/ is replaced in one step, and only after everything rendered: a failing
 * synth leaves it exactly as it was.
 */
import { STACKS } from './charts';
import { selectProfiles } from './lib/profiles';
import { synthesize, writeTree } from './lib/synth';
import { ValidationError } from './lib/spec/validate';

function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let out = 'dist';
  const environments: string[] = [];
  const stackNames: string[] = [];
  const options: Record<string, Record<string, boolean>> = {};
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    const known = ['--out', '--env', '--stack', '--option'];
    if (known.includes(argv[i]) && (value === undefined || value.startsWith('--'))) {
      console.error(`synth: '${argv[i]}' needs a value, e.g. ${{ '--out': '--out /tmp/dist', '--env': '--env local', '--stack': '--stack loc8', '--option': '--option loc8.postgres=true' }[argv[i]]}`);
      return 2;
    } else if (argv[i] === '--out') {
      out = value;
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
    } else {
      console.error(`synth: unknown argument '${argv[i]}'; use --out DIR, --env NAME, --stack NAME and --option STACK.OPTION=true`);
      return 2;
    }
  }
  try {
    const profiles = selectProfiles(environments, { imageTag: env.IMAGE_TAG || undefined });
    const unknownStacks = Object.keys(options).filter(s => !STACKS.some(spec => spec.name === s));
    if (unknownStacks.length > 0) {
      throw new ValidationError(unknownStacks.map(s => `'--option' names stack '${s}'; use one of: ${STACKS.map(spec => spec.name).join(', ')}`));
    }
    const unknownSelected = stackNames.filter(s => !STACKS.some(spec => spec.name === s));
    if (unknownSelected.length > 0) {
      throw new ValidationError(unknownSelected.map(s => `'--stack' names stack '${s}'; use one of: ${STACKS.map(spec => spec.name).join(', ')}`));
    }
    const stacks = stackNames.length === 0 ? STACKS : STACKS.filter(spec => stackNames.includes(spec.name));
    const rendered = synthesize({ stacks, profiles, options }, out);
    for (const r of rendered) {
      console.log(`synth: ${r.environment}/${r.stack}: ${r.objects.length} objects`);
    }
    if (env.CDK8S_OUTDIR !== undefined) {
      writeTree(env.CDK8S_OUTDIR, rendered);
    }
    const objects = rendered.reduce((n, r) => n + r.objects.length, 0);
    console.log(`synth: wrote ${out}/ (${profiles.length} environments x ${stacks.length} stacks, ${objects} objects)`);
    return 0;
  } catch (e) {
    if (e instanceof ValidationError) {
      console.error(`synth: ${e.message}\nsynth: nothing written; ${out}/ is as it was`);
      return 1;
    }
    console.error(`synth: failed: ${(e as Error).stack ?? e}\nsynth: ${out}/ is as it was`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2), process.env);
