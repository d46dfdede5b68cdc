/**
 * `docker image inspect` / `podman image inspect` documents: their entries
 * (RepoTags, RepoDigests, Id, Config) and which entry an image reference names.
 * The facts file and the local engine both read this format.
 */
import { healthcheckOf, imageConfigOf, object, shown } from './config';
import { FactsSource, ImageConfig, ImageFacts } from './types';
import { onDockerHub, splitReference } from './reference';

/** One image of an inspect document. */
export interface InspectEntry {
  /** Its place in the document, from 0. */
  readonly index: number;
  readonly tags: readonly string[];
  readonly digests: readonly string[];
  /** `Id` as `sha256:<hex>` (podman writes the bare hex). */
  readonly id?: string;
  readonly config: ImageConfig;
}

/**
 * The entries of an inspect document (a JSON list of objects).
 *
 * @param where what an error starts with (`--image-facts facts.json`)
 * @param fix what an error ends with: how to get a good document
 */
export function inspectEntries(doc: unknown, where: string, fix: string): InspectEntry[] {
  if (!Array.isArray(doc)) {
    throw new Error(`${where}: must be a JSON list of image inspect entries, got ${shown(doc)}; ${fix}`);
  }
  return doc.map((entry, index) => {
    try {
      return inspectEntry(entry, index);
    } catch (e) {
      throw new Error(`${where}: entry ${index}: ${(e as Error).message}; ${fix}`);
    }
  });
}

function inspectEntry(doc: unknown, index: number): InspectEntry {
  const o = object(doc, 'the entry', 'an object with RepoTags, RepoDigests, Id and Config');
  const tags = names(o.RepoTags, 'RepoTags', 'a list of references such as ["postgres:16"]');
  const digests = names(o.RepoDigests, 'RepoDigests', 'a list of references such as ["postgres@sha256:..."]');
  let id: string | undefined;
  if (o.Id !== undefined && o.Id !== null) {
    if (typeof o.Id !== 'string' || !/^(sha256:)?[0-9a-f]{64}$/.test(o.Id)) {
      throw new Error(`Id must be an image ID such as "sha256:" and 64 hex digits, got ${shown(o.Id)}`);
    }
    id = o.Id.startsWith('sha256:') ? o.Id : `sha256:${o.Id}`;
  }
  let config = imageConfigOf(o.Config, 'Config');
  // Podman gives the health check beside Config, not in it.
  if (config.healthcheck === undefined && o.Healthcheck !== undefined && o.Healthcheck !== null) {
    const healthcheck = healthcheckOf(o.Healthcheck, 'Healthcheck');
    if (healthcheck !== undefined) config = { ...config, healthcheck };
  }
  return { index, tags, digests, ...(id === undefined ? {} : { id }), config };
}

function names(value: unknown, field: string, allowed: string): readonly string[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    throw new Error(`${field} must be ${allowed}, got ${shown(value)}`);
  }
  return value as string[];
}

/**
 * An image reference as docker normalises it: `postgres:16` is
 * `docker.io/library/postgres:16`, no tag is `:latest`, and a digest wins
 * over a tag (`repo:tag@sha256:...` is `repo@sha256:...`).
 */
export function normalReference(ref: string): string {
  const parts = splitReference(ref);
  const hub = onDockerHub(parts);
  const path = hub && !parts.path.includes('/') ? `library/${parts.path}` : parts.path;
  return `${hub ? 'docker.io' : parts.host}/${path}${parts.digest === undefined ? `:${parts.tag ?? 'latest'}` : `@${parts.digest}`}`;
}

/**
 * The facts of the images asked for that some entry names (by tag, or by
 * digest when the reference has one); images no entry names are absent.
 */
export function factsOf(
  entries: readonly InspectEntry[], images: readonly string[], source: FactsSource, from: string,
): ReadonlyMap<string, ImageFacts> {
  const byName = new Map<string, InspectEntry>();
  for (const entry of entries) {
    for (const name of [...entry.tags, ...entry.digests]) {
      const key = normalReference(name);
      if (!byName.has(key)) byName.set(key, entry);
    }
  }
  const facts = new Map<string, ImageFacts>();
  for (const image of images) {
    const entry = byName.get(normalReference(image));
    if (entry !== undefined) {
      facts.set(image, { image, source, from, ...(entry.id === undefined ? {} : { digest: entry.id }), config: entry.config });
    }
  }
  return facts;
}

/** Two entries that give one name to different images (a file pieced together from two runs). */
export function conflict(entries: readonly InspectEntry[]): string | undefined {
  const seen = new Map<string, InspectEntry>();
  for (const entry of entries) {
    for (const name of [...entry.tags, ...entry.digests]) {
      const key = normalReference(name);
      const first = seen.get(key);
      if (first !== undefined && first.id !== entry.id) {
        return `entries ${first.index} and ${entry.index} both name '${name}' but have different Ids (${first.id ?? 'none'}, ${entry.id ?? 'none'})`;
      }
      seen.set(key, first ?? entry);
    }
  }
  return undefined;
}
