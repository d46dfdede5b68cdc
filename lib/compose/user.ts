/**
 * The user a service runs as, and the paths it may write: the catalog's,
 * x-stackport's, tmpfs and anonymous volumes, and /tmp unless read_only.
 */
import { groupOf, userNamed } from '../images/knowledge';
import { APP_USER } from '../catalog';
import { UserSpec } from '../spec/types';
import { ServiceContext } from './context';
import { Service } from './generated/compose-spec';
import { NET_BIND_SERVICE } from './dropped';
import { imageName } from './image';

/**
 * The UID and GID: x-stackport's; compose's `user` as it is, group 0 included,
 * with names resolved through the catalog; otherwise, and for root, the
 * catalog's user or a fixed non-root UID (an unverified guess, with a TODO).
 */
export function mapUser(svc: Service, c: ServiceContext): UserSpec {
  const { x, known, note } = c;
  const fallback: UserSpec = known.user ?? APP_USER;
  const composeUser = svc.user === undefined ? undefined : String(svc.user);
  if (x.uid !== undefined) {
    return { uid: Number(x.uid), gid: Number(x.gid ?? x.uid) };
  }
  let user = fallback;
  if (composeUser !== undefined) {
    user = composeUserOf(c, composeUser, fallback);
  } else if (known.user === undefined) {
    note(known.facts === undefined ? `the compose file names no user; it runs as ${user.uid}:${user.gid}, an unverified guess (x-stackport uid/gid)`
      : `the image's config gives no user it can run as (USER ${known.facts.config.user || 'unset: root'}); it runs as ${user.uid}:${user.gid} here, an unverified guess: check that the image works as that user, or set x-stackport uid/gid`);
  }
  return x.gid === undefined ? user : { uid: user.uid, gid: Number(x.gid) };
}

/**
 * A UID or GID of compose's `user`: a number, or a name the catalog knows in
 * this image. A number's group is its primary group in the image's
 * /etc/passwd where the catalog knows it, else 0, as docker takes it
 * (undefined `gid` then: the caller decides and says so).
 */
function idOf(c: ServiceContext, name: string): (Omit<UserSpec, 'gid'> & { gid?: number }) | undefined {
  if (/^[0-9]+$/.test(name)) {
    return { uid: Number(name), gid: typeof c.image === 'string' ? groupOf(c.image, Number(name)) : undefined };
  }
  return userNamed(typeof c.image === 'string' ? c.image : '', name);
}

/** Compose's `user` (`uid`, `uid:gid`, names); root and unknown names run as `fallback`'s UID, with a TODO. */
function composeUserOf(c: ServiceContext, composeUser: string, fallback: UserSpec): UserSpec {
  const { m, label, note } = c;
  const [userPart, groupPart] = composeUser.split(':');
  const named = idOf(c, userPart);
  const group = groupPart === undefined ? undefined : /^[0-9]+$/.test(groupPart) ? { gid: Number(groupPart) } : idOf(c, groupPart);
  // A user alone brings its primary group: a named user's, a numeric UID's where the catalog knows it, else 0 as docker gives it.
  const gid = group?.gid ?? (groupPart === undefined ? named?.gid : undefined);
  if (groupPart === undefined && named !== undefined && named.uid !== 0 && named.gid === undefined && c.x.gid === undefined) {
    note(`compose names UID ${named.uid} without a group (user: ${composeUser}); docker takes the group from the image's /etc/passwd, and 0 when the UID is not listed there: it runs with group 0 here, set the image's group with x-stackport.gid if it lists ${named.uid}`);
  }
  if (groupPart !== undefined && group === undefined) {
    note(`compose names group '${groupPart}' (user: ${composeUser}), which the catalog does not know in '${imageName(c)}'; set that group's GID with x-stackport.gid`);
  }
  if (named === undefined) {
    const user = { uid: fallback.uid, gid: gid ?? fallback.gid };
    note(`compose names user '${userPart}' (user: ${composeUser}), which the catalog does not know in '${imageName(c)}'; it runs as ${user.uid}:${user.gid} here, set that user's UID with x-stackport.uid`);
    return user;
  }
  if (named.uid === 0) {
    const user = { uid: fallback.uid, gid: groupPart === undefined ? fallback.gid : gid ?? fallback.gid };
    m.summary.push(`root: service '${label}' runs as root in compose (user: ${composeUser}); use a non-root variant of '${imageName(c)}', or a profile that relaxes Pod Security for this stack`);
    note(`compose runs it as root (user: ${composeUser}), which Pod Security "restricted" refuses; it runs as ${user.uid}:${user.gid} here, verify the image works as that user or set x-stackport.uid`);
    return user;
  }
  return { uid: named.uid, gid: gid ?? (groupPart === undefined ? 0 : fallback.gid) };
}

/** The writable paths compose and the catalog name: the catalog's, x-stackport.writablePaths, tmpfs. */
export function writablePaths(svc: Service, c: ServiceContext): Set<string> {
  // The data directory: the claim of a StatefulSet, else written where compose mounts no volume.
  const writable = new Set<string>([...c.known.writablePaths, ...(c.known.dataPath === undefined ? [] : [c.known.dataPath]), ...(c.x.writablePaths ?? [])]);
  for (const t of svc.tmpfs === undefined ? [] : Array.isArray(svc.tmpfs) ? svc.tmpfs : [svc.tmpfs]) {
    writable.add(String(t).split(':')[0]);
  }
  return writable;
}

/**
 * Adds /tmp to the writable paths unless the root filesystem is read-only or
 * the catalog knows better; the reason the root filesystem stays writable, if it does.
 */
export function writableRoot(svc: Service, c: ServiceContext, writable: Set<string>): string | undefined {
  const { x, known, note } = c;
  if (svc.read_only !== true && (!known.writesKnown || known.writableRootReason !== undefined)) {
    writable.add('/tmp');
  }
  const writableRootReason = known.writesKnown ? known.writableRootReason
    : svc.read_only === true || x.writablePaths !== undefined ? undefined
      : `unverified: the compose file does not say where '${imageName(c)}' writes; list those paths in writablePaths and remove this`;
  if (!known.writesKnown && writableRootReason !== undefined) {
    note('the root filesystem stays writable until writablePaths are verified (x-stackport.writablePaths or read_only: true)');
  }
  return writableRootReason;
}

/** A path mounted from a volume, a file or a secret is not also an emptyDir: removes those from `writable`. */
export function dropMountedPaths(writable: Set<string>, mounted: Iterable<string>): void {
  const paths = new Set(mounted);
  for (const path of [...writable].filter(p => paths.has(p))) {
    writable.delete(path);
  }
}

/** NET_BIND_SERVICE is kept when compose adds it, or the image's program needs it as a file capability. */
export function netBindService(svc: Service, c: ServiceContext): boolean {
  return c.known.netBindService || (svc.cap_add ?? []).some(cap => NET_BIND_SERVICE.test(String(cap)));
}
