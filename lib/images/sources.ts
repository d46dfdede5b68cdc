/**
 * The sources of image facts an import asks, from its options: the facts
 * file, then (unless offline) the local engine and the registry.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { ValidationError } from '../spec/validate';
import { engineFacts } from './engine';
import { readFactsFile } from './facts-file';
import { ImageSources } from './lookup';
import { parseReference, registryFacts } from './registry';

/** How an import reads image facts. */
export interface FactsOptions {
  /** `--image-facts FILE`, as given (relative to `cwd`). */
  readonly factsFile?: string;
  /** `--offline`: neither the engine nor the registry is asked. */
  readonly offline: boolean;
  /** The folder file names are relative to. */
  readonly cwd: string;
}

/** The sources to ask, in order. */
export function imageSources(o: FactsOptions): ImageSources {
  const factsFile = o.factsFile;
  return {
    file: factsFile === undefined ? undefined : images => {
      try {
        return readFactsFile(factsFile, images, f => readFileSync(path.resolve(o.cwd, f), 'utf8'));
      } catch (e) {
        throw new ValidationError([(e as Error).message]);
      }
    },
    engine: o.offline ? undefined : async images => (await engineFacts(images)).facts,
    registry: o.offline ? undefined : image => registryFacts(image, {}),
    hostOf: image => parseReference(image).host,
  };
}
