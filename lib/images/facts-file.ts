/**
 * `--image-facts FILE`: image configs the user passes as the output of
 * `docker image inspect IMAGE...` or `podman image inspect IMAGE...`, as is:
 *
 *   docker image inspect $(docker compose config --images) > facts.json
 */
import { readFileSync } from 'fs';
import { conflict, factsOf, inspectEntries } from './inspect';
import { ImageFacts } from './types';

/**
 * The facts of the images asked for that the file names (by tag or digest,
 * with docker's normalisation: `postgres:16` is `docker.io/library/postgres:16`);
 * an image the file does not name is absent. Source 'facts file', from = the
 * file name, digest = the image Id.
 *
 * @param read reads the file (a stand-in in tests)
 */
export function readFactsFile(
  file: string, images: readonly string[], read: (file: string) => string = f => readFileSync(f, 'utf8'),
): ReadonlyMap<string, ImageFacts> {
  const where = `--image-facts ${file}`;
  const fix = `write the file with docker image inspect IMAGE... > ${file}`;
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    throw new Error(`${where}: cannot read it (${(e as Error).message.split('\n')[0]}); ${fix}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where}: not JSON (${(e as Error).message.split('\n')[0]}); ${fix}`);
  }
  const entries = inspectEntries(doc, where, fix);
  const clash = conflict(entries);
  if (clash !== undefined) {
    throw new Error(`${where}: ${clash}; keep only the entry of the image you run, or ${fix}`);
  }
  return factsOf(entries, images, 'facts file', file);
}
