/**
 * The cdk8s entry point (cdk8s.yaml runs it through scripts/cdk8s-app.js):
 * `stackport synth` with the same options, from the one option table and
 * parser in lib/cli/options.ts (`stackport synth --help`; README "Set-up").
 * Synthesizes every stack for every default environment into
 * dist/<environment>/<stack>/.
 *
 * With cli.ts, the only reader of the process arguments and environment.
 * dist/ is replaced in one step, and only after everything rendered: a failing
 * synth leaves it exactly as it was. Synths of the same folder take turns on
 * the lock `<DIR>.lock`.
 */
import { STACKS } from './charts';
import { DEFAULT_ENVIRONMENTS, ENVIRONMENTS } from './environments';
import { parseCommand, readInputs, usage, UsageError } from './lib/cli/options';
import { runSynth } from './lib/cli/synth';

function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  try {
    const args = parseCommand('synth', argv);
    if (args.values.help === true) {
      process.stdout.write(usage('synth'));
      return 0;
    }
    return runSynth(args, readInputs(env), { stacks: STACKS, environments: ENVIRONMENTS, defaultEnvironments: DEFAULT_ENVIRONMENTS });
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`synth: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2), process.env);
