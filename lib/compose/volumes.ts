/**
 * Mounts: named volumes (claims, shared mounts, a StatefulSet's data claim),
 * bind mounts (files, claims, or dropped), compose configs as files of a
 * ConfigMap, and compose secrets as files of the Secret.
 */
import { FilesSpec, SecretFileSpec, VolumeMountSpec, VolumeSpec } from '../spec/types';
import { knownImage } from '../spec/catalog';
import { ServiceContext } from './context';
import { Service } from './generated/compose-spec';
import { Kind } from './kind';
import { dnsLabel, MAX_SERVICE_NAME, normalizeSize, secretKeyOf, volumeSize } from './units';

/** Targets of bind mounts that are source trees (hot reload), not data. */
const SOURCE_TARGETS = new Set(['/app', '/code', '/src', '/usr/src/app', '/var/www/html', '/var/www', '/home/node/app', '/opt/app', '/workspace']);

/** One mount of a service, short or long syntax. */
export interface Mount { type: string; source?: string; target: string; readOnly: boolean }

/** What a service's mounts become; `files` are ConfigMap files by directory, for {@link filesSpecOf}. */
export interface MappedVolumes {
  readonly volumes: VolumeSpec[];
  readonly mounts: VolumeMountSpec[];
  readonly files: Record<string, Record<string, string>>;
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
export function volumeUsage(entries: Array<[string, any]>): { dataVolumes: Set<string>; volumeUsers: Map<string, number> } {
  const volumeUsers = new Map<string, number>();
  const dataVolumes = new Set<string>();
  for (const [, svc] of entries) {
    const dataPath = typeof svc?.image === 'string' && svc.build === undefined ? knownImage(svc.image)?.dataPath : undefined;
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
  const out: MappedVolumes = { volumes: [], mounts: [], files: {}, dataPath: c.known?.dataPath, dataVolume: undefined };
  for (const v of volumeMounts(svc)) {
    if (v.type === 'tmpfs' || v.type === 'anonymous') {
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
    volumes.push({ name: volName, mountPath: v.target, size: normalizeSize(size), ...((c.volumeUsers.get(v.source) ?? 0) > 1 ? { shared: true } : {}) });
  } else {
    mounts.push({ volume: volName, mountPath: v.target, ...(v.readOnly ? { readOnly: true } : {}) });
  }
}

/** A bind mount: another service's claim, a file of the ConfigMap, the data claim, dropped, or a new claim. */
function bindMount(svc: Service, c: ServiceContext, kind: Kind, v: Mount & { source: string }, out: MappedVolumes): void {
  const { m, label, note } = c;
  const { volumes, mounts, files } = out;
  const size0 = defaultSize(c);
  const kindThere = m.opts.files.kind(v.source);
  const key = `bind:${v.source.replace(/\/+$/, '')}`;
  const claimed = c.owners.get(key);
  if (claimed !== undefined && claimed !== label) {
    // The same folder, claimed by another service: one claim, mounted by both.
    mounts.push({ volume: bindClaimName(v.source, claimed), mountPath: v.target, ...(v.readOnly ? { readOnly: true } : {}) });
  } else if (kindThere === 'file') {
    const dir = v.target.replace(/\/[^/]*$/, '') || '/';
    files[dir] = { ...files[dir], [v.target.slice(dir.length + (dir === '/' ? 0 : 1))]: m.opts.files.read(v.source) };
  } else if (kind === 'stateful' && out.dataPath === v.target && out.dataVolume === undefined) {
    out.dataVolume = v.source;
    note(`bind mount '${v.source}' at the data directory becomes the data claim; copy existing data in yourself`);
  } else if (SOURCE_TARGETS.has(v.target) || v.target === svc.working_dir) {
    note(`bind mount '${v.source}:${v.target}' is dropped: a source tree (hot reload); the image carries the code`);
  } else if (v.source.startsWith('/')) {
    note(`host path '${v.source}:${v.target}' is dropped: Pod Security "restricted" admits no node paths; put the data in a volume`);
  } else if (v.readOnly || /\.[a-z0-9]+$/i.test(v.source) || v.target.startsWith('/etc/') || v.target === '/docker-entrypoint-initdb.d') {
    note(`bind mount '${v.source}:${v.target}' is dropped: ${kindThere === undefined ? 'nothing is there beside the compose file' : 'a directory'}; bind-mount each configuration file there and import again to mount it from a ConfigMap`);
  } else {
    const volName = bindClaimName(v.source, label);
    c.owners.set(key, label);
    const shared = (c.volumeUsers.get(key) ?? 0) > 1;
    volumes.push({ name: volName, mountPath: v.target, size: normalizeSize(size0 ?? '1Gi'), ...(shared ? { shared: true } : {}) });
    note(`bind mount '${v.source}:${v.target}' becomes claim '${volName}' of ${size0 ?? '1Gi'} (a guess); copy existing content in yourself`);
  }
}

/** The claim a bound folder becomes: its path as a name (`./public/system` -> `public-system`). */
function bindClaimName(source: string, owner: string): string {
  return dnsLabel(source.replace(/^[./~]+/, '').replace(/\/+$/, '') || `${owner}-data`, MAX_SERVICE_NAME);
}

/** Compose configs: files of the ConfigMap (added to `files`), at /<name> unless a target says otherwise. */
export function mapConfigs(svc: Service, c: ServiceContext, files: Record<string, Record<string, string>>): void {
  const { m, note } = c;
  for (const cfg of svc.configs ?? []) {
    const source = String(typeof cfg === 'string' ? cfg : cfg.source);
    const target = String(typeof cfg === 'string' ? `/${cfg}` : cfg.target ?? `/${cfg.source}`);
    const top = c.doc.configs?.[source];
    const content = top?.content !== undefined ? String(top.content)
      : top?.file !== undefined && m.opts.files.kind(String(top.file)) === 'file' ? m.opts.files.read(String(top.file)) : undefined;
    if (content === undefined) {
      note(`config '${source}' is dropped: ${top === undefined ? 'the top-level configs do not declare it' : 'its content is not beside the compose file'}`);
      continue;
    }
    const dir = target.replace(/\/[^/]*$/, '') || '/';
    files[dir] = { ...files[dir], [target.slice(dir.length + (dir === '/' ? 0 : 1))]: content };
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
    if (top.file !== undefined && m.opts.files.kind(String(top.file)) === 'file') {
      m.addCredential(m.opts.files.read(String(top.file)).trim());
    }
    const key = secretKeyOf(source);
    if (!m.secrets.some(k => k.key === key)) {
      m.secrets.push({ key, description: `compose secret '${source}'${top.file === undefined ? '' : ` (file ${top.file})`}${top.environment === undefined ? '' : ` (variable ${top.environment})`}` });
    }
    secretFiles.push({ key, path: target.startsWith('/') ? target : `/run/secrets/${target}` });
  }
  return secretFiles;
}

/** The one ConfigMap directory of a service: the first directory of files; the others are dropped. */
export function filesSpecOf(c: ServiceContext, files: Record<string, Record<string, string>>): FilesSpec | undefined {
  let filesSpec: FilesSpec | undefined;
  for (const [dir, content] of Object.entries(files)) {
    if (dir === '/') {
      c.note(`files ${Object.keys(content).join(', ')} at / are dropped: a ConfigMap directory there would hide the image; give them a target in a directory`);
    } else if (filesSpec === undefined) {
      filesSpec = { mountPath: dir, files: content };
      c.note(`files ${Object.keys(content).join(', ')} are mounted from a ConfigMap as directory ${dir}, which hides the image's other files there`);
    } else {
      c.note(`files ${Object.keys(content).join(', ')} in ${dir} are dropped: one ConfigMap directory per service; move them to ${filesSpec.mountPath}`);
    }
  }
  return filesSpec;
}
