/**
 * The user a service runs as, and the paths it may write: the catalog's,
 * x-stackport's, tmpfs and anonymous volumes, and /tmp unless read_only.
 */
import { APP_USER } from '../spec/catalog';
import { UserSpec } from '../spec/types';
import { imageTag } from '../spec/validate';
import { ServiceContext } from './context';
import { Service } from './generated/compose-spec';
import { imageName } from './image';

/** The UID and GID: x-stackport's, compose's `user` unless root, or the catalog's (an unverified guess otherwise). */
export function mapUser(svc: Service, c: ServiceContext): UserSpec {
  const { m, x, label, known, image, note } = c;
  const alpine = typeof image === 'string' && /alpine/.test(imageTag(image) ?? '');
  let user: UserSpec = known === undefined ? APP_USER : alpine ? known.alpineUser ?? known.user : known.user;
  const composeUser = svc.user === undefined ? undefined : String(svc.user);
  if (x.uid !== undefined) {
    user = { uid: Number(x.uid), gid: Number(x.gid ?? x.uid) };
  } else if (composeUser !== undefined) {
    const um = /^([0-9]+)(?::([0-9]+))?$/.exec(composeUser);
    if (um !== null && um[1] !== '0') {
      user = { uid: Number(um[1]), gid: Number(um[2] ?? um[1]) };
      if (user.gid === 0) {
        // The root group is flagged by policy scanners; the pod's fsGroup would be 0 too.
        user = { uid: user.uid, gid: user.uid };
        note(`compose runs it in group 0 (root); here its group is ${user.uid}, verify the image's files are readable by it`);
      }
    } else if (um !== null || composeUser.split(':')[0] === 'root') {
      m.summary.push(`root: service '${label}' runs as root in compose (user: ${composeUser}); use a non-root variant of '${imageName(c)}', or a profile that relaxes Pod Security for this stack`);
      note(`compose runs it as root; it runs as ${user.uid}:${user.gid} here, verify the image works as that user (x-stackport uid/gid)`);
    } else {
      note(`compose names user '${composeUser}'; it runs as ${user.uid}:${user.gid} here, set that user's UID with x-stackport uid/gid`);
    }
  } else if (known === undefined) {
    note(`the compose file names no user; it runs as ${user.uid}:${user.gid}, an unverified guess (x-stackport uid/gid)`);
  }
  return user;
}

/** The writable paths compose and the catalog name: the catalog's, x-stackport.writablePaths, tmpfs. */
export function writablePaths(svc: Service, c: ServiceContext): Set<string> {
  const writable = new Set<string>([...(c.known?.writablePaths ?? []), ...(c.x.writablePaths ?? [])]);
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
  if (svc.read_only !== true && (known === undefined || known.writableRootReason !== undefined)) {
    writable.add('/tmp');
  }
  const writableRootReason = known !== undefined ? known.writableRootReason
    : svc.read_only === true || x.writablePaths !== undefined ? undefined
      : `unverified: the compose file does not say where '${imageName(c)}' writes; list those paths in writablePaths and remove this`;
  if (known === undefined && writableRootReason !== undefined) {
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
