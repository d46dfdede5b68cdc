/**
 * Reads the facts of the images an import pulls, from the first source that
 * has them: the facts file the user passes, then the local container engine,
 * then the image's registry. Images the registry could not answer for fall back
 * to the catalog, with the cause.
 */
import { ImageFacts } from './types';

/** The sources to ask, in this order; a source left out is skipped (`--offline` leaves out the engine and the registry). */
export interface ImageSources {
  /** The facts file's entries for the images it lists. */
  readonly file?: (images: readonly string[]) => ReadonlyMap<string, ImageFacts>;
  /** The local engine's facts for the images it has. */
  readonly engine?: (images: readonly string[]) => Promise<ReadonlyMap<string, ImageFacts>>;
  /** One image's facts from its registry (rejects with a one-line cause). */
  readonly registry?: (image: string) => Promise<ImageFacts>;
  /** The registry host of an image reference, so that a host that cannot be reached is not asked again. */
  readonly hostOf?: (image: string) => string;
}

/** What was read, and why the rest was not. */
export interface LookupResult {
  readonly facts: ReadonlyMap<string, ImageFacts>;
  readonly unread: ReadonlyMap<string, string>;
}

/** Registry requests at once. */
const PARALLEL = 6;
/** Causes that say a host cannot be reached at all (rather than lacking one image). */
const UNREACHABLE = /no answer within|timed? ?out|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ENETUNREACH|EHOSTUNREACH|socket hang up|certificate|fetch failed/i;

/** Reads the images' facts from the sources in order; `progress` gets one line per image as it is answered. */
export async function lookupImages(images: readonly string[], sources: ImageSources, progress: (line: string) => void): Promise<LookupResult> {
  const facts = new Map<string, ImageFacts>();
  const unread = new Map<string, string>();
  const found = (f: ImageFacts) => {
    facts.set(f.image, f);
    progress(`image ${facts.size + unread.size}/${images.length}: '${f.image}' from ${f.source} ${f.from}`);
  };
  const missing = () => images.filter(i => !facts.has(i) && !unread.has(i));
  for (const [image, f] of sources.file?.(images) ?? []) {
    found({ ...f, image });
  }
  if (sources.engine !== undefined && missing().length > 0) {
    for (const [image, f] of await sources.engine(missing())) {
      found({ ...f, image });
    }
  }
  if (sources.registry !== undefined) {
    await fromRegistry(missing(), sources, found, (image, cause) => {
      unread.set(image, cause);
      progress(`image ${facts.size + unread.size}/${images.length}: '${image}' not read: ${cause}`);
    });
  }
  return { facts, unread };
}

/**
 * Asks the registry for each image, a few at once. The first request to a
 * host goes alone: the host's other images wait for its answer, so a host
 * that cannot be reached is asked once.
 */
async function fromRegistry(images: readonly string[], sources: ImageSources, found: (f: ImageFacts) => void, failed: (image: string, cause: string) => void): Promise<void> {
  const down = new Map<string, string>();
  const first = new Map<string, Promise<void>>();
  // The cause alone: the image is named where the cause is shown.
  const causeOf = (image: string, e: unknown) => (e as Error).message.split('\n')[0].replace(`image '${image}': `, '');
  const ask = async (image: string, host: string) => {
    try {
      found({ ...(await sources.registry!(image)), image });
    } catch (e) {
      const message = causeOf(image, e);
      if (UNREACHABLE.test(message)) {
        down.set(host, message);
      }
      failed(image, message);
    }
  };
  const queue = [...images];
  const worker = async () => {
    for (let image = queue.shift(); image !== undefined; image = queue.shift()) {
      let host: string;
      try {
        host = sources.hostOf?.(image) ?? '';
      } catch (e) {
        // A reference the registry client cannot read is not asked for at all.
        failed(image, causeOf(image, e));
        continue;
      }
      const gate = first.get(host);
      if (gate === undefined) {
        const answered = ask(image, host);
        first.set(host, answered);
        await answered;
        continue;
      }
      await gate;
      const cause = down.get(host);
      if (cause !== undefined) {
        failed(image, `registry ${host} was not reachable (${cause})`);
      } else {
        await ask(image, host);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, images.length) }, worker));
}
