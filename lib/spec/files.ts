/** Files mounted from a ConfigMap: their keys and their checks. */
import { FilesSpec } from './types';

/** What a ConfigMap may hold (its data, as stored; Kubernetes refuses objects above 1 MiB). */
export const CONFIG_MAP_MAX_BYTES = 1024 * 1024;

/** The ConfigMap key of a file path below a mount path: `conf.d/site.conf` -> `conf.d_site.conf`. */
export function fileKey(path: string): string {
  return path.replace(/[^-._a-zA-Z0-9]/g, '_');
}

/** A set of files: an absolute mount path, relative names that make distinct ConfigMap keys, at most a ConfigMap's size. */
export function filesProblems(at: string, f: FilesSpec): string[] {
  const problems: string[] = [];
  if (!f.mountPath.startsWith('/')) {
    problems.push(`${at}: 'files.mountPath' must be an absolute path, got '${f.mountPath}'`);
  }
  const names = [...Object.keys(f.files), ...Object.keys(f.binaryFiles ?? {})];
  const keys = new Map<string, string>();
  for (const name of names) {
    if (name === '' || name.startsWith('/') || name.split('/').some(part => part === '' || part === '.' || part === '..')) {
      problems.push(`${at}: 'files' of '${f.mountPath}' must name files by a relative path without '.' or '..', got '${name}'`);
    }
    const other = keys.get(fileKey(name));
    if (other !== undefined) {
      problems.push(`${at}: 'files' of '${f.mountPath}' has '${other}' and '${name}', which share the ConfigMap key '${fileKey(name)}'; rename one`);
    }
    keys.set(fileKey(name), name);
  }
  for (const name of (f.executable ?? []).filter(n => !names.includes(n))) {
    problems.push(`${at}: 'executable' of '${f.mountPath}' names '${name}', which is not in its files; name a file of 'files' or 'binaryFiles', or remove it`);
  }
  const bytes = Object.values(f.files).reduce((n, t) => n + Buffer.byteLength(t), 0) + Object.values(f.binaryFiles ?? {}).reduce((n, b) => n + b.length, 0);
  if (bytes > CONFIG_MAP_MAX_BYTES) {
    problems.push(`${at}: 'files' of '${f.mountPath}' hold ${bytes} bytes, more than the ${CONFIG_MAP_MAX_BYTES} a ConfigMap holds; copy the larger files into the image`);
  }
  for (const [name, b64] of Object.entries(f.binaryFiles ?? {})) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) {
      problems.push(`${at}: 'binaryFiles.${name}' of '${f.mountPath}' must be base64, got ${b64.length} characters that are not; encode the file with base64`);
    }
  }
  return problems;
}
