/**
 * `stackport import [<compose file>] [-f <more files>] [--env-file F] --name STACK [--force] [--skip-service NAME] [--image-facts FILE] [--offline]`:
 * reads the facts of the images the compose files pull, then writes
 * charts/STACK.ts from docker-compose files and registers it in charts/index.ts.
 *
 * With main.ts, the only reader of arguments and of the process environment
 * (INIT_CWD: the folder `npm run` was started from, where relative file names point).
 */
import { importCompose, pulledImages, refuseName } from './lib/compose/import';
import { lookupImages } from './lib/images/lookup';
import { imageSources } from './lib/images/sources';
import { ValidationError } from './lib/spec/validate';

const USAGE = 'usage: stackport import [<compose file>] [-f <more compose files>] [--env-file <file>] --name <stack> [--force] [--skip-service <name>] [--image-facts <file>] [--offline]';

/** The import's request from its arguments, or the exit code after a usage error. */
function parse(argv: readonly string[]): { files: string[]; skipServices: string[]; name: string; envFile?: string; factsFile?: string; force: boolean; offline: boolean } | number {
  const files: string[] = [];
  const skipServices: string[] = [];
  let name: string | undefined;
  let envFile: string | undefined;
  let factsFile: string | undefined;
  let force = false;
  let offline = false;
  for (let i = 1; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (['-f', '--file', '--env-file', '--name', '--skip-service', '--image-facts'].includes(flag)) {
      if (value === undefined || value.startsWith('-')) {
        console.error(`import: '${flag}' needs a value\n${USAGE}`);
        return 2;
      }
      i++;
      if (flag === '--name') {
        name = value;
      } else if (flag === '--env-file') {
        envFile = value;
      } else if (flag === '--image-facts') {
        factsFile = value;
      } else if (flag === '--skip-service') {
        skipServices.push(value);
      } else {
        files.push(value);
      }
    } else if (flag === '--force' || flag === '--offline') {
      force ||= flag === '--force';
      offline ||= flag === '--offline';
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
  return { files, skipServices, name, envFile, factsFile, force, offline };
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv[0] !== 'import') {
    console.error(`stackport: unknown command '${argv[0] ?? ''}'\n${USAGE}`);
    return 2;
  }
  const args = parse(argv);
  if (typeof args === 'number') {
    return args;
  }
  try {
    const request = { ...args, root: process.cwd(), cwd: env.INIT_CWD ?? process.cwd() };
    refuseName(request);
    const images = pulledImages(request);
    console.log(`import: reading the facts of ${images.length} image${images.length === 1 ? '' : 's'} (${[args.factsFile === undefined ? [] : [`--image-facts ${args.factsFile}`], args.offline ? [] : ['the local engine', 'the registry']].flat().join(', then ') || 'offline: the catalog alone'})`);
    const { facts, unread } = await lookupImages(images, imageSources({ ...args, cwd: request.cwd }), line => console.log(`import: ${line}`));
    const result = importCompose({ ...request, imageFacts: facts, unreadImages: unread, lock: { say: line => console.error(line) } });
    console.log(`import: wrote ${result.chartPath} and registered it in charts/index.ts`);
    for (const line of result.summary) {
      console.log(`import: ${line}`);
    }
    for (const line of result.images) {
      console.log(`import: image ${line}`);
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
main(process.argv.slice(2).filter(a => a !== '--'), process.env).then(code => {
  process.exitCode = code;
});
