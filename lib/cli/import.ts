/**
 * `stackport import`: reads the facts of the images the compose files pull,
 * then writes charts/STACK.ts from the compose files and registers it in
 * charts/index.ts. What it does with a parsed command line.
 */
import { importCompose, loadProject, pulledImages, refuseName } from '../compose/import';
import { lookupImages } from '../images/lookup';
import { imageSources } from '../images/sources';
import { ValidationError } from '../spec/validate';
import { Inputs, listOption, ParsedCommand, stringOption, switchOption } from './options';

/** The import's request from its parsed arguments: the compose files in command-line order, named or with `-f`. */
function request(args: ParsedCommand) {
  return {
    files: args.sequence.filter(s => s.option === undefined || s.option === 'file').map(s => s.value),
    skipServices: listOption(args, 'skip-service'),
    name: stringOption(args, 'name')!,
    envFile: stringOption(args, 'env-file'),
    factsFile: stringOption(args, 'image-facts'),
    force: switchOption(args, 'force'),
    offline: switchOption(args, 'offline'),
  };
}

/** Runs the import in the project folder `root`; returns the exit code. */
export async function runImport(args: ParsedCommand, inputs: Inputs, root: string): Promise<number> {
  const parsed = request(args);
  try {
    const req = { ...parsed, root, cwd: inputs.initCwd ?? root };
    refuseName(req);
    const project = loadProject(req);
    const images = pulledImages(project, req.skipServices);
    console.log(`import: reading the facts of ${images.length} image${images.length === 1 ? '' : 's'} (${[parsed.factsFile === undefined ? [] : [`--image-facts ${parsed.factsFile}`], parsed.offline ? [] : ['the local engine', 'the registry']].flat().join(', then ') || 'offline: the catalog alone'})`);
    const { facts, unread } = await lookupImages(images, imageSources({ ...parsed, cwd: req.cwd }), line => console.log(`import: ${line}`));
    const result = importCompose({ ...req, project, imageFacts: facts, unreadImages: unread, lock: { say: line => console.error(line) } });
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
