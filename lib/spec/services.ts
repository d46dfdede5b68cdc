/** The checks of one service of a stack: its name, image, ports, dependencies, variables, storage and kind. */
import { credentialIn } from './credentials';
import { allEnvMaps, ENV_NAME, EXPAND_REF, URL_HOST } from './env';
import { filesProblems } from './files';
import { imageTag } from './images';
import { hasService, isServiceKind, serviceKind, serviceKindProblems } from './service-kinds';
import { CPU, DNS_1035_LABEL, DNS_LABEL, LABEL_MAX, SIZE } from './syntax';
import { FilesSpec, HealthCheckSpec, ServiceSpec, StackSpec, STAGES } from './types';

const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;

/**
 * The longest label value built from a service name: `app.kubernetes.io/instance`
 * of its NetworkPolicies, `<stack>-<service>-ingress`.
 */
const serviceInstance = (stack: string, service: string) => `${stack}-${service}-ingress`;

/** What the checks of one service read of its stack, and where they record the secret keys it reads. */
export interface StackContext {
  readonly spec: StackSpec;
  readonly byName: Map<string, ServiceSpec>;
  /** The keys of the stack's `secrets`. */
  readonly declaredKeys: Set<string>;
  /** Receives every secret key the service reads. */
  readonly usedKeys: Set<string>;
  /** Every volume some service of the stack declares. */
  readonly volumes: Set<string>;
  /** The hosts of the stack's routes ('' for the stack's own host). */
  readonly routeHosts: Set<string>;
  readonly requirePinnedImages: boolean;
}

/** Every problem of one service, each naming the stack, the service, the field, the value and the fix. */
export function serviceProblems(svc: ServiceSpec, stack: StackContext): string[] {
  const at = `stack '${stack.spec.name}', service '${svc.name}'`;
  const problems = identityProblems(at, svc, stack);
  if ('ports' in svc) {
    problems.push(...portProblems(at, svc.ports));
  }
  problems.push(...aliasProblems(at, svc, stack.byName));
  const check = 'healthcheck' in svc ? svc.healthcheck : undefined;
  if (check !== undefined) {
    problems.push(...healthProblems(at, check));
  }
  problems.push(...dependencyProblems(at, svc, stack));
  problems.push(...envProblems(at, svc, stack));
  problems.push(...secretFileProblems(at, svc, stack));
  problems.push(...storageProblems(at, svc, stack));
  problems.push(...resourceProblems(at, svc));
  problems.push(...serviceKindProblems(at, svc));
  return problems;
}

/** The service's name, image, user, option and stages. */
function identityProblems(at: string, svc: ServiceSpec, { spec, requirePinnedImages }: StackContext): string[] {
  const problems: string[] = [];
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
  return problems;
}

/** What the service waits for and connects to, and the ports it publishes outside the cluster. */
function dependencyProblems(at: string, svc: ServiceSpec, { byName }: StackContext): string[] {
  const problems: string[] = [];
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
      if (!hasService(target)) {
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
  return problems;
}

/** The service's variables: options that exist, connections the NetworkPolicy allows, valid names, no plain credential, secret keys and references that resolve. */
function envProblems(at: string, svc: ServiceSpec, { spec, byName, declaredKeys, usedKeys, routeHosts }: StackContext): string[] {
  const problems: string[] = [];
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
  return problems;
}

/** Secret keys mounted as files: declared, at absolute paths. */
function secretFileProblems(at: string, svc: ServiceSpec, { declaredKeys, usedKeys }: StackContext): string[] {
  const problems: string[] = [];
  for (const f of svc.secretFiles ?? []) {
    usedKeys.add(f.key);
    if (!declaredKeys.has(f.key)) {
      problems.push(`${at}: 'secretFiles' mounts secret key '${f.key}', which the stack's 'secrets' does not declare; add { key: '${f.key}', description: '...' } to 'secrets'`);
    }
    if (!f.path.startsWith('/')) {
      problems.push(`${at}: 'secretFiles' must hold absolute paths, got '${f.path}'`);
    }
  }
  return problems;
}

/** The service's paths, volumes, files, shared memory and mounts. */
function storageProblems(at: string, svc: ServiceSpec, { volumes }: StackContext): string[] {
  const problems: string[] = [];
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
  return problems;
}

/** The service's resources and shutdown time. */
function resourceProblems(at: string, svc: ServiceSpec): string[] {
  const problems: string[] = [];
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
