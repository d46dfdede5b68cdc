/**
 * Mounts: named volumes (claims, shared mounts, a StatefulSet's data claim),
 * bind mounts (single files and configuration folders from ConfigMaps, claims,
 * or dropped), compose configs as files of a ConfigMap, and compose secrets as
 * files of the Secret. Nothing outside the project folder is read.
 */
import * as path from 'path';
import { FilesSpec, ResourcesSpec, SecretFileSpec, VolumeMountSpec, VolumeSpec } from '../spec/types';
import { CONFIG_MAP_MAX_BYTES } from '../spec/files';
import { claimsData } from '../images/knowledge';
import { Mapper, ServiceContext } from './context';
import { Service } from './generated/compose-spec';
import { Kind } from './kind';
import { listToMap } from './parse';
import { dnsLabel, MAX_SERVICE_NAME, memoryQuantity, normalizeSize, quantityBytes, secretKeyOf, volumeSize } from './units';

const posix = path.posix;

/** Targets of bind mounts that are source trees (hot reload), not data. */
const SOURCE_TARGETS = new Set(['/app', '/code', '/src', '/usr/src/app', '/var/www/html', '/var/www', '/home/node/app', '/opt/app', '/workspace']);

/** One mount of a service, short or long syntax. */
export interface Mount { type: string; source?: string; target: string; readOnly: boolean }

/** A file's content: text, or anything else as base64; `executable` when its mode lets its owner run it. */
export type FileContent = ({ readonly text: string } | { readonly base64: string }) & { readonly executable?: true };

/** A folder mounted from a ConfigMap: its files by path below it. */
export interface MappedFolder { readonly mountPath: string; readonly files: Map<string, FileContent> }

/** What a service's mounts become; `files` (by absolute path) and `folders` become ConfigMaps in {@link filesSpecOf}. */
export interface MappedVolumes {
  readonly volumes: VolumeSpec[];
  readonly mounts: VolumeMountSpec[];
  readonly files: Map<string, FileContent>;
  readonly folders: MappedFolder[];
  /** The data directory of a stateful service. */
  dataPath: string | undefined;
  /** The compose volume or folder that is the data claim of a stateful service. */
  dataVolume: string | undefined;
}

/** Every mount of a service, short and long syntax alike. */
export function volumeMounts(svc: any): Mount[] {
  return (svc.volumes ?? []).map((v: any) => {
    if (typeof v === 'object') {
      const type = (v.type ?? 'volume') === 'volume' && v.source === undefined ? 'anonymous' : v.type ?? 'volume';
      return { type, source: v.source, target: v.target, readOnly: v.read_only === true };
    }
    const parts = String(v).split(':');
    if (parts.length === 1) {
      return { type: 'anonymous', target: parts[0], readOnly: false };
    }
    const source = parts[0];
    const type = /^[./~]/.test(source) ? 'bind' : 'volume';
    return { type, source, target: parts[1], readOnly: (parts[2] ?? '').split(',').includes('ro') };
  });
}

/**
 * Named volumes at a catalog image's data directory (they become its
 * StatefulSet's own claim: nobody else can mount them), and how many services
 * mount each named volume or bound folder (several mounts by one service count once).
 */
export function volumeUsage(m: Pick<Mapper, 'imageKnowledge'>, entries: Array<[string, any]>): { dataVolumes: Set<string>; volumeUsers: Map<string, number> } {
  const volumeUsers = new Map<string, number>();
  const dataVolumes = new Set<string>();
  for (const [, svc] of entries) {
    const known = typeof svc?.image === 'string' && svc.build === undefined ? m.imageKnowledge(svc.image) : undefined;
    const dataPath = known !== undefined && claimsData(known) ? known.dataPath : undefined;
    for (const v of volumeMounts(svc ?? {})) {
      if (v.type === 'volume' && v.source !== undefined && v.target === dataPath) {
        dataVolumes.add(v.source);
      }
    }
  }
  for (const [, svc] of entries) {
    const named = volumeMounts(svc ?? {}).filter(v => v.type === 'volume').map(v => v.source);
    const bound = volumeMounts(svc ?? {}).filter(v => v.type === 'bind' && v.source !== undefined).map(v => `bind:${v.source!.replace(/\/+$/, '')}`);
    for (const source of new Set([...named, ...bound])) {
      if (source !== undefined) {
        volumeUsers.set(source, (volumeUsers.get(source) ?? 0) + 1);
      }
    }
  }
  return { dataVolumes, volumeUsers };
}

/**
 * The size of a volume when compose gives one: x-stackport.size or
 * kompose.volume.size, as a quantity; a size that does not parse is a problem.
 */
export function defaultSize(c: ServiceContext): string | undefined {
  const given = c.x.size ?? c.labels['kompose.volume.size'];
  if (given === undefined) {
    return undefined;
  }
  const size = volumeSize(String(given));
  const field = c.x.size !== undefined ? `${c.where('x-stackport')}.size` : `${c.where('labels')}.kompose.volume.size`;
  const problem = `${field}: got '${given}'; expected a size such as '200Mi', '5Gi', '1Ti' or '512m'; write the size with one of the units Ki, Mi, Gi, Ti, k, m, g, t (or b for bytes)`;
  if (size === undefined && !c.m.problems.includes(problem)) {
    c.m.problems.push(problem);
  }
  return size;
}

/** The service's `volumes`; tmpfs and anonymous volumes are added to `writable`. */
export function mapVolumes(svc: Service, c: ServiceContext, kind: Kind, writable: Set<string>): MappedVolumes {
  const out: MappedVolumes = { volumes: [], mounts: [], files: new Map(), folders: [], dataPath: c.known.dataPath, dataVolume: undefined };
  for (const v of lastAtEachTarget(c, volumeMounts(svc))) {
    if (v.type === 'anonymous' && kind === 'stateful' && (out.dataPath === undefined || out.dataPath === v.target) && out.dataVolume === undefined) {
      // Compose keeps an anonymous volume across restarts: at the data directory it is the data claim.
      out.dataPath = v.target;
      out.dataVolume = `anonymous:${v.target}`;
    } else if (v.type === 'tmpfs' || v.type === 'anonymous') {
      writable.add(v.target);
      if (v.type === 'anonymous') {
        c.note(`anonymous volume '${v.target}' becomes an emptyDir: its content does not survive a restart`);
      }
    } else if (v.type === 'volume' && v.source !== undefined) {
      namedVolume(c, kind, v as Mount & { source: string }, out);
    } else if (v.type === 'bind' && v.source !== undefined) {
      bindMount(svc, c, kind, v as Mount & { source: string }, out);
    }
  }
  return out;
}

/** Two mounts at one path: the later one wins, as compose merges them, with a TODO. */
function lastAtEachTarget(c: ServiceContext, mounts: Mount[]): Mount[] {
  const describe = (v: Mount) => (v.source === undefined ? `${v.type} volume` : `'${v.source}'`);
  return mounts.filter((v, i) => {
    const later = mounts.slice(i + 1).find(w => posix.normalize(w.target) === posix.normalize(v.target));
    if (later !== undefined) {
      c.note(`${describe(v)} and ${describe(later)} are both mounted at ${v.target}; the later one wins, as compose merges them: remove the other`);
    }
    return later === undefined;
  });
}

/** A path the compose file names, relative to the project folder; undefined when it leaves the folder (`/x`, `~/x`, `../x`). */
export function insideProject(source: string): string | undefined {
  // Absolute, home and Windows drive paths (`C:\data`) are the importing machine's, not the project's.
  if (source.startsWith('/') || source.startsWith('~') || /^[A-Za-z]:[\\/]/.test(source)) {
    return undefined;
  }
  const rel = posix.normalize(source);
  return rel === '..' || rel.startsWith('../') ? undefined : rel;
}

/** A named volume: the data claim, a claim of its first user, or a mount of another's claim. */
function namedVolume(c: ServiceContext, kind: Kind, v: Mount & { source: string }, out: MappedVolumes): void {
  const { label, note } = c;
  const { volumes, mounts } = out;
  const size0 = defaultSize(c);
  const volName = dnsLabel(v.source, MAX_SERVICE_NAME);
  if (kind === 'stateful' && (out.dataPath === undefined || out.dataPath === v.target) && out.dataVolume === undefined) {
    out.dataPath = v.target;
    out.dataVolume = v.source;
    return;
  }
  const owner = c.owners.get(v.source);
  if (c.owners.get(v.source) === label || mounts.some(x => x.volume === volName)) {
    note(`volume '${v.source}' is mounted twice; only ${v.target === undefined ? 'the first' : `the first mount is kept, not ${v.target}`}`);
  } else if (c.dataVolumes.has(v.source)) {
    note(`volume '${v.source}' at ${v.target} is dropped: it is the data claim of a StatefulSet, which no other pod can mount`);
  } else if (owner === undefined) {
    c.owners.set(v.source, label);
    const size = size0 ?? '1Gi';
    if (size0 === undefined) {
      note(`volume '${volName}' is sized ${size}, a guess (kompose.volume.size or x-stackport.size)`);
    }
    if (c.doc.volumes?.[v.source]?.external === true) {
      note(`volume '${v.source}' is external in compose; here it is a new, empty claim '${volName}'`);
    }
    volumes.push({ name: volName, mountPath: v.target, size: normalizeSize(size), ...((c.volumeUsers.get(v.source) ?? 0) > 1 ? { shared: true } : {}), ...(v.readOnly ? { readOnly: true } : {}) });
  } else {
    mounts.push({ volume: volName, mountPath: v.target, ...(v.readOnly ? { readOnly: true } : {}) });
  }
}

/** Targets of configuration a service reads (nginx conf.d, Grafana provisioning, Prometheus rules): a folder the project fills is a ConfigMap there. */
const CONFIG_TARGET = /^\/etc\/|conf|provisioning|rules|templates|scripts|init/i;

/** A bind mount: another service's claim, a ConfigMap file or folder, the data claim, dropped, or a new claim. */
function bindMount(svc: Service, c: ServiceContext, kind: Kind, v: Mount & { source: string }, out: MappedVolumes): void {
  const { m, label, note } = c;
  const { volumes, mounts } = out;
  const size0 = defaultSize(c);
  const rel = insideProject(v.source);
  const kindThere = rel === undefined ? undefined : m.opts.files.kind(rel);
  const key = `bind:${v.source.replace(/\/+$/, '')}`;
  const claimed = c.owners.get(key);
  if (claimed !== undefined && claimed !== label) {
    // The same folder, claimed by another service: one claim, mounted by both.
    mounts.push({ volume: bindClaimName(v.source, claimed), mountPath: v.target, ...(v.readOnly ? { readOnly: true } : {}) });
  } else if (kind === 'stateful' && out.dataPath === v.target && out.dataVolume === undefined && kindThere !== 'file'
    && !(rel === undefined && (v.target === '/etc/localtime' || v.target === '/etc/timezone'))) {
    // A folder at the data directory, in the project or on the host: the StatefulSet's claim takes its place.
    out.dataVolume = v.source;
    const where = rel === undefined ? `host path '${v.source}' at the data directory ${v.target} becomes the data claim (Pod Security "restricted" admits no node paths)`
      : `bind mount '${v.source}' at the data directory becomes the data claim`;
    note(`${where}; ${copyIntoClaim(svc, c, v, rel === undefined ? "the host folder's data" : 'existing data')}`);
  } else if (rel === undefined) {
    outsideMount(c, v);
  } else if (kindThere === 'file') {
    addFile(c, out.files, v.target, rel, `bind mount '${v.source}'`);
    if (!v.readOnly) {
      note(`bind mount '${v.source}:${v.target}' is read-write in compose; the file comes from a ConfigMap here, read-only: if the service writes it, bind its folder instead (it becomes a claim)`);
    }
  } else if (SOURCE_TARGETS.has(v.target) || v.target === svc.working_dir) {
    note(`bind mount '${v.source}:${v.target}' is dropped: a source tree (hot reload); the image carries the code`);
  } else if (kindThere === 'dir' && (v.readOnly || v.target === '/docker-entrypoint-initdb.d' || (CONFIG_TARGET.test(v.target) && m.opts.files.list(rel).length > 0))) {
    // A folder compose mounts read-only, init scripts (only read), and a configuration folder the project fills are configuration; other writable folders are data.
    if (!v.readOnly && v.target !== '/docker-entrypoint-initdb.d') {
      note(`bind mount '${v.source}:${v.target}' is read-write in compose; its files come from a ConfigMap here, read-only: if the service writes there, replace that folder of the chart's files by a volume`);
    }
    const files = readFolder(c, rel, `volumes: ${v.source}:${v.target}`);
    if (files !== undefined) {
      out.folders.push({ mountPath: v.target, files });
    }
  } else if (kindThere === undefined && (v.readOnly || /\.[a-z0-9]+$/i.test(v.source) || v.target === '/docker-entrypoint-initdb.d')) {
    note(`bind mount '${v.source}:${v.target}' is dropped: nothing is there beside the compose file; add the file or folder and import again to mount it from a ConfigMap`);
  } else {
    const volName = bindClaimName(v.source, label);
    c.owners.set(key, label);
    const shared = (c.volumeUsers.get(key) ?? 0) > 1;
    volumes.push({ name: volName, mountPath: v.target, size: normalizeSize(size0 ?? '1Gi'), ...(shared ? { shared: true } : {}) });
    const copy = kindThere === 'dir' ? `copy the content of '${v.source}' into it yourself` : 'copy existing content in yourself';
    note(`bind mount '${v.source}:${v.target}' becomes claim '${volName}' of ${size0 ?? '1Gi'} (a guess); ${copy}`);
  }
}

/**
 * Where the data of a folder bound at the data directory goes in the claim:
 * the subfolder a catalog setting names (postgres' PGDATA below its data
 * directory) when compose does not set it, where the image looks; else the claim itself.
 */
function copyIntoClaim(svc: Service, c: ServiceContext, v: Mount, what: string): string {
  const own = listToMap((svc as any).environment);
  const below = Object.entries(c.known.env).find(([k, value]) => typeof value === 'string' && own[k] === undefined
    && value.startsWith(`${posix.normalize(v.target).replace(/\/$/, '')}/`));
  if (below === undefined) {
    return `copy ${what} ${what === 'existing data' ? 'in' : 'into the claim'} yourself`;
  }
  const [variable, value] = below as [string, string];
  const sub = posix.relative(v.target, value);
  return `copy ${what} into its subfolder ${sub} yourself, not at its top: the chart sets ${variable}=${value}, where the image looks (compose sets no ${variable}, so there the data is at ${v.target} itself)`;
}

/** A bind mount from outside the project folder: never read, a TODO instead. */
function outsideMount(c: ServiceContext, v: Mount & { source: string }): void {
  if (v.target === '/etc/localtime' || v.target === '/etc/timezone') {
    c.note(`bind mount '${v.source}:${v.target}' is dropped: the host's time zone is not read; set TZ (e.g. TZ=Europe/Berlin) in the service's environment`);
  } else if (v.source.startsWith('/')) {
    c.note(`host path '${v.source}:${v.target}' is dropped: Pod Security "restricted" admits no node paths, and the importer reads nothing outside the project folder; put the files in the project folder and bind them from there, or the data in a volume`);
  } else {
    c.note(`bind mount '${v.source}:${v.target}' is dropped: '${v.source}' is outside the project folder, which the importer never reads; copy it into the project folder and bind it from there`);
  }
}

/** A file of the project folder as text, or base64 when it is not UTF-8 text (invalid UTF-8 or NUL bytes). */
function fileContent(c: ServiceContext, rel: string): FileContent {
  const bytes = c.m.opts.files.bytes(rel);
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = undefined;
  }
  const executable = c.m.opts.files.executable(rel) ? { executable: true as const } : {};
  return text === undefined || text.includes('\0') ? { base64: Buffer.from(bytes).toString('base64'), ...executable } : { text, ...executable };
}

/** Bytes a file takes in a ConfigMap. */
export function storedBytes(content: FileContent): number {
  return 'text' in content ? Buffer.byteLength(content.text) : content.base64.length;
}

/** Adds a single file at `target` (a later one at the same path wins, with a TODO); refused when it cannot fit a ConfigMap. */
function addFile(c: ServiceContext, files: Map<string, FileContent>, target: string, rel: string, what: string): void {
  const content = fileContent(c, rel);
  if (storedBytes(content) > CONFIG_MAP_MAX_BYTES) {
    c.m.problems.push(`${c.where('volumes')}: ${what} at ${target} holds ${storedBytes(content)} bytes; a ConfigMap holds at most ${CONFIG_MAP_MAX_BYTES}; copy it into the image (build) or put it in a volume`);
    return;
  }
  setFile(c, files, target, content);
}

function setFile(c: ServiceContext, files: Map<string, FileContent>, target: string, content: FileContent): void {
  const at = posix.normalize(target);
  if (files.has(at)) {
    c.note(`two files are mounted at ${at}; the later one wins, as compose does: remove the other`);
  }
  files.set(at, content);
}

/** Every file of a project folder, by path below it; refused (a problem) above a ConfigMap's size. */
function readFolder(c: ServiceContext, rel: string, what: string): Map<string, FileContent> | undefined {
  const files = new Map<string, FileContent>();
  let total = 0;
  const walk = (dir: string, below: string): boolean => {
    for (const name of [...c.m.opts.files.list(dir)].sort()) {
      const entry = posix.join(dir, name);
      const kind = c.m.opts.files.kind(entry);
      if (kind === 'dir' && !walk(entry, posix.join(below, name))) {
        return false;
      } else if (kind === 'file') {
        const content = fileContent(c, entry);
        total += storedBytes(content);
        if (total > CONFIG_MAP_MAX_BYTES) {
          return false;
        }
        files.set(posix.join(below, name), content);
      }
    }
    return true;
  };
  if (!walk(rel, '')) {
    c.m.problems.push(`${c.where('volumes')}: ${what} holds more than ${CONFIG_MAP_MAX_BYTES} bytes, more than a ConfigMap holds; copy the folder into the image (build), or bind only the files the service reads`);
    return undefined;
  }
  return files;
}

/** The claim a bound folder becomes: its path as a name (`./public/system` -> `public-system`). */
function bindClaimName(source: string, owner: string): string {
  return dnsLabel(source.replace(/^[./~]+/, '').replace(/\/+$/, '') || `${owner}-data`, MAX_SERVICE_NAME);
}

/** Compose configs: files of the ConfigMap (added to `files`), at /<name> unless a target says otherwise (a relative one is below /). */
export function mapConfigs(svc: Service, c: ServiceContext, files: Map<string, FileContent>): void {
  const { m, note } = c;
  for (const cfg of svc.configs ?? []) {
    const source = String(typeof cfg === 'string' ? cfg : cfg.source);
    const given = String(typeof cfg === 'string' ? `/${cfg}` : cfg.target ?? `/${cfg.source}`);
    const target = given.startsWith('/') ? given : `/${given}`;
    const top = c.doc.configs?.[source];
    const rel = top?.file === undefined ? undefined : insideProject(String(top.file));
    const content: FileContent | undefined = top?.content !== undefined ? { text: String(top.content) }
      : rel !== undefined && m.opts.files.kind(rel) === 'file' ? fileContent(c, rel) : undefined;
    if (content === undefined) {
      const why = top === undefined ? 'the top-level configs do not declare it'
        : top.file !== undefined && rel === undefined ? `its file '${top.file}' is outside the project folder, which the importer never reads; copy it into the project folder`
          : 'its content is not beside the compose file';
      note(`config '${source}' is dropped: ${why}`);
      continue;
    }
    setFile(c, files, target, content);
  }
}

/** Compose secrets: Secret keys mounted as files, at /run/secrets/<name> unless a target says otherwise. */
export function mapSecretFiles(svc: Service, c: ServiceContext): SecretFileSpec[] {
  const { m } = c;
  const secretFiles: SecretFileSpec[] = [];
  for (const s of svc.secrets ?? []) {
    const source = String(typeof s === 'string' ? s : s.source);
    const target = String(typeof s === 'string' ? s : s.target ?? s.source);
    const top = c.doc.secrets?.[source];
    if (top === undefined) {
      m.problems.push(`${c.where('secrets')}: secret '${source}' is not declared under the top-level 'secrets'; declare it with 'file' or 'environment'`);
      continue;
    }
    const rel = top.file === undefined ? undefined : insideProject(String(top.file));
    if (rel !== undefined && m.opts.files.kind(rel) === 'file') {
      m.addCredential(m.opts.files.read(rel).trim());
    }
    const key = secretKeyOf(source);
    if (!m.secrets.some(k => k.key === key)) {
      m.secrets.push({ key, description: `compose secret '${source}'${top.file === undefined ? '' : ` (file ${top.file})`}${top.environment === undefined ? '' : ` (variable ${top.environment})`}` });
    }
    secretFiles.push({ key, path: target.startsWith('/') ? target : `/run/secrets/${target}` });
  }
  return secretFiles;
}

/**
 * The ConfigMaps of a service: each bound folder replaces its directory (as
 * the bind mount did); single files, grouped by directory, are mounted one by
 * one (subPath), so the image's other files there stay visible.
 */
export function filesSpecOf(vols: Pick<MappedVolumes, 'files' | 'folders'>): FilesSpec | FilesSpec[] | undefined {
  const specs: FilesSpec[] = vols.folders.map(f => filesOf(f.mountPath, f.files, false));
  const byDir = new Map<string, Map<string, FileContent>>();
  for (const [at, content] of vols.files) {
    const dir = posix.dirname(at);
    byDir.set(dir, (byDir.get(dir) ?? new Map()).set(posix.basename(at), content));
  }
  specs.push(...[...byDir].map(([dir, files]) => filesOf(dir, files, true)));
  return specs.length === 0 ? undefined : specs.length === 1 ? specs[0] : specs;
}

function filesOf(mountPath: string, files: Map<string, FileContent>, subPath: boolean): FilesSpec {
  const text = [...files].filter(([, f]) => 'text' in f).map(([k, f]) => [k, (f as { text: string }).text]);
  const binary = [...files].filter(([, f]) => 'base64' in f).map(([k, f]) => [k, (f as { base64: string }).base64]);
  const executable = [...files].filter(([, f]) => f.executable === true).map(([k]) => k);
  return {
    mountPath,
    files: Object.fromEntries(text),
    ...(binary.length === 0 ? {} : { binaryFiles: Object.fromEntries(binary) }),
    ...(executable.length === 0 ? {} : { executable }),
    ...(subPath ? { subPath: true } : {}),
  };
}

/** The paths a service's ConfigMaps occupy: each folder, and each file mounted on its own. */
export function filesPaths(files: FilesSpec | readonly FilesSpec[] | undefined): string[] {
  const sets = files === undefined ? [] : Array.isArray(files) ? files : [files as FilesSpec];
  return sets.flatMap(f => (f.subPath === true ? [...Object.keys(f.files), ...Object.keys(f.binaryFiles ?? {})].map(n => posix.join(f.mountPath, n)) : [f.mountPath]));
}

/** `shm_size`: the size of a memory-backed /dev/shm; a problem when it does not parse. */
export function mapShmSize(svc: Service, c: ServiceContext): string | undefined {
  if (svc.shm_size === undefined) {
    return undefined;
  }
  const q = memoryQuantity(svc.shm_size);
  if (q === undefined) {
    c.m.problems.push(`${c.where('shm_size')}: got '${svc.shm_size}'; expected a size such as '256m' or '1gb' (units b, k, m, g, t, with or without i and b); write it with one of those units`);
  }
  return q;
}

/** A memory-backed /dev/shm counts against the memory limit: a TODO when it could take all of it. */
export function noteShmMemory(c: ServiceContext, shmSize: string | undefined, resources: ResourcesSpec | undefined): void {
  if (shmSize !== undefined && resources !== undefined && quantityBytes(shmSize) >= quantityBytes(resources.memory)) {
    c.note(`shm_size ${shmSize} is memory that counts against the memory limit ${resources.memory}; raise deploy.resources.limits.memory above it`);
  }
}
