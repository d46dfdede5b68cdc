import { Profile } from '../profiles/profile';
import { EnvMap, HealthCheckSpec, ServiceSpec, StackSpec, STAGES } from './types';

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
const SIZE = /^[1-9][0-9]*(Mi|Gi)$/;
const CPU = /^([1-9][0-9]*m|[0-9]+(\.[0-9]+)?)$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const EXPAND_REF = /\$\(([^)]*)\)/g;
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
  problems.push(...cycleProblems(spec));
  problems.push(...routeProblems(spec, byName));
  return problems;
}

function serviceProblems(
  spec: StackSpec, svc: ServiceSpec, byName: Map<string, ServiceSpec>, declaredKeys: Set<string>,
  usedKeys: Set<string>, volumes: Set<string>, routeHosts: Set<string>, requirePinnedImages: boolean,
): string[] {
  const problems: string[] = [];
  const at = `stack '${spec.name}', service '${svc.name}'`;
  if (!DNS_LABEL.test(svc.name)) {
    problems.push(`${at}: 'name' must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters), got '${svc.name}'; rename the service`);
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
      if (target.kind !== 'job' || target.completionCheck === undefined) {
        problems.push(`${at}: 'dependsOn' waits for '${dep.service}' to complete, but it is not a job with a 'completionCheck'; add a completionCheck to '${dep.service}' or use condition 'started'`);
      }
    } else if (dep.condition === 'healthy') {
      if (!('ports' in target)) {
        problems.push(`${at}: 'dependsOn' waits for '${dep.service}' to be healthy, but it has no port to check; depend on a service with ports or use condition 'started'`);
      } else if (target.healthcheck === undefined) {
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
  }
  if (svc.shutdownSeconds !== undefined && !(Number.isInteger(svc.shutdownSeconds) && svc.shutdownSeconds >= 0)) {
    problems.push(`${at}: 'shutdownSeconds' must be a whole number of seconds, 0 or more, got ${svc.shutdownSeconds}`);
  }
  switch (svc.kind) {
    case 'stateful':
      if (!SIZE.test(svc.dataSize)) {
        problems.push(`${at}: 'dataSize' must be a quantity such as '10Gi' or '512Mi', got '${svc.dataSize}'`);
      }
      if (!svc.dataPath.startsWith('/')) {
        problems.push(`${at}: 'dataPath' must be an absolute path, got '${svc.dataPath}'`);
      }
      break;
    case 'web':
    case 'worker':
      if (svc.kind === 'worker' && svc.singleton === true && svc.scaling !== undefined) {
        problems.push(`${at}: set either 'singleton' or 'scaling', not both; a singleton runs exactly one replica`);
      }
      if (svc.scaling !== undefined) {
        problems.push(...scalingProblems(at, svc.scaling));
      }
      break;
    case 'cron': {
      const cron = cronProblem(svc.schedule);
      if (cron !== undefined) {
        problems.push(`${at}: 'schedule' ${cron}`);
      }
      break;
    }
    case 'job':
      if (svc.completionCheck !== undefined && svc.completionCheck.includes('$(')) {
        problems.push(`${at}: 'completionCheck' contains '$(', which Kubernetes would expand as a variable reference; use backticks for command substitution`);
      }
      if (svc.backoffLimit !== undefined && !(Number.isInteger(svc.backoffLimit) && svc.backoffLimit >= 0)) {
        problems.push(`${at}: 'backoffLimit' must be a whole number, 0 or more, got ${svc.backoffLimit}`);
      }
      break;
  }
  return problems;
}

/** Every variable map of a service, whatever the stage or options, with its field name. */
export function allEnvMaps(svc: ServiceSpec): Array<[string, EnvMap | undefined]> {
  return [
    ['env', svc.env],
    ...STAGES.map(s => [`envByStage.${s}`, svc.envByStage?.[s]] as [string, EnvMap | undefined]),
    ...Object.entries(svc.envByOption ?? {}).map(([o, m]) => [`envByOption.${o}`, m] as [string, EnvMap]),
  ];
}

function portProblems(at: string, ports: ReadonlyArray<{ name: string; port: number; targetPort?: number }>): string[] {
  const problems: string[] = [];
  const numbers = new Set<number>();
  const names = new Set<string>();
  ports.forEach((p, i) => {
    for (const [field, value] of [['port', p.port], ['targetPort', p.targetPort]] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 65535)) {
        problems.push(`${at}: 'ports[${i}].${field}' must be between 1 and 65535, got ${value}`);
      }
    }
    if (numbers.has(p.port)) {
      problems.push(`${at}: 'ports[${i}].port' ${p.port} is listed twice; list each port once`);
    }
    numbers.add(p.port);
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

function scalingProblems(at: string, scaling: NonNullable<Extract<ServiceSpec, { kind: 'web' }>['scaling']>): string[] {
  const s = scaling as { replicas?: number; minReplicas?: number; maxReplicas?: number; cpuUtilization?: number };
  if (s.replicas !== undefined && s.minReplicas !== undefined) {
    return [`${at}: set either 'scaling.replicas' or 'scaling.minReplicas'/'maxReplicas', not both`];
  }
  if (s.replicas !== undefined) {
    return Number.isInteger(s.replicas) && s.replicas >= 1 ? [] : [`${at}: 'scaling.replicas' must be a whole number, 1 or more, got ${s.replicas}`];
  }
  const problems: string[] = [];
  if (!(Number.isInteger(s.minReplicas) && s.minReplicas! >= 1)) {
    problems.push(`${at}: 'scaling.minReplicas' must be a whole number, 1 or more, got ${s.minReplicas}`);
  } else if (!(Number.isInteger(s.maxReplicas) && s.maxReplicas! >= s.minReplicas!)) {
    problems.push(`${at}: 'scaling.maxReplicas' (${s.maxReplicas}) must be at least 'scaling.minReplicas' (${s.minReplicas}); raise maxReplicas or lower minReplicas`);
  }
  if (!(Number.isInteger(s.cpuUtilization) && s.cpuUtilization! >= 1 && s.cpuUtilization! <= 100)) {
    problems.push(`${at}: 'scaling.cpuUtilization' must be a percentage between 1 and 100, got ${s.cpuUtilization}`);
  }
  return problems;
}

const CRON_FIELDS: ReadonlyArray<[string, number, number]> = [['minute', 0, 59], ['hour', 0, 23], ['day', 1, 31], ['month', 1, 12], ['weekday', 0, 7]];

/** Why a five-field cron expression does not parse, or undefined when it does. */
export function cronProblem(schedule: string): string | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) {
    return `must be a five-field cron expression (minute hour day month weekday), got '${schedule}'`;
  }
  for (let i = 0; i < 5; i++) {
    const [name, min, max] = CRON_FIELDS[i];
    for (const part of fields[i].split(',')) {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      const values = m === null ? [] : [m[2], m[3]].filter(v => v !== undefined).map(Number);
      const stepOk = m === null || m[4] === undefined || Number(m[4]) >= 1;
      if (m === null || !stepOk || values.some(v => v < min || v > max) || (values.length === 2 && values[0] > values[1])) {
        return `has ${name} field '${part}' in '${schedule}'; use *, a number from ${min} to ${max}, a range a-b, a list a,b or a step */n`;
      }
    }
  }
  return undefined;
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
    }
    if (route.rateLimit !== undefined && !(route.rateLimit.requestsPerSecond >= 1 && route.rateLimit.burst >= 0)) {
      problems.push(`${at}: 'rateLimit' needs requestsPerSecond of 1 or more and a burst of 0 or more, got ${route.rateLimit.requestsPerSecond} and ${route.rateLimit.burst}`);
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

/** Checks a profile: every problem, each naming the profile, field, value and fix. */
export function profileProblems(profile: Profile): string[] {
  const problems: string[] = [];
  const at = `profile '${profile.name}'`;
  if (profile.imageTag === 'latest' || !TAG.test(profile.imageTag)) {
    problems.push(`${at}: 'imageTag' '${profile.imageTag}' is not a pinned tag; set a version tag in lib/profiles or pass IMAGE_TAG`);
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(profile.domain)) {
    problems.push(`${at}: 'domain' must be a DNS name such as 'example.com', got '${profile.domain}'`);
  }
  for (const [field, r] of [['defaultResources', profile.defaultResources], ['waitResources', profile.waitResources]] as const) {
    if (!CPU.test(r.cpu) || !SIZE.test(r.memory)) {
      problems.push(`${at}: '${field}' must hold quantities such as cpu '100m' and memory '256Mi', got cpu '${r.cpu}' and memory '${r.memory}'`);
    }
  }
  if (!(Number.isInteger(profile.waitTimeoutSeconds) && profile.waitTimeoutSeconds >= 2)) {
    problems.push(`${at}: 'waitTimeoutSeconds' must be a whole number, 2 or more, got ${profile.waitTimeoutSeconds}`);
  }
  return problems;
}

/** Problems of option overrides given for a stack. */
export function optionProblems(spec: StackSpec, overrides: Readonly<Record<string, boolean>>): string[] {
  const known = Object.keys(spec.options ?? {});
  return Object.keys(overrides)
    .filter(o => !known.includes(o))
    .map(o => `stack '${spec.name}': option '${o}' does not exist; use one of: ${known.length === 0 ? '(none)' : known.join(', ')}`);
}
