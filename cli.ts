/**
 * `stackport import [<compose file>] [-f <more files>] [--env-file F] --name STACK [--force] [--skip-service NAME]`:
 * writes charts/STACK.ts from docker-compose files and registers it in charts/index.ts.
 *
 * With main.ts, the only reader of arguments and of the process environment
 * (INIT_CWD: the folder `npm run` was started from, where relative file names point).
 */
import { importCompose } from './lib/compose/import';
import { ValidationError } from './lib/spec/validate';

const USAGE = 'usage: stackport import [<compose file>] [-f <more compose files>] [--env-file <file>] --name <stack> [--force] [--skip-service <name>]';

function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  if (argv[0] !== 'import') {
    console.error(`stackport: unknown command '${argv[0] ?? ''}'\n${USAGE}`);
    return 2;
  }
  const files: string[] = [];
  const skipServices: string[] = [];
  let name: string | undefined;
  let envFile: string | undefined;
  let force = false;
  for (let i = 1; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (['-f', '--file', '--env-file', '--name', '--skip-service'].includes(flag)) {
      if (value === undefined || value.startsWith('-')) {
        console.error(`import: '${flag}' needs a value\n${USAGE}`);
        return 2;
      }
      i++;
      if (flag === '--name') {
        name = value;
      } else if (flag === '--env-file') {
        envFile = value;
      } else if (flag === '--skip-service') {
        skipServices.push(value);
      } else {
        files.push(value);
      }
    } else if (flag === '--force') {
      force = true;
    } else if (flag.startsWith('-')) {
      console.error(`import: unknown option '${flag}'\n${USAGE}`);
      return 2;
    } else {
      files.push(flag);
    }
  }
  if (name === undefined) {
    console.error(`import: '--name' is required\n${USAGE}`);
    return 2;
  }
  try {
    const result = importCompose({ files, envFile, name, force, skipServices, root: process.cwd(), cwd: env.INIT_CWD ?? process.cwd(),
      lock: { say: line => console.error(line) } });
    console.log(`import: wrote ${result.chartPath} and registered it in charts/index.ts`);
    for (const line of result.summary) {
      console.log(`import: ${line}`);
    }
    console.log(`import: secret keys: ${result.spec.secrets.map(s => s.key).join(', ') || '(none)'}`);
    console.log(`import: ${result.todos.length} TODO(import) line${result.todos.length === 1 ? '' : 's'} in the chart header; review them, then run npm run synth -- --stack ${result.spec.name}`);
    return 0;
  } catch (e) {
    if (e instanceof ValidationError) {
      console.error(`import: ${e.message}\nimport: nothing written`);
      return 1;
    }
    console.error(`import: failed: ${(e as Error).stack ?? e}\nimport: nothing written`);
    return 1;
  }
}

// `--` keeps Node 20 from reading `--env-file` itself (see bin/stackport).
process.exitCode = main(process.argv.slice(2).filter(a => a !== '--'), process.env);
