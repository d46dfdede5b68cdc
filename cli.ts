/**
 * The `stackport` command (bin/stackport): `stackport <command> [options]`,
 * with the commands and options of lib/cli/options.ts (`stackport --help`).
 *
 * With main.ts, the only reader of arguments and of the process environment,
 * both through lib/cli/options.ts. Each command loads only what it needs, so
 * that an import does not load the stacks.
 */
import { CommandName, commandSpec, commandsUsage, parseCommand, readInputs, stringOption, usage, UsageError } from './lib/cli/options';

async function run(command: CommandName, argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = parseCommand(command, argv);
  if (args.values.help === true) {
    process.stdout.write(usage(command));
    return 0;
  }
  const inputs = readInputs(env);
  if (command === 'import') {
    return (await import('./lib/cli/import')).runImport(args, inputs, process.cwd());
  } else if (command === 'secrets') {
    return (await import('./scripts/local-secrets')).localSecrets(args.positionals[0], stringOption(args, 'context'));
  }
  const [{ STACKS }, { ENVIRONMENTS, DEFAULT_ENVIRONMENTS }, { runSynth, runCheck }] = await Promise.all([import('./charts'), import('./environments'), import('./lib/cli/synth')]);
  const registry = { stacks: STACKS, environments: ENVIRONMENTS, defaultEnvironments: DEFAULT_ENVIRONMENTS };
  return command === 'check' ? runCheck(args, inputs, registry) : runSynth(args, inputs, registry);
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  // bin/stackport puts `--` first, so that Node 20 leaves `--env-file` to the program.
  const [name, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(commandsUsage());
    return name === undefined ? 2 : 0;
  }
  const spec = commandSpec(name);
  if (spec === undefined) {
    console.error(`stackport: unknown command '${name}'; use one of: synth, check, import, secrets (stackport --help)`);
    return 2;
  }
  try {
    return await run(spec.name, rest, env);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${spec.name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2), process.env).then(code => {
  process.exitCode = code;
});
