/**
 * An image's config read from its registry, as `docker pull` finds it: the
 * reference parsed as docker parses it, the manifest (an index leads to the
 * platform's manifest), then the config blob. Anonymous only: the bearer-token
 * flow of Docker Hub, GHCR and Quay is followed with no credentials.
 *
 * HTTP goes through `@snyk/docker-registry-v2-client` (token flow, realm
 * validation, redirects, `protocol`); the per-image timeout is one AbortSignal
 * passed to every request, and a race against the same timer (the library's
 * retry back-off sleeps are not abortable).
 */
import { setMaxListeners } from 'events';
import { ClientOptions, contentTypes, getImageConfig, registryCall } from '@snyk/docker-registry-v2-client';
import { imageConfigOf } from './config';
import { ImageFacts } from './types';
import { onDockerHub, splitReference } from './reference';

export interface RegistryOptions {
  /** Milliseconds for all the requests of one image together. @default 5000 */
  readonly timeoutMs?: number;
  /** `os/architecture[/variant]` of the manifest read from an index. @default 'linux/amd64' */
  readonly platform?: string;
}

/** An image reference as docker reads it. */
export interface ImageReference {
  /** The registry host (with port) requests go to: `registry-1.docker.io` for Docker Hub. */
  readonly host: string;
  /** The repository, `library/` included for one-part Docker Hub names. */
  readonly repository: string;
  /** @default 'latest' when there is no digest */
  readonly tag?: string;
  /** `sha256:<64 hex>`: when given, it is what is pulled (the tag is ignored, as docker does). */
  readonly digest?: string;
}

export const DOCKER_HUB = 'registry-1.docker.io';
/** How long the registry may take for one image (every request for it): an unreachable registry fails fast. */
const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_PLATFORM = 'linux/amd64';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const INDEX_TYPES: readonly string[] = [contentTypes.OCI_INDEX_V1, contentTypes.MANIFEST_LIST_V2];
const MANIFEST_TYPES: readonly string[] = [contentTypes.OCI_MANIFEST_V1, contentTypes.MANIFEST_V2];
const ACCEPT = [...INDEX_TYPES, ...MANIFEST_TYPES].join(', ');

/**
 * Parses `[host[:port]/]path[:tag][@sha256:<hex>]` as docker does: the first
 * part is a host when it has a `.` or `:`, is `localhost`, or has an upper-case
 * letter; no host means Docker Hub, where a one-part name is under `library/`.
 */
export function parseReference(image: string): ImageReference {
  const bad = (why: string) =>
    new Error(`image '${image}': ${why}; expected [host[:port]/]name[:tag][@sha256:<64 hex digits>]`);
  const parts = splitReference(image);
  const { digest, tag, path } = parts;
  if (digest !== undefined && !DIGEST.test(digest)) throw bad(`the digest '${digest}' is not sha256: and 64 lower-case hex digits`);
  if (tag !== undefined && !TAG.test(tag)) throw bad(`the tag '${tag}' is not valid`);
  if (path === '' || !path.split('/').every(c => COMPONENT.test(c))) {
    throw bad(`the name '${path}' is not lower-case letters, digits and separators (. _ __ -) between '/'`);
  }
  const hub = onDockerHub(parts);
  const host = hub ? DOCKER_HUB : parts.host!;
  const repository = hub && !path.includes('/') ? `library/${path}` : path;
  return { host, repository, ...(digest === undefined ? { tag: tag ?? 'latest' } : { digest }) };
}

/** Registries docker reaches over plain HTTP with no configuration: loopback ones. */
export function isLoopback(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
}

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

interface Descriptor {
  readonly digest?: string;
  readonly mediaType?: string;
  readonly platform?: { readonly os?: string; readonly architecture?: string; readonly variant?: string };
}

/**
 * The digest of the platform's manifest in an index, as docker picks it: os and
 * architecture equal, the variant only when one is asked for; entries of
 * platform unknown/unknown (attestations) are skipped.
 */
export function selectPlatform(manifests: readonly Descriptor[], platform: string): string {
  const [os, architecture, variant] = platform.split('/');
  const found = manifests.find(m => m.platform?.os === os && m.platform?.architecture === architecture
    && (variant === undefined || m.platform?.variant === variant) && typeof m.digest === 'string');
  if (found !== undefined) return found.digest!;
  const present = manifests.map(m => m.platform)
    .filter(p => p !== undefined && !(p.os === 'unknown' && p.architecture === 'unknown'))
    .map(p => [p!.os, p!.architecture, p!.variant].filter(s => s !== undefined).join('/'));
  throw new Error(`the index has no manifest for platform ${platform} (it has ${present.join(', ') || 'none'})`);
}

/** Reads the image's config from its registry; rejects with one line naming the image, the host and the cause. */
export async function registryFacts(image: string, options: RegistryOptions): Promise<ImageFacts> {
  const ref = parseReference(image);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const platform = options.platform ?? DEFAULT_PLATFORM;
  if (!/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(platform)) {
    throw new Error(`image '${image}': platform '${platform}' is not os/architecture[/variant]; use e.g. linux/amd64 or linux/arm64/v8`);
  }
  // One signal for every request of this image (needle takes `signal`; the
  // library passes it through to each request, token requests included). It
  // is aborted only when the time is up: needle leaves a listener on it per
  // request, harmless once the request is done.
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  const client: ClientOptions = {
    protocol: isLoopback(ref.host) ? 'http:' : 'https:',
    signal: abort.signal,
    open_timeout: timeoutMs,
  };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new Error('timeout'));
    }, timeoutMs);
  });
  let step = ref.digest === undefined ? `the manifest of tag ${ref.tag}` : `the manifest ${ref.digest}`;
  try {
    const read = async (): Promise<ImageFacts> => {
      let manifest = await fetchManifest(ref, ref.digest ?? ref.tag!, client);
      if (INDEX_TYPES.includes(manifest.mediaType)) {
        const digest = selectPlatform(Array.isArray(manifest.body.manifests) ? manifest.body.manifests : [], platform);
        step = `the ${platform} manifest ${digest}`;
        manifest = await fetchManifest(ref, digest, client);
      }
      if (!MANIFEST_TYPES.includes(manifest.mediaType)) {
        throw new Error(`its media type '${manifest.mediaType}' is not an OCI or Docker v2 image manifest`);
      }
      const digest = record(manifest.body.config).digest;
      if (typeof digest !== 'string' || !DIGEST.test(digest)) throw new Error(`it names no sha256 config digest`);
      step = `the config blob ${digest}`;
      const blob = bodyOf(await getImageConfig(ref.host, ref.repository, digest, undefined, undefined, client));
      return { image, source: 'registry', from: ref.host, digest, config: imageConfigOf(record(blob).config) };
    };
    return await Promise.race([read(), timedOut]);
  } catch (err) {
    const cause = abort.signal.aborted ? `no answer within ${timeoutMs} ms` : causeOf(err);
    throw new Error(`image '${image}': cannot read ${step} from registry ${ref.host}: ${cause}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /v2/<repository>/manifests/<reference> with every manifest type in
 * Accept. `registryCall` (the library's generic authenticated GET) is used
 * here rather than `getManifest` because getManifest picks an index entry on
 * its own terms: the variant must equal the one given (so linux/arm64 misses
 * an arm64/v8 entry) and an index with one platform is taken whatever the
 * platform asked for; docker matches as selectPlatform does. (registryCall is
 * marked in the library as one that may go in a later major version; 4.0.5 is
 * pinned.) It takes the same options, so token flow, realm check, redirects,
 * `protocol` and the signal all still come from the library.
 */
async function fetchManifest(ref: ImageReference, reference: string, client: ClientOptions)
  : Promise<{ mediaType: string; body: Record<string, unknown> }> {
  const response = await registryCall(`${ref.host}/v2/${ref.repository}/manifests/${reference}`, undefined, undefined,
    { ...client, headers: { Accept: ACCEPT } });
  const body = record(bodyOf(response.body));
  const header = String(response.headers?.['content-type'] ?? '').split(';')[0].trim();
  const mediaType = MANIFEST_TYPES.includes(header) || INDEX_TYPES.includes(header) ? header : String(body.mediaType ?? header);
  return { mediaType, body };
}

function bodyOf(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One line: the HTTP status and the registry's message, or the network error. */
function causeOf(err: unknown): string {
  const e = err as { name?: string; message?: string; statusCode?: number; code?: string; realmUrl?: string };
  let cause: string;
  if (e?.name === 'AuthenticationError') {
    cause = `its bearer realm ${e.realmUrl} is not on the registry's host, so no token was asked for`;
  } else if (typeof e?.statusCode === 'number') {
    cause = `HTTP ${e.statusCode}${e.message ? ` (${registryError(e.message)})` : ''}`;
  } else {
    cause = String(e?.message ?? err);
  }
  cause = cause.replace(/\s+/g, ' ').trim();
  return cause.length > 300 ? `${cause.slice(0, 300)}...` : cause;
}

/** The registry's `{"errors":[{"code","message"}]}` body as `CODE: message`; other text as it is. */
function registryError(text: string): string {
  const body = record(bodyOf(text));
  const errors = Array.isArray(body.errors) ? body.errors.map(record) : [];
  if (errors.length === 0) return text;
  return errors.map(e => [e.code, e.message].filter(v => typeof v === 'string' && v !== '').join(': ')).join('; ');
}
