/**
 * What the pod of a catalog image must get, written from the image's own
 * Dockerfile and entrypoint (the URLs in `from`), independently of the
 * catalog: the catalog test imports a one-service compose file per entry and
 * compares the pod with these.
 */
export interface ExpectedPod {
  /** A pinned image reference within one catalog entry's major versions. */
  readonly image: string;
  /** The lines these expectations were written from (GitHub URLs at a pinned commit). */
  readonly from: readonly string[];
  /** runAsUser and runAsGroup. */
  readonly uid: number;
  readonly gid: number;
  /** Paths the container writes (emptyDirs or the data claim), the data directory included. */
  readonly writable: readonly string[];
  /** The data directory, mounted from a claim. @default - no claim (a Deployment) */
  readonly dataPath?: string;
  /**
   * The readiness probe: for a command, the program it runs (`pg_isready`,
   * the program inside `sh -c`), which the image must contain; `GET /path :port`
   * for HTTP; `TCP port` for a connect.
   */
  readonly probe: string;
  /** The memory limit is at least this much (a JVM heap's floor). @default - no floor */
  readonly memoryAtLeast?: string;
  /** Environment the container must get (PGDATA on a fresh volume, for example). */
  readonly env?: Readonly<Record<string, string>>;
}
