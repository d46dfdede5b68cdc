import { isIP } from 'net';
import { Profile } from '../profiles/profile';
import { exhaustive } from '../kinds/exhaustive';
import { credentialIn } from './credentials';
import { SIZE } from './quantities';
import { isServiceKind, serviceKind, serviceKindProblems } from './service-kinds';
import { AlertSpec, EnvMap, FilesSpec, HealthCheckSpec, ServiceSpec, StackSpec, STAGES } from './types';

export { cronProblem } from './service-kinds';

/** Every problem found in the specs and profiles, reported together. */
export class ValidationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} found:\n${problems.map(p => `- ${p}`).join('\n')}`);
    this.name = 'ValidationError';
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const CPU = /^([1-9][0-9]*m|[0-9]+(\.[0-9]+)?)$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
/** RFC 1035: what Kubernetes 1.28 requires of Service names (a letter first). */
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const REGISTRY = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
/** Label values and DNS labels. */
const LABEL_MAX = 63;
/**
 * The longest label value built from a service name: `app.kubernetes.io/instance`
 * of its NetworkPolicies, `<stack>-<service>-ingress`.
 */
const serviceInstance = (stack: string, service: string) => `${stack}-${service}-ingress`;
/** The longest label value built from the stack name alone: the instance label of its Secret, `<stack>-<stack>-secrets`. */
const stackInstance = (stack: string) => `${stack}-${stack}-secrets`;

/** Namespaces Kubernetes creates and runs itself: `default` and `kube-*`. */
export const RESERVED_NAMESPACES = /^(default|kube-.*)$/;

/** What a ConfigMap may hold (its data, as stored; Kubernetes refuses objects above 1 MiB). */
export const CONFIG_MAP_MAX_BYTES = 1024 * 1024;

/** The ConfigMap key of a file path below a mount path: `conf.d/site.conf` -> `conf.d_site.conf`. */
export function fileKey(path: string): string {
  return path.replace(/[^-._a-zA-Z0-9]/g, '_');
}
// `$$(` is an escaped `$(`, which Kubernetes does not expand.
const EXPAND_REF = /(?<=(?:^|[^$])(?:\$\$)*)\$\(([^)]*)\)/g;
/** The host of `scheme://host:port` or `user@host:port` in a setting. */
const URL_HOST = /(?:\/\/|@)([a-z0-9-]+):[0-9]+/g;

/**
 * Checks a stack spec before any construct exists and returns every problem,
 * each naming the stack, the service or route, the field, the value and the fix.
 */
export function stackProblems(spec: StackSpec): string[] {
  return stackProblemsWith(spec, { requirePinnedImages: true });
}

/** {@link stackProblems}, where unpinned images may be allowed (profiles with `allowUnpinnedImages`). */
export function stackProblemsWith(spec: StackSpec, checks: { readonly requirePinnedImages: boolean }): string[] {
  const problems: string[] = [];
  const stack = `stack '${spec.name}'`;
  if (!DNS_LABEL.test(spec.name)) {
    problems.push(`${stack}: 'name' must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters), got '${spec.name}'; rename the stack`);
  } else if (RESERVED_NAMESPACES.test(spec.name)) {
    problems.push(`${stack}: 'name' '${spec.name}' is the namespace of the stack, and Kubernetes runs '${spec.name}' itself (a default-deny NetworkPolicy and Pod Security there would stop the cluster's own pods, and removing the stack would delete it); rename the stack`);
  } else if (stackInstance(spec.name).length > LABEL_MAX) {
    problems.push(`${stack}: 'name' is ${spec.name.length} characters, which makes the label value '${stackInstance(spec.name)}' longer than ${LABEL_MAX}; use at most ${(LABEL_MAX - 9) >> 1} characters`);
  }
  const byName = new Map<string, ServiceSpec>();
  for (const svc of spec.services) {
    if (byName.has(svc.name)) {
      problems.push(`${stack}, service '${svc.name}': 'name' is used by more than one service; give each service its own name`);
    }
    byName.set(svc.name, svc);
  }
  const declaredKeys = new Set(spec.secrets.map(s => s.key));
  const usedKeys = new Set<string>();
  const volumes = new Set<string>();
  for (const svc of spec.services) {
    for (const v of svc.volumes ?? []) {
      if (volumes.has(v.name)) {
        problems.push(`${stack}, service '${svc.name}': volume '${v.name}' is declared twice; declare it once and mount it elsewhere with 'mounts'`);
      }
      volumes.add(v.name);
    }
  }
  const routeHosts = new Set(spec.routes.map(r => r.host ?? ''));
  for (const svc of spec.services) {
    problems.push(...serviceProblems(spec, svc, byName, declaredKeys, usedKeys, volumes, routeHosts, checks.requirePinnedImages));
  }
  for (const key of declaredKeys) {
    if (!usedKeys.has(key)) {
      problems.push(`${stack}: secret key '${key}' is declared but no service reads it; remove it from 'secrets'`);
    }
  }
  for (const s of spec.secrets) {
    if (!SECRET_KEY.test(s.key)) {
      problems.push(`${stack}: secret key '${s.key}' must contain only letters, digits, '-', '_' and '.'; rename it`);
    }
  }
  for (const stage of spec.encryptedVolumesIn ?? []) {
    if (!STAGES.includes(stage)) {
      problems.push(`${stack}: 'encryptedVolumesIn' contains '${stage}'; use ${STAGES.map(s => `'${s}'`).join(' or ')}`);
    }
  }
  problems.push(...cycleProblems(spec));
  problems.push(...routeProblems(spec, byName));
  problems.push(...monitoringProblems(spec, byName));
  return problems;
}

/** What a stack asks of the profile it is synthesized for: volumes encrypted at rest where its spec requires them. */
export function placementProblems(spec: StackSpec, profile: Profile): string[] {
  if (!(spec.encryptedVolumesIn ?? []).includes(profile.stage) || profile.volumesEncryptedAtRest) {
    return [];
  }
  return [`stack '${spec.name}': 'encryptedVolumesIn' requires volumes encrypted at rest in stage '${profile.stage}', but profile '${profile.name}' has 'volumesEncryptedAtRest: false'; `
    + `name StorageClasses that encrypt and set it to true in its file in environments/ (README, "A managed cluster"), or remove '${profile.stage}' from 'encryptedVolumesIn' in charts/${spec.name}.ts`];
}

/** Stacks that share a name: each would write over the other's folder and namespace. */
export function duplicateStackProblems(stacks: readonly StackSpec[]): string[] {
  const names = stacks.map(s => s.name);
  return [...new Set(names.filter((n, i) => names.indexOf(n) !== i))]
    .map(n => `stack '${n}': 'name' is used by more than one stack; give each stack its own name`);
}

function serviceProblems(
  spec: StackSpec, svc: ServiceSpec, byName: Map<string, ServiceSpec>, declaredKeys: Set<string>,
  usedKeys: Set<string>, volumes: Set<string>, routeHosts: Set<string>, requirePinnedImages: boolean,
): string[] {
  const problems: string[] = [];
  const at = `stack '${spec.name}', service '${svc.name}'`;
  if (!DNS_LABEL.test(svc.name)) {
    problems.push(`${at}: 'name' must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters), got '${svc.name}'; rename the service`);
  } else {
    problems.push(...nameLengthProblems(spec, svc));
  }
  if (typeof svc.image === 'string') {
    const tag = imageTag(svc.image);
    if (requirePinnedImages && (tag === undefined || tag === 'latest')) {
      problems.push(`${at}: 'image' '${svc.image}' is not pinned; name an exact version tag (for example '${svc.image.replace(/:latest$/, '')}:1.2.3') in charts/${spec.name}.ts, or with x-stackport.image in the compose file it is imported from`);
    }
  } else if (!DNS_LABEL.test(svc.image.build)) {
    problems.push(`${at}: 'image.build' must be a DNS-1123 label, got '${svc.image.build}'; it names the built image`);
  }
  if (svc.user.uid === 0) {
    problems.push(`${at}: 'user.uid' is 0 (root); Pod Security "restricted" admits only non-root pods, so name the image's unprivileged UID`);
  }
  if (svc.option !== undefined && spec.options?.[svc.option] === undefined) {
    problems.push(`${at}: 'option' names '${svc.option}', which the stack's 'options' does not declare; add it to 'options' or remove 'option'`);
  }
  for (const stage of svc.stages ?? []) {
    if (!STAGES.includes(stage)) {
      problems.push(`${at}: 'stages' contains '${stage}'; use ${STAGES.map(s => `'${s}'`).join(' or ')}`);
    }
  }
  if ('ports' in svc) {
    problems.push(...portProblems(at, svc.ports));
  }
  problems.push(...aliasProblems(at, svc, byName));
  const check = 'healthcheck' in svc ? svc.healthcheck : undefined;
  if (check !== undefined) {
    problems.push(...healthProblems(at, check));
  }
  for (const dep of svc.dependsOn ?? []) {
    const target = byName.get(dep.service);
    if (dep.service === svc.name) {
      problems.push(`${at}: 'dependsOn' names the service itself; remove it`);
    } else if (target === undefined) {
      problems.push(`${at}: 'dependsOn' names '${dep.service}', which is not a service of the stack; use one of: ${[...byName.keys()].join(', ')}`);
    } else if (dep.condition === 'completed') {
      if (target.kind !== 'job') {
        problems.push(`${at}: 'dependsOn' waits for '${dep.service}' to complete, but it is a ${target.kind} service, not a job; make '${dep.service}' a job or use condition 'started'`);
      }
    } else if (dep.condition === 'healthy') {
      if (!('ports' in target) && !(target.kind === 'worker' && target.headless === true)) {
        problems.push(`${at}: 'dependsOn' waits for '${dep.service}' to be healthy, but it has no port to check and no headless Service; give '${dep.service}' ports or 'headless: true', or use condition 'started'`);
      } else if (!('healthcheck' in target) || target.healthcheck === undefined) {
        problems.push(`${at}: 'dependsOn' waits for '${dep.service}' to be healthy, but '${dep.service}' has no 'healthcheck'; add one to '${dep.service}' or use condition 'started'`);
      }
    }
  }
  for (const peer of svc.connectsTo ?? []) {
    if (!byName.has(peer)) {
      problems.push(`${at}: 'connectsTo' names '${peer}', which is not a service of the stack; use one of: ${[...byName.keys()].join(', ')}`);
    }
  }
  for (const port of svc.externalPorts ?? []) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      problems.push(`${at}: 'externalPorts' must hold ports between 1 and 65535, got ${port}`);
    }
  }
  const envMaps = allEnvMaps(svc);
  for (const option of Object.keys(svc.envByOption ?? {})) {
    if (spec.options?.[option] === undefined) {
      problems.push(`${at}: 'envByOption' names option '${option}', which the stack's 'options' does not declare; add it to 'options'`);
    }
  }
  // A URL that names another service of the stack needs a network edge, or its NetworkPolicy blocks it.
  const peers = new Set([...(svc.dependsOn ?? []).map(d => d.service), ...(svc.connectsTo ?? [])]);
  for (const [field, map] of envMaps) {
    for (const [name, value] of Object.entries(map ?? {})) {
      const text = typeof value === 'string' ? value : 'expand' in value ? value.expand : '';
      for (const [, host] of text.matchAll(URL_HOST)) {
        if (byName.has(host) && host !== svc.name && !peers.has(host)) {
          problems.push(`${at}: '${field}.${name}' connects to '${host}', which is in neither 'dependsOn' nor 'connectsTo'; add it to 'connectsTo' so the NetworkPolicy allows the connection`);
        }
      }
    }
  }
  const defined = new Set(envMaps.flatMap(([, m]) => Object.entries(m ?? {}).filter(([, v]) => typeof v === 'string' || !('expand' in v)).map(([k]) => k)));
  for (const [field, map] of envMaps) {
    for (const [name, value] of Object.entries(map ?? {})) {
      if (!ENV_NAME.test(name)) {
        problems.push(`${at}: '${field}' has variable '${name}', which is not a valid variable name; use letters, digits, '_', '-' and '.'`);
      }
      if (typeof value === 'string') {
        // The rule of lib/spec/credentials.ts, which the importer and the invariant sweep of dist/ read too.
        const credential = credentialIn(name, value);
        if (credential === 'name') {
          problems.push(`${at}: '${field}.${name}' is a plain value, but its name says it is a credential; declare a key in the stack's 'secrets' and read it with { secret: '<key>' }`);
        } else if (credential === 'url') {
          problems.push(`${at}: '${field}.${name}' writes a password into a URI in plain text; read the password from a secret key and use { expand: 'scheme://user:$(PASSWORD_VARIABLE)@host' }`);
        } else if (credential === 'private-key') {
          problems.push(`${at}: '${field}.${name}' holds a private key in plain text; declare a key in the stack's 'secrets' and read it with { secret: '<key>' }, or mount it with 'secretFiles'`);
        }
        continue;
      }
      if ('secret' in value) {
        usedKeys.add(value.secret);
        if (!declaredKeys.has(value.secret)) {
          problems.push(`${at}: '${field}.${name}' reads secret key '${value.secret}', which the stack's 'secrets' does not declare; add { key: '${value.secret}', description: '...' } to 'secrets'`);
        }
      } else if ('expand' in value) {
        for (const [, ref] of value.expand.matchAll(EXPAND_REF)) {
          if (!defined.has(ref)) {
            problems.push(`${at}: '${field}.${name}' expands $(${ref}), which the service does not define; define ${ref} (a setting or a secret) in its 'env'`);
          }
        }
      } else if (!routeHosts.has(value.publicUrl)) {
        problems.push(`${at}: '${field}.${name}' is the public URL of host '${value.publicUrl}', but no route uses that host; use one of: ${[...routeHosts].map(h => `'${h}'`).join(', ')}`);
      }
    }
  }
  for (const f of svc.secretFiles ?? []) {
    usedKeys.add(f.key);
    if (!declaredKeys.has(f.key)) {
      problems.push(`${at}: 'secretFiles' mounts secret key '${f.key}', which the stack's 'secrets' does not declare; add { key: '${f.key}', description: '...' } to 'secrets'`);
    }
    if (!f.path.startsWith('/')) {
      problems.push(`${at}: 'secretFiles' must hold absolute paths, got '${f.path}'`);
    }
  }
  if (svc.workingDir !== undefined && !svc.workingDir.startsWith('/')) {
    problems.push(`${at}: 'workingDir' must be an absolute path, got '${svc.workingDir}'`);
  }
  for (const path of svc.writablePaths ?? []) {
    if (!path.startsWith('/')) {
      problems.push(`${at}: 'writablePaths' must hold absolute paths, got '${path}'`);
    }
  }
  for (const v of svc.volumes ?? []) {
    if (!SIZE.test(v.size)) {
      problems.push(`${at}: volume '${v.name}' 'size' must be a quantity such as '5Gi' or '512Mi', got '${v.size}'`);
    }
    if (!DNS_LABEL.test(v.name)) {
      problems.push(`${at}: volume 'name' must be a DNS-1123 label, got '${v.name}'`);
    }
  }
  for (const f of svc.files === undefined ? [] : Array.isArray(svc.files) ? svc.files : [svc.files as FilesSpec]) {
    problems.push(...filesProblems(at, f));
  }
  if (svc.shmSize !== undefined && !SIZE.test(svc.shmSize)) {
    problems.push(`${at}: 'shmSize' must be a quantity such as '256Mi' or '1Gi', got '${svc.shmSize}'`);
  }
  for (const m of svc.mounts ?? []) {
    if (!volumes.has(m.volume)) {
      problems.push(`${at}: 'mounts' names volume '${m.volume}', which no service declares; declare it under some service's 'volumes'`);
    }
  }
  if (svc.resources !== undefined) {
    if (!CPU.test(svc.resources.cpu)) {
      problems.push(`${at}: 'resources.cpu' must be a CPU quantity such as '250m' or '1', got '${svc.resources.cpu}'`);
    }
    if (svc.resources.cpuLimit !== undefined && !CPU.test(svc.resources.cpuLimit)) {
      problems.push(`${at}: 'resources.cpuLimit' must be a CPU quantity such as '500m' or '2', got '${svc.resources.cpuLimit}'`);
    }
    if (!SIZE.test(svc.resources.memory)) {
      problems.push(`${at}: 'resources.memory' must be a quantity such as '256Mi' or '1Gi', got '${svc.resources.memory}'`);
    }
    if (svc.resources.memoryRequest !== undefined && !SIZE.test(svc.resources.memoryRequest)) {
      problems.push(`${at}: 'resources.memoryRequest' must be a quantity such as '256Mi' or '1Gi', got '${svc.resources.memoryRequest}'`);
    }
  }
  if (svc.shutdownSeconds !== undefined && !(Number.isInteger(svc.shutdownSeconds) && svc.shutdownSeconds >= 0)) {
    problems.push(`${at}: 'shutdownSeconds' must be a whole number of seconds, 0 or more, got ${svc.shutdownSeconds}`);
  }
  problems.push(...serviceKindProblems(at, svc));
  return problems;
}

/** A set of files: an absolute mount path, relative names that make distinct ConfigMap keys, at most a ConfigMap's size. */
function filesProblems(at: string, f: FilesSpec): string[] {
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

/** Names and label values Kubernetes would refuse, built from the stack and service names. */
function nameLengthProblems(spec: StackSpec, svc: ServiceSpec): string[] {
  const at = `stack '${spec.name}', service '${svc.name}'`;
  const problems: string[] = [];
  const instance = serviceInstance(spec.name, svc.name);
  if (instance.length > LABEL_MAX) {
    problems.push(`${at}: 'name' makes the label value '${instance}' (${instance.length} characters) longer than ${LABEL_MAX}; shorten the service name to at most ${LABEL_MAX - instance.length + svc.name.length} characters or the stack name`);
  }
  const limit = isServiceKind(svc.kind) ? serviceKind(svc).nameLimit : undefined;
  if (limit !== undefined && svc.name.length > limit.max) {
    problems.push(`${at}: 'name' is ${svc.name.length} characters, but ${limit.what} may have at most ${limit.max}; shorten it`);
  }
  if ('ports' in svc && !DNS_1035_LABEL.test(svc.name)) {
    problems.push(`${at}: 'name' names its Service, which must start with a letter (RFC 1035), got '${svc.name}'; rename the service`);
  }
  return problems;
}

/** The characters a value may hold to be pasted into a URI as it is (RFC 3986 "unreserved"). */
export const URL_SAFE = /^[A-Za-z0-9._~-]*$/;

/**
 * The stack's secret keys that some service pastes into a URI
 * (`scheme://user:$(VARIABLE)@host`), in declaration order, each with the
 * variables built from it. Their values must be {@link URL_SAFE}: an `@`, `/`,
 * `:`, `#`, `?` or `%` would break the URI.
 */
export function uriSecretKeys(spec: StackSpec): Map<string, string[]> {
  const uses = new Map<string, Set<string>>();
  for (const svc of spec.services) {
    const maps = allEnvMaps(svc).map(([, m]) => Object.entries(m ?? {}));
    const keyOf = new Map(maps.flat().flatMap(([name, v]) => (typeof v !== 'string' && 'secret' in v ? [[name, v.secret] as const] : [])));
    for (const [name, v] of maps.flat()) {
      if (typeof v !== 'string' && 'expand' in v && v.expand.includes('://')) {
        for (const [, ref] of v.expand.matchAll(EXPAND_REF)) {
          const key = keyOf.get(ref);
          if (key !== undefined) {
            uses.set(key, (uses.get(key) ?? new Set()).add(name));
          }
        }
      }
    }
  }
  return new Map(spec.secrets.filter(s => uses.has(s.key)).map(s => [s.key, [...uses.get(s.key)!].sort()]));
}

/** Every variable map of a service, whatever the stage or options, with its field name. */
export function allEnvMaps(svc: ServiceSpec): Array<[string, EnvMap | undefined]> {
  return [
    ['env', svc.env],
    ...STAGES.map(s => [`envByStage.${s}`, svc.envByStage?.[s]] as [string, EnvMap | undefined]),
    ...Object.entries(svc.envByOption ?? {}).map(([o, m]) => [`envByOption.${o}`, m] as [string, EnvMap]),
  ];
}

/** Aliases are Service names: RFC 1035 labels no service or other alias has, on a service with a Service. */
function aliasProblems(at: string, svc: ServiceSpec, byName: Map<string, ServiceSpec>): string[] {
  const aliases = 'aliases' in svc ? svc.aliases ?? [] : [];
  const problems: string[] = [];
  if (aliases.length > 0 && svc.kind === 'worker' && svc.headless !== true) {
    problems.push(`${at}: 'aliases' name Services, but a worker has a Service only with 'headless: true'; set headless: true or remove 'aliases'`);
  }
  aliases.forEach((alias, i) => {
    if (!DNS_1035_LABEL.test(alias)) {
      problems.push(`${at}: 'aliases[${i}]' must be a DNS label starting with a letter (it names a Service), got '${alias}'; rename the alias`);
    } else if (byName.has(alias) || aliases.indexOf(alias) !== i
      || [...byName.values()].some(other => other !== svc && 'aliases' in other && (other.aliases ?? []).includes(alias))) {
      problems.push(`${at}: 'aliases[${i}]' '${alias}' is already the name of a service or another alias; remove it or rename one of them`);
    }
  });
  return problems;
}

function portProblems(at: string, ports: ReadonlyArray<{ name: string; port: number; targetPort?: number; protocol?: string }>): string[] {
  const problems: string[] = [];
  const numbers = new Set<string>();
  const names = new Set<string>();
  ports.forEach((p, i) => {
    for (const [field, value] of [['port', p.port], ['targetPort', p.targetPort]] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 65535)) {
        problems.push(`${at}: 'ports[${i}].${field}' must be between 1 and 65535, got ${value}`);
      }
    }
    // The same number over TCP and UDP (DNS on 53) is two ports.
    const key = `${p.port}/${p.protocol ?? 'TCP'}`;
    if (numbers.has(key)) {
      problems.push(`${at}: 'ports[${i}].port' ${p.port}${p.protocol === undefined ? '' : `/${p.protocol}`} is listed twice; list each port once`);
    }
    numbers.add(key);
    if (!PORT_NAME.test(p.name)) {
      problems.push(`${at}: 'ports[${i}].name' must be at most 15 lower-case letters, digits and '-', with a letter, got '${p.name}'`);
    }
    if (names.has(p.name)) {
      problems.push(`${at}: 'ports[${i}].name' '${p.name}' is used twice; name each port once`);
    }
    names.add(p.name);
  });
  return problems;
}

function healthProblems(at: string, check: HealthCheckSpec): string[] {
  const problems: string[] = [];
  const fields = [
    ['intervalSeconds', check.intervalSeconds],
    ['timeoutSeconds', check.timeoutSeconds],
    ['retries', check.retries],
    ['startPeriodSeconds', check.startPeriodSeconds],
  ] as const;
  for (const [field, value] of fields) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      problems.push(`${at}: 'healthcheck.${field}' must be a whole number, 1 or more, got ${value}`);
    }
  }
  if ('httpGet' in check.test && !check.test.httpGet.startsWith('/')) {
    problems.push(`${at}: 'healthcheck.test.httpGet' must be a path starting with '/', got '${check.test.httpGet}'`);
  }
  return problems;
}

/** Dependency cycles, each reported once as a -> b -> a. */
function cycleProblems(spec: StackSpec): string[] {
  const edges = new Map(spec.services.map(s => [s.name, (s.dependsOn ?? []).map(d => d.service)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const problems: string[] = [];
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') {
      return;
    }
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      problems.push(`stack '${spec.name}': 'dependsOn' forms a cycle ${cycle.join(' -> ')}; remove one of these dependencies`);
      return;
    }
    state.set(name, 'visiting');
    for (const next of edges.get(name) ?? []) {
      if (edges.has(next) && next !== name) { // a self-dependency is reported on its own
        visit(next, [...path, name]);
      }
    }
    state.set(name, 'done');
  };
  for (const s of spec.services) {
    visit(s.name, []);
  }
  return problems;
}

function routeProblems(spec: StackSpec, byName: Map<string, ServiceSpec>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const names = new Set<string>();
  for (const route of spec.routes) {
    const at = `stack '${spec.name}', route '${route.name}'`;
    if (names.has(route.name)) {
      problems.push(`${at}: 'name' is used by more than one route; give each route its own name`);
    }
    names.add(route.name);
    if (!DNS_LABEL.test(route.name)) {
      problems.push(`${at}: 'name' must be a DNS-1123 label, got '${route.name}'; it names the Ingress`);
    } else if (`${spec.name}-${route.name}`.length > LABEL_MAX) {
      problems.push(`${at}: 'name' makes the label value '${spec.name}-${route.name}' (${spec.name.length + 1 + route.name.length} characters) longer than ${LABEL_MAX}; use at most ${LABEL_MAX - 1 - spec.name.length} characters`);
    }
    if (route.host !== undefined && !DNS_LABEL.test(route.host)) {
      problems.push(`${at}: 'host' must be a DNS-1123 label (it goes in front of the stack's domain), got '${route.host}'`);
    }
    if (!route.path.startsWith('/')) {
      problems.push(`${at}: 'path' must start with '/', got '${route.path}'`);
    }
    const key = `${route.host ?? ''} ${route.path}`;
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push(`${at}: host '${route.host ?? '(stack host)'}' and path '${route.path}' are already routed by route '${other}'; give one of them another host or path`);
    }
    seen.set(key, route.name);
    const target = byName.get(route.service);
    if (target === undefined) {
      problems.push(`${at}: 'service' names '${route.service}', which is not a service of the stack; use one of: ${[...byName.keys()].join(', ')}`);
    } else if (!('ports' in target)) {
      problems.push(`${at}: 'service' names '${route.service}', a ${target.kind} with no port; route to a service with ports`);
    } else if (route.port !== undefined && !target.ports.some(p => p.name === route.port)) {
      problems.push(`${at}: 'port' names '${route.port}', which service '${route.service}' does not have; use one of: ${target.ports.map(p => p.name).join(', ')}`);
    } else if ((target.ports.find(p => p.name === route.port) ?? target.ports[0]).protocol === 'UDP') {
      const tcpPorts = target.ports.filter(p => p.protocol !== 'UDP').map(p => p.name);
      problems.push(`${at}: 'port' is '${(target.ports.find(p => p.name === route.port) ?? target.ports[0]).name}', a UDP port, but a route carries HTTP over TCP; ${tcpPorts.length === 0 ? 'remove the route' : `use one of: ${tcpPorts.join(', ')}`}`);
    }
    if (route.rewrite !== undefined && !REWRITE_PATH.test(route.rewrite)) {
      problems.push(`${at}: 'rewrite' must be a path such as '/' or '/docs' (letters, digits, '-', '.', '_', '~' and '/'), got '${route.rewrite}'`);
    } else if (route.rewrite !== undefined && route.path.replace(/\/$/, '') === '') {
      problems.push(`${at}: 'rewrite' replaces the routed prefix, so 'path' must be longer than '/', got '${route.path}'; route a longer path or drop 'rewrite'`);
    }
    if (route.rateLimit !== undefined && !(route.rateLimit.requestsPerSecond >= 1 && route.rateLimit.burst >= 0)) {
      problems.push(`${at}: 'rateLimit' needs requestsPerSecond of 1 or more and a burst of 0 or more, got ${route.rateLimit.requestsPerSecond} and ${route.rateLimit.burst}`);
    }
    for (const [field, value, pattern, example] of [
      ['proxyBufferSize', route.proxyBufferSize, NGINX_SIZE, '128k'],
      ['proxyBusyBuffersSize', route.proxyBusyBuffersSize, NGINX_SIZE, '256k'],
      ['proxyBuffers', route.proxyBuffers, NGINX_BUFFERS, '4 256k'],
    ] as const) {
      if (value !== undefined && !pattern.test(value)) {
        problems.push(`${at}: '${field}' must be written as nginx writes it, such as '${example}', got '${value}'`);
      }
    }
  }
  return problems;
}

/** The tag of an image reference, or undefined when it has none. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (image.includes('@sha256:')) {
    return 'digest';
  }
  return colon === -1 ? undefined : withoutDigest.slice(colon + 1);
}

/** A route's rewrite: a path ingress-nginx's rewrite-target and Gateway API's URLRewrite both take (no `$`, read as a capture). */
const REWRITE_PATH = /^\/[-._~A-Za-z0-9/]*$/;
/** An nginx size (`128k`, `1m`). */
const NGINX_SIZE = /^[1-9][0-9]*[km]$/;
/** nginx `proxy_buffers`: a number and a size (`4 256k`). */
const NGINX_BUFFERS = /^[1-9][0-9]* [1-9][0-9]*[km]$/;

/** Checks a profile: every problem, each naming the profile, field, value and fix. */
export function profileProblems(profile: Profile): string[] {
  const problems: string[] = [];
  const at = `profile '${profile.name}'`;
  const fix = `; edit its file in environments/`;
  if (!DNS_LABEL.test(profile.name)) {
    problems.push(`${at}: 'name' must be a DNS-1123 label (it names the dist/ folder), got '${profile.name}'${fix}`);
  }
  const tag = tagProblem(profile.imageTag);
  if (tag !== undefined) {
    problems.push(`${at}: 'imageTag' ${tag}; set a version such as '1.4.2' in its file in environments/ or pass IMAGE_TAG`);
  }
  // The longest host is <route host>.<stack>.<domain>: the stack and route host labels are checked with the stacks.
  if (!DNS_SUBDOMAIN.test(profile.domain) || profile.domain.length > 253 - 2 * (LABEL_MAX + 1)) {
    problems.push(`${at}: 'domain' must be a DNS name such as 'example.com' (labels of at most 63 characters, at most ${253 - 2 * (LABEL_MAX + 1)} in all, so that stack and route hosts fit), got '${profile.domain}'${fix}`);
  }
  const names: Array<[string, string | undefined]> = [
    ['tls.clusterIssuer', profile.tls?.clusterIssuer],
    ['storageClassName', profile.storageClassName],
    ['sharedStorageClassName', profile.sharedStorageClassName],
    ['secretStore.name', profile.secretStore?.name],
  ];
  for (const [field, value] of names) {
    if (value !== undefined && !DNS_SUBDOMAIN.test(value)) {
      problems.push(`${at}: '${field}' must be a Kubernetes object name (lower-case letters, digits, '-' and '.', at most 253 characters), got '${value}'${fix}`);
    }
  }
  if (!REGISTRY.test(profile.registry)) {
    problems.push(`${at}: 'registry' must be a registry host and path in lower case, such as 'registry.example.com/team' (no scheme, no tag, no trailing '/'), got '${profile.registry}'${fix}`);
  }
  // Typed as unions, but a profile edited without the compiler (or cast) still reaches synth.
  const choices: Array<[string, string | undefined, readonly string[]]> = [
    ['stage', profile.stage, STAGES],
    ['routing.kind', profile.routing.kind, ['ingress', 'gateway']],
    ['routing.annotations', profile.routing.kind === 'ingress' ? profile.routing.annotations : undefined, ['ingress-nginx', 'none']],
    ['routing.policies', profile.routing.kind === 'gateway' ? profile.routing.policies : undefined, ['envoy-gateway', 'none']],
    ['sharedAccessMode', profile.sharedAccessMode, ['ReadWriteOnce', 'ReadWriteMany']],
    ['imagePullPolicy', profile.imagePullPolicy, ['IfNotPresent', 'Always']],
    ['podSecurity', profile.podSecurity, ['restricted', 'baseline']],
    ['secretStore.kind', profile.secretStore?.kind, ['ClusterSecretStore', 'SecretStore']],
  ];
  for (const [field, value, allowed] of choices) {
    if (value !== undefined && !allowed.includes(value)) {
      problems.push(`${at}: '${field}' must be ${allowed.map(a => `'${a}'`).join(' or ')}, got '${value}'${fix}`);
    }
  }
  if (!isCidr(profile.apiServerCidr)) {
    problems.push(`${at}: 'apiServerCidr' must be an address range such as '10.0.0.0/16' or '0.0.0.0/0', got '${profile.apiServerCidr}'${fix}`);
  }
  for (const [field, r] of [['defaultResources', profile.defaultResources], ['waitResources', profile.waitResources]] as const) {
    if (!CPU.test(r.cpu) || !SIZE.test(r.memory)) {
      problems.push(`${at}: '${field}' must hold quantities such as cpu '100m' and memory '256Mi', got cpu '${r.cpu}' and memory '${r.memory}'`);
    }
  }
  if (typeof profile.volumesEncryptedAtRest !== 'boolean') {
    problems.push(`${at}: 'volumesEncryptedAtRest' must be true or false (whether its StorageClasses encrypt volumes at rest), got ${JSON.stringify(profile.volumesEncryptedAtRest)}${fix}`);
  }
  if (!(Number.isInteger(profile.waitTimeoutSeconds) && profile.waitTimeoutSeconds >= 2)) {
    problems.push(`${at}: 'waitTimeoutSeconds' must be a whole number, 2 or more, got ${profile.waitTimeoutSeconds}`);
  }
  problems.push(...routingProblems(at, fix, profile));
  problems.push(...prometheusOperatorProblems(at, fix, profile));
  problems.push(...tlsProblems(at, fix, profile));
  return problems;
}

/** The profile's TLS: the ACME challenge named, and no field left from before it was. */
function tlsProblems(at: string, fix: string, profile: Profile): string[] {
  const problems: string[] = [];
  // Renamed: a profile copied from an older release (or cast) still reaches synth with it.
  if ('tlsClusterIssuer' in profile) {
    problems.push(`${at}: 'tlsClusterIssuer' is now 'tls: { clusterIssuer, acmeChallenge }'; move the issuer there and name the challenge its solvers use, 'http01' or 'dns01'${fix}`);
  }
  const challenge: unknown = profile.tls?.acmeChallenge;
  if (profile.tls !== undefined && challenge !== 'http01' && challenge !== 'dns01') {
    const got = typeof challenge === 'string' ? `'${challenge}'` : String(challenge);
    problems.push(`${at}: 'tls.acmeChallenge' must be 'http01' (cert-manager's solver pod answers through the data plane on port 80) or 'dns01' (a TXT record at the DNS provider), as the ClusterIssuer '${profile.tls.clusterIssuer}' solves, got ${got}${fix}`);
  }
  return problems;
}

/** A label key (optional DNS prefix, then a name) and value. */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** The profile's routing and data plane: names Kubernetes would refuse, addresses that are no CIDR. */
function routingProblems(at: string, fix: string, profile: Profile): string[] {
  const problems: string[] = [];
  const routing = profile.routing;
  const name = (field: string, value: string, pattern: RegExp, what: string) => {
    if (!pattern.test(value)) {
      problems.push(`${at}: '${field}' must be ${what}, got '${value}'${fix}`);
    }
  };
  if (routing.kind === 'ingress') {
    if (routing.className !== undefined) {
      name('routing.className', routing.className, DNS_SUBDOMAIN, "an IngressClass name such as 'nginx' (or left out for the cluster's default)");
    }
    routing.allowedResponseHeaders.forEach(h => name('routing.allowedResponseHeaders', h, /^[A-Za-z0-9-]+$/, "an HTTP header name such as 'X-Frame-Options'"));
  } else if (routing.kind !== 'gateway' || typeof routing.gateway !== 'object' || routing.gateway === null) {
    // An unknown kind is reported with the other union fields; a gateway routing needs its Gateway.
    if (routing.kind === 'gateway') {
      problems.push(`${at}: 'routing.gateway' must be { className } or { shared: { name, namespace } }, got ${JSON.stringify(routing.gateway)}${fix}`);
    }
  } else if ('className' in routing.gateway) {
    name('routing.gateway.className', routing.gateway.className, DNS_SUBDOMAIN, "a GatewayClass name such as 'eg'");
  } else {
    name('routing.gateway.shared.name', routing.gateway.shared.name, DNS_SUBDOMAIN, "a Gateway name such as 'platform'");
    name('routing.gateway.shared.namespace', routing.gateway.shared.namespace, DNS_LABEL, "a namespace name such as 'gateway-system'");
    if (routing.gateway.shared.listener !== undefined) {
      name('routing.gateway.shared.listener', routing.gateway.shared.listener, DNS_SUBDOMAIN, "a listener name such as 'https'");
    }
  }
  profile.dataPlane.forEach((peer, i) => {
    const field = `dataPlane[${i}]`;
    if ('cidr' in peer) {
      if (!isCidr(peer.cidr)) {
        problems.push(`${at}: '${field}.cidr' must be an IPv4 or IPv6 CIDR such as '172.18.0.0/16', got '${peer.cidr}'${fix}`);
      }
      return;
    }
    if (peer.namespace !== undefined) {
      name(`${field}.namespace`, peer.namespace, DNS_LABEL, "a namespace name such as 'ingress-nginx'");
    }
    for (const [key, value] of Object.entries(peer.podLabels ?? {})) {
      name(`${field}.podLabels`, key, LABEL_KEY, "a label key such as 'app.kubernetes.io/name'");
      name(`${field}.podLabels.${key}`, value, LABEL_VALUE, 'a label value (63 characters at most: letters, digits, - _ .)');
    }
  });
  return problems;
}

/** Why an image tag is not a pinned tag (the rest of a sentence), or undefined when it is one. */
export function tagProblem(tag: string): string | undefined {
  if (tag === 'latest') {
    return `'latest' is not a pinned tag`;
  }
  if (!TAG.test(tag)) {
    return `'${tag}' is not an image tag (1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-')`;
  }
  return undefined;
}

/** An IPv4 or IPv6 address range `address/prefix`. */
function isCidr(text: string): boolean {
  const [address, prefix, ...rest] = text.split('/');
  const family = isIP(address);
  const bits = family === 4 ? 32 : 128;
  return family !== 0 && rest.length === 0 && /^[0-9]{1,3}$/.test(prefix ?? '') && Number(prefix) <= bits;
}

/** Problems of option overrides given for a stack. */
export function optionProblems(spec: StackSpec, overrides: Readonly<Record<string, boolean>>): string[] {
  const known = Object.keys(spec.options ?? {});
  return Object.keys(overrides)
    .filter(o => !known.includes(o))
    .map(o => `stack '${spec.name}': option '${o}' does not exist; use one of: ${known.length === 0 ? '(none)' : known.join(', ')}`);
}

/** The alert kinds of `monitoring.alerts`. */
const ALERT_KINDS: ReadonlyArray<AlertSpec['kind']> = ['unavailable', 'restarts', 'cpu', 'memory', 'error-rate', 'response-time'];

/** The stack's `monitoring`: alert kinds, severities and thresholds, and scrape targets that exist. */
function monitoringProblems(spec: StackSpec, byName: Map<string, ServiceSpec>): string[] {
  const monitoring = spec.monitoring;
  if (monitoring === undefined) {
    return [];
  }
  const at = `stack '${spec.name}'`;
  const problems: string[] = [];
  if ((monitoring.alerts ?? []).length === 0) {
    problems.push(`${at}: 'monitoring.alerts' is empty; list at least one alert, or remove 'monitoring'`);
  }
  const first = new Map<string, number>();
  (monitoring.alerts ?? []).forEach((alert, i) => {
    problems.push(...alertProblems(at, `monitoring.alerts[${i}]`, alert));
    const key = `'${alert.kind}' with severity '${alert.severity}'`;
    if (first.has(key)) {
      problems.push(`${at}: 'monitoring.alerts[${i}]' repeats kind ${key} of 'monitoring.alerts[${first.get(key)}]'; change its severity or remove it`);
    }
    first.set(key, first.get(key) ?? i);
  });
  const scraped = new Set<string>();
  (monitoring.scrape ?? []).forEach((scrape, i) => {
    const field = `monitoring.scrape[${i}]`;
    const target = byName.get(scrape.service);
    if (target === undefined) {
      problems.push(`${at}: '${field}.service' names '${scrape.service}', which is not a service of the stack; use one of: ${[...byName.keys()].join(', ')}`);
    } else if (!('ports' in target)) {
      problems.push(`${at}: '${field}.service' names '${scrape.service}', a ${target.kind} with no port; scrape a service with ports`);
    } else if (!target.ports.some(p => p.name === scrape.port)) {
      problems.push(`${at}: '${field}.port' names '${scrape.port}', which service '${scrape.service}' does not have; use one of: ${target.ports.map(p => p.name).join(', ')}`);
    } else if (target.ports.find(p => p.name === scrape.port)!.protocol === 'UDP') {
      problems.push(`${at}: '${field}.port' is '${scrape.port}', a UDP port, but Prometheus scrapes over TCP; name a TCP port`);
    }
    if (scrape.path !== undefined && !scrape.path.startsWith('/')) {
      problems.push(`${at}: '${field}.path' must start with '/', got '${scrape.path}'`);
    }
    if (scraped.has(scrape.service)) {
      problems.push(`${at}: '${field}.service' names '${scrape.service}' a second time; its ServiceMonitor is named after it, so scrape each service once`);
    }
    scraped.add(scrape.service);
  });
  return problems;
}

/** One alert: a known kind and severity, a `for`, and the thresholds its kind needs. */
function alertProblems(at: string, field: string, alert: AlertSpec): string[] {
  if (!ALERT_KINDS.includes(alert.kind)) {
    return [`${at}: '${field}.kind' must be one of ${ALERT_KINDS.map(k => `'${k}'`).join(', ')}, got '${alert.kind}'`];
  }
  const problems: string[] = [];
  const check = (name: string, value: number, ok: boolean, what: string) => {
    if (!(typeof value === 'number' && ok)) {
      problems.push(`${at}: '${field}.${name}' must be ${what}, got ${value}`);
    }
  };
  if (!['warning', 'critical'].includes(alert.severity)) {
    problems.push(`${at}: '${field}.severity' must be 'warning' or 'critical', got '${alert.severity}'`);
  }
  const whole = (n: number, min: number) => Number.isInteger(n) && n >= min;
  check('forMinutes', alert.forMinutes, whole(alert.forMinutes, 0), 'a whole number of minutes, 0 or more');
  switch (alert.kind) {
    case 'unavailable':
      break;
    case 'restarts':
      check('count', alert.count, whole(alert.count, 1), 'a whole number, 1 or more');
      check('windowMinutes', alert.windowMinutes, whole(alert.windowMinutes, 1), 'a whole number of minutes, 1 or more');
      break;
    case 'cpu':
      check('percentOfRequest', alert.percentOfRequest, alert.percentOfRequest > 0, 'a percentage above 0 (usage may exceed the request)');
      break;
    case 'memory':
      // At 100% of its limit the container is killed: the alert must fire before.
      check('percentOfLimit', alert.percentOfLimit, alert.percentOfLimit > 0 && alert.percentOfLimit < 100, 'a percentage above 0 and below 100');
      break;
    case 'error-rate':
      check('percent', alert.percent, alert.percent > 0 && alert.percent < 100, 'a percentage above 0 and below 100');
      break;
    case 'response-time':
      check('percentile', alert.percentile, alert.percentile > 0 && alert.percentile < 100, 'a percentile above 0 and below 100, such as 95');
      check('seconds', alert.seconds, alert.seconds > 0, 'a number of seconds above 0');
      break;
    default:
      exhaustive(alert, 'alert');
  }
  return problems;
}

/** The profile's Prometheus Operator: label selectors Kubernetes accepts, a namespace, and a known request-metrics source. */
function prometheusOperatorProblems(at: string, fix: string, profile: Profile): string[] {
  const operator = profile.prometheusOperator;
  if (operator === undefined) {
    return [];
  }
  const problems: string[] = [];
  const labelProblems = (field: string, record: Readonly<Record<string, string>>) => {
    for (const [key, value] of Object.entries(record)) {
      if (!LABEL_KEY.test(key)) {
        problems.push(`${at}: '${field}' must hold label keys such as 'release', got '${key}'${fix}`);
      } else if (!LABEL_VALUE.test(value)) {
        problems.push(`${at}: '${field}.${key}' must be a label value (63 characters at most: letters, digits, - _ .), got '${value}'${fix}`);
      }
    }
  };
  labelProblems('prometheusOperator.selectorLabels', operator.selectorLabels);
  if (!DNS_LABEL.test(operator.prometheus.namespace)) {
    problems.push(`${at}: 'prometheusOperator.prometheus.namespace' must be a namespace name such as 'monitoring', got '${operator.prometheus.namespace}'${fix}`);
  }
  labelProblems('prometheusOperator.prometheus.podLabels', operator.prometheus.podLabels);
  const metrics = operator.requestMetrics;
  if (!['ingress-nginx', 'envoy-gateway', 'none'].includes(metrics.kind)) {
    problems.push(`${at}: 'prometheusOperator.requestMetrics.kind' must be 'ingress-nginx', 'envoy-gateway' or 'none', got '${metrics.kind}'${fix}`);
  } else if (metrics.kind === 'ingress-nginx' && !['exported_namespace', 'namespace'].includes(metrics.namespaceLabel)) {
    problems.push(`${at}: 'prometheusOperator.requestMetrics.namespaceLabel' must be 'exported_namespace' (the controller's ServiceMonitor without honorLabels) or 'namespace' (with it), got '${metrics.namespaceLabel}'${fix}`);
  }
  return problems;
}
