/**
 * Synthesizes every stack for every environment into dist/<environment>/<stack>/.
 *
 * The only place that reads the process environment and arguments:
 *   --out DIR       write to DIR instead of dist/ (DIR is replaced as a whole)
 *   --env NAME      only this environment (repeatable)
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
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if ((argv[i] === '--out' || argv[i] === '--env') && (value === undefined || value.startsWith('--'))) {
      console.error(`synth: '${argv[i]}' needs a value, e.g. ${argv[i] === '--out' ? '--out /tmp/dist' : '--env local'}`);
      return 2;
    } else if (argv[i] === '--out') {
      out = value;
      i++;
    } else if (argv[i] === '--env') {
      environments.push(value);
      i++;
    } else {
      console.error(`synth: unknown argument '${argv[i]}'; use --out DIR and --env NAME`);
      return 2;
    }
  }
  try {
    const profiles = selectProfiles(environments, { imageTag: env.IMAGE_TAG || undefined });
    const rendered = synthesize({ stacks: STACKS, profiles }, out);
    for (const r of rendered) {
      console.log(`synth: ${r.environment}/${r.stack}: ${r.objects.length} objects`);
    }
    if (env.CDK8S_OUTDIR !== undefined) {
      writeTree(env.CDK8S_OUTDIR, rendered);
    }
    const objects = rendered.reduce((n, r) => n + r.objects.length, 0);
    console.log(`synth: wrote ${out}/ (${profiles.length} environments x ${STACKS.length} stacks, ${objects} objects)`);
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
