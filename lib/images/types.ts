/**
 * What stackport knows of a container image, from two places: the verified
 * catalog (facts read from the images' Dockerfiles and entrypoints, each with
 * its source) and the image's own config (read at import from a facts file,
 * the local container engine or the registry).
 */
import { EnvMap, HealthCheckSpec, ResourcesSpec, UserSpec } from '../spec/types';

/** A port an image listens on. */
export interface ImagePort {
  /** IANA-style name (DNS-1123 label, at most 15 characters). */
  readonly name: string;
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
  /** It speaks plain HTTP: a route and an HTTP probe may use it. */
  readonly http: boolean;
}

/** The facts of a catalog entry that a source must be cited for. */
export interface CatalogFacts {
  /** The user the image runs as (its USER, or the user its entrypoint drops to). */
  readonly user: UserSpec;
  /** The user of the alpine variant, where it differs. */
  readonly alpineUser?: UserSpec;
  /** Users a compose file may name in this image (`user: www-data`), by name. */
  readonly users?: Readonly<Record<string, UserSpec>>;
  /** The ports it listens on, the main one first. */
  readonly ports: readonly ImagePort[];
  /** Its data directory; the service becomes a StatefulSet with a claim there. */
  readonly dataPath?: string;
  /** Paths it writes at run time besides the data directory (emptyDirs on a read-only root). */
  readonly writablePaths: readonly string[];
  /** Why the root filesystem must stay writable. @default - read-only root filesystem */
  readonly writableRootReason?: string;
  /** Settings it needs on a Kubernetes volume or as a non-root user. */
  readonly env?: EnvMap;
  /** A health check whose command the image really contains (or an HTTP/TCP check). */
  readonly healthcheck?: HealthCheckSpec;
  /** Its program carries the file capability cap_net_bind_service: exec fails unless NET_BIND_SERVICE is kept. */
  readonly netBindService?: boolean;
  /** The least memory it runs in (a JVM's default heap plus overhead, for example). */
  readonly memoryFloor?: string;
  /**
   * Its entrypoint needs root (it chowns, or drops privileges with gosu or
   * su-exec, and fails as another user): what it does, and the image's own
   * non-root way to run. @default - it starts as `user`
   */
  readonly rootEntrypoint?: RootEntrypoint;
}

/** An entrypoint that needs root: what it does, the non-root way, and the settings that make it need root. */
export interface RootEntrypoint {
  readonly does: string;
  readonly nonRoot: string;
  /** It needs root only when the service sets one of these variables. @default - always */
  readonly when?: readonly string[];
}

/**
 * Where a fact comes from: a GitHub URL of a file at a pinned commit and the
 * line(s), e.g. `https://github.com/docker-library/postgres/blob/<40 hex>/17/bookworm/Dockerfile#L15`.
 */
export type Citation = string;

/** One catalog entry: an image (under some names) at a range of major versions. */
export interface CatalogEntry extends CatalogFacts {
  /** Repository names without registry or tag (`postgres`, `bitnami/redis`: not the same image). */
  readonly repositories: readonly string[];
  /** The first major version these facts hold for. @default - every version before maxMajor */
  readonly minMajor?: number;
  /** The last major version these facts hold for. @default - every later version, and unpinned tags */
  readonly maxMajor?: number;
  /**
   * The tag variant these facts hold for (`rootless`, `fpm`): tags with it as
   * a dash-separated word (`1.22-rootless`, `31-fpm-alpine`, `fpm`).
   * @default - tags that name none of the repository's variants
   */
  readonly tagVariant?: string;
  /** The claim size. @default '10Gi' */
  readonly dataSize?: string;
  readonly resources: ResourcesSpec;
  /** @default 30 */
  readonly shutdownSeconds?: number;
  /** A source for every fact present (user, ports, dataPath, writablePaths, healthcheck, memoryFloor, ...). */
  readonly sources: { readonly [K in keyof CatalogFacts]?: Citation | readonly Citation[] };
}

/** An image's config as the OCI image spec and `docker image inspect` give it (its `config` object). */
export interface ImageConfig {
  /** `USER`: a name or UID, with an optional group; '' or absent means root. */
  readonly user?: string;
  /** `EXPOSE`: `80/tcp`, `53/udp`. */
  readonly exposedPorts?: readonly string[];
  /** `VOLUME` paths. */
  readonly volumes?: readonly string[];
  readonly healthcheck?: ImageHealthcheck;
  readonly workingDir?: string;
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  /** `KEY=value` entries. */
  readonly env?: readonly string[];
}

/** `HEALTHCHECK` as an image config holds it: durations in nanoseconds. */
export interface ImageHealthcheck {
  /** `["CMD", ...]`, `["CMD-SHELL", "..."]` or `["NONE"]`. */
  readonly test: readonly string[];
  readonly interval?: number;
  readonly timeout?: number;
  readonly startPeriod?: number;
  readonly retries?: number;
}

/** Which source answered for an image. */
export type FactsSource = 'facts file' | 'docker' | 'podman' | 'registry';

/** What was read about one image, and from where. */
export interface ImageFacts {
  /** The image reference as the compose file gives it. */
  readonly image: string;
  readonly source: FactsSource;
  /** The facts file's name, the engine, or the registry host. */
  readonly from: string;
  /** The config's digest (`sha256:...`), or the image ID an engine gives. */
  readonly digest?: string;
  readonly config: ImageConfig;
}
