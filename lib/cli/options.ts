/**
 * The one option table of the `stackport` command and of `main.ts` (the cdk8s
 * entry point), as data, and the one parser over it (`node:util` parseArgs).
 * The usage text and the README's option tables are generated from this
 * table (scripts/docs.ts); the docs test keeps docs/commands.md equal to it.
 *
 * Nothing here reads `process`: main.ts and cli.ts pass their argv and
 * environment in, and are the only readers of both.
 */
import { parseArgs } from 'node:util';

/** The user's verbs. */
export type CommandName = 'synth' | 'check' | 'import' | 'secrets';

/** One subcommand. */
export interface CommandSpec {
  readonly name: CommandName;
  /** Its positional arguments, as the usage line shows them. @default - none allowed */
  readonly positionals?: string;
  /** How many positional arguments it takes at most. @default 0 */
  readonly maxPositionals?: number;
  readonly summary: string;
}

/** One option, for every command that lists it. */
export interface OptionSpec {
  /** The long name, without `--`. */
  readonly name: string;
  /** A one-letter alias, without `-`. @default - none */
  readonly short?: string;
  /** The value's name in the usage text; absent: a switch that takes no value. @default - a switch */
  readonly value?: string;
  /** A value that works, shown in the message when the value is missing. @default - none */
  readonly example?: string;
  /** Repeatable: every occurrence counts. @default false */
  readonly multiple?: boolean;
  /** Required by these commands. @default - by none */
  readonly requiredBy?: readonly CommandName[];
  readonly commands: readonly CommandName[];
  readonly description: string;
}

/** A variable of the process environment a command reads. */
export interface EnvironmentInput {
  readonly name: string;
  readonly example: string;
  readonly commands: readonly CommandName[];
  readonly description: string;
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'synth', summary: 'render every stack in every default environment and write dist/<environment>/<stack>/ (replaced in one step, only after everything rendered)' },
  { name: 'check', summary: 'render and validate the stacks and environments chosen, as synth does, and write nothing' },
  { name: 'import', positionals: '[<compose file>...]', maxPositionals: Infinity, summary: 'write charts/<stack>.ts from compose files and register it in charts/index.ts' },
  { name: 'secrets', positionals: '<stack>', maxPositionals: 1, summary: "create the stack's Secret in the current kubectl context with random values, for the local profile; existing keys are kept" },
];

export const OPTIONS: readonly OptionSpec[] = [
  { name: 'out', value: 'DIR', example: '/tmp/dist', commands: ['synth'],
    description: 'write to `DIR` instead of `dist/`. `DIR` is replaced as a whole, so it must be a new or empty folder or an earlier stackport output (it holds a `.stackport` marker file); the current folder, its parents, a file and a folder inside an output are refused' },
  { name: 'env', value: 'NAME', example: 'local', multiple: true, commands: ['synth', 'check'],
    description: 'only this environment (repeatable; the others in the output folder are kept), any of `environments/`: the presets `production-shared-gateway`, `gke` and `aks` are rendered only when named; an unknown name is refused with the list of known ones' },
  { name: 'stack', value: 'NAME', example: 'loc8', multiple: true, commands: ['synth', 'check'],
    description: 'only this stack (repeatable; the other stacks in the output folder, and `dist/gitops/`, are kept as they are); an unknown name is refused with the list of known ones' },
  { name: 'option', value: 'STACK.OPTION=true', example: 'loc8.postgres=true', multiple: true, commands: ['synth', 'check'],
    description: 'switch an optional part on (or off with `=false`), e.g. `loc8.postgres=true`; the committed `dist/` has the defaults (off); a stack that `--stack` leaves out is refused' },
  { name: 'repo-url', value: 'URL', example: 'https://github.com/acme/stackport.git', commands: ['synth'],
    description: 'the Git repository Argo CD and Flux read `dist/` from, in `dist/gitops/` (default: the placeholder `https://git.example.com/platform/stackport.git`)' },
  { name: 'revision', value: 'REV', example: 'main', commands: ['synth'],
    description: 'the branch, tag or commit Argo CD reads (default `main`; Flux reads what its GitRepository names)' },
  { name: 'flux-source', value: 'NAME', example: 'stackport', commands: ['synth'],
    description: 'the Flux GitRepository, in `flux-system`, the Kustomizations read (default `stackport`)' },
  { name: 'file', short: 'f', value: 'FILE', example: 'docker-compose.prod.yml', multiple: true, commands: ['import'],
    description: 'one more compose file, merged over the ones before it in order (repeatable; a compose file named without `-f` comes first)' },
  { name: 'env-file', value: 'FILE', example: '.env.prod', commands: ['import'],
    description: 'the file the variables come from (default: the `.env` beside the first compose file; the shell environment is never read)' },
  { name: 'name', value: 'STACK', example: 'shop', requiredBy: ['import'], commands: ['import'],
    description: 'the stack: `charts/<STACK>.ts`, its namespace and `dist/` folder (a DNS label of at most 22 characters; `index`, `default` and `kube-*` are refused)' },
  { name: 'force', commands: ['import'], description: 'replace the chart of an existing stack of that name' },
  { name: 'skip-service', value: 'NAME', example: 'mailhog', multiple: true, commands: ['import'],
    description: 'leave this compose service out (repeatable)' },
  { name: 'image-facts', value: 'FILE', example: 'image-facts.json', commands: ['import'],
    description: 'read the facts of the images (user, ports, data directories) from this file first' },
  { name: 'offline', commands: ['import'],
    description: 'ask neither the local container engine nor a registry about the images: the facts file and the catalog alone' },
  { name: 'context', value: 'NAME', example: 'kind-kind', commands: ['secrets'],
    description: 'the kubectl context to write to (default: the current one)' },
  { name: 'help', short: 'h', commands: ['synth', 'check', 'import', 'secrets'], description: 'print this usage and exit' },
];

export const ENVIRONMENT_INPUTS: readonly EnvironmentInput[] = [
  { name: 'IMAGE_TAG', example: '1.4.2', commands: ['synth', 'check'],
    description: "tag of the images built from the stacks' source, in every environment rendered, `local` included (CI passes the tag it built; locally a new tag makes `IfNotPresent` use a rebuilt image); unset, each profile's own tag (`dev`, `1.0.0`); `latest`, an empty value and anything that is not an image tag are refused" },
  { name: 'CDK8S_OUTDIR', example: 'build/cdk8s.out', commands: ['synth'],
    description: 'set by `cdk8s synth` (from its `-o`): the rendered tree is copied there too, for its listing; checked as `--out` is' },
  { name: 'INIT_CWD', example: '/home/me/shop', commands: ['import'],
    description: 'set by `npm run`: the folder it was started from, where relative file names point (default: the current folder)' },
];

/** What a command line asked for. */
export interface ParsedCommand {
  readonly command: CommandName;
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
  /** The values of the options with a value and the positionals, in command-line order (positionals without `option`). */
  readonly sequence: readonly { readonly option?: string; readonly value: string }[];
}

/** The environment inputs, read from the environment main.ts or cli.ts passes. */
export interface Inputs {
  readonly imageTag?: string;
  readonly cdk8sOutDir?: string;
  readonly initCwd?: string;
}

/** A command line that cannot be run: one line, the option or argument, and the fix. Exit code 2. */
export class UsageError extends Error {}

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find(c => c.name === name);
}

export function optionsOf(command: CommandName): OptionSpec[] {
  return OPTIONS.filter(o => o.commands.includes(command));
}

function flagOf(o: OptionSpec): string {
  return `--${o.name}${o.value === undefined ? '' : ` ${o.value}`}`;
}

/** The one-line usage of a command. */
export function usageLine(command: CommandName): string {
  const spec = commandSpec(command)!;
  const options = optionsOf(command).filter(o => o.name !== 'help').map(o => {
    const flag = o.short === undefined ? flagOf(o) : `-${o.short}|${flagOf(o)}`;
    return o.requiredBy?.includes(command) ? flag : `[${flag}]${o.multiple ? '...' : ''}`;
  });
  return ['stackport', command, ...(spec.positionals === undefined ? [] : [spec.positionals]), ...options].join(' ');
}

/** The usage text `--help` prints: the command, its options and the environment it reads. */
export function usage(command: CommandName): string {
  const spec = commandSpec(command)!;
  const lines = [`usage: ${usageLine(command)}`, '', spec.summary, ''];
  for (const o of optionsOf(command)) {
    lines.push(`  ${o.short === undefined ? '' : `-${o.short}, `}${flagOf(o)}`, `      ${o.description.replaceAll('`', '')}`);
  }
  const env = ENVIRONMENT_INPUTS.filter(e => e.commands.includes(command));
  if (env.length > 0) {
    lines.push('', 'environment:');
    env.forEach(e => lines.push(`  ${e.name}=${e.example}`, `      ${e.description.replaceAll('`', '')}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The usage of the command itself: its subcommands. */
export function commandsUsage(): string {
  return `${['usage: stackport <command> [options]   (stackport <command> --help: its options)', '',
    ...COMMANDS.map(c => `  ${c.name.padEnd(8)} ${c.summary}`)].join('\n')}\n`;
}

/** The docs/commands.md table of a command's options and environment inputs. */
export function optionsTable(command: CommandName): string {
  const rows = ['| input | meaning |', '|---|---|'];
  for (const o of optionsOf(command).filter(x => x.name !== 'help')) {
    rows.push(`| \`${o.short === undefined ? '' : `-${o.short}, `}${flagOf(o)}\` | ${o.requiredBy?.includes(command) ? 'required: ' : ''}${o.description} |`);
  }
  for (const e of ENVIRONMENT_INPUTS.filter(x => x.commands.includes(command))) {
    rows.push(`| \`${e.name}=${e.example}\` | ${e.description} |`);
  }
  return rows.join('\n');
}

/** The option a parseArgs message names, e.g. `--name` in "Option '--name <value>' argument missing". */
function namedOption(message: string): OptionSpec | undefined {
  const m = /Option '(?:-\w, )?--([\w-]+)/.exec(message);
  return OPTIONS.find(o => o.name === m?.[1]);
}

/** The one-line message of a parseArgs error. */
function usageProblem(command: CommandName, e: Error & { code?: string }, argv: readonly string[]): string {
  const use = `; use: ${usageLine(command)}`;
  const option = namedOption(e.message);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const unknown = /'([^']*)'/.exec(e.message)?.[1] ?? '';
    return `unknown option '${unknown}'${use}`;
  }
  if (option !== undefined && option.value === undefined) {
    return `'--${option.name}' takes no value${use}`;
  }
  if (option !== undefined) {
    const example = `--${option.name} ${option.example ?? option.value}`;
    const dash = e.message.includes('ambiguous') ? ` (a value starting with '-' is written --${option.name}=VALUE)` : '';
    return `'--${option.name}' needs a value, e.g. ${example}${dash}`;
  }
  return `${e.message} (arguments: ${argv.join(' ')})${use}`;
}

/**
 * Parses a command's arguments against the option table. A leading `--` (the
 * one bin/stackport puts in front, so that Node leaves `--env-file` alone) is
 * dropped. Throws a {@link UsageError} naming the option and the fix.
 */
export function parseCommand(command: CommandName, argv: readonly string[]): ParsedCommand {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const options = Object.fromEntries(optionsOf(command).map(o => [o.name, {
    type: o.value === undefined ? 'boolean' as const : 'string' as const,
    ...(o.short === undefined ? {} : { short: o.short }),
    ...(o.multiple ? { multiple: true } : {}),
  }]));
  let parsed: ReturnType<typeof parseWith>;
  try {
    parsed = parseWith(args, options);
  } catch (e) {
    throw new UsageError(usageProblem(command, e as Error, args));
  }
  const spec = commandSpec(command)!;
  if (parsed.positionals.length > (spec.maxPositionals ?? 0)) {
    throw new UsageError(`unexpected argument '${parsed.positionals[spec.maxPositionals ?? 0]}'; use: ${usageLine(command)}`);
  }
  const missing = optionsOf(command).find(o => o.requiredBy?.includes(command) && parsed.values[o.name] === undefined && parsed.values.help !== true);
  if (missing !== undefined) {
    throw new UsageError(`'--${missing.name}' is required, e.g. --${missing.name} ${missing.example}; use: ${usageLine(command)}`);
  }
  const sequence = parsed.tokens.flatMap(t => t.kind === 'positional' ? [{ value: t.value }]
    : t.kind === 'option' && t.value !== undefined ? [{ option: t.name, value: t.value }] : []);
  return { command, values: parsed.values as ParsedCommand['values'], positionals: parsed.positionals, sequence };
}

function parseWith(args: string[], options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>) {
  return parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
}

/** A single-valued option's value. */
export function stringOption(p: ParsedCommand, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable option's values, in order. */
export function listOption(p: ParsedCommand, name: string): string[] {
  const v = p.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** Whether a switch was given. */
export function switchOption(p: ParsedCommand, name: string): boolean {
  return p.values[name] === true;
}

/** The environment inputs from the environment passed in (main.ts and cli.ts pass process.env). */
export function readInputs(env: Readonly<Record<string, string | undefined>>): Inputs {
  return { imageTag: env.IMAGE_TAG, cdk8sOutDir: env.CDK8S_OUTDIR, initCwd: env.INIT_CWD };
}
