/**
 * An image reference split as docker splits it, without checking its parts:
 * `[host[:port]/]path[:tag][@digest]`. The first part is a host when it has a
 * `.` or `:`, is `localhost`, or has an upper-case letter.
 */
export interface ReferenceParts {
  /** The registry host as written. @default - none: Docker Hub */
  readonly host?: string;
  /** The repository path as written (`postgres`, `team/app`: no `library/` added). */
  readonly path: string;
  readonly tag?: string;
  /** What follows `@`. */
  readonly digest?: string;
}

export function splitReference(image: string): ReferenceParts {
  const at = image.indexOf('@');
  let rest = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? undefined : image.slice(at + 1);
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const host = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) ? first : undefined;
  return { host, path: host === undefined ? rest : rest.slice(slash + 1), tag, digest };
}

/** Whether the reference names Docker Hub (no host, or docker.io, index.docker.io). */
export function onDockerHub(parts: ReferenceParts): boolean {
  return parts.host === undefined || parts.host === 'docker.io' || parts.host === 'index.docker.io';
}
