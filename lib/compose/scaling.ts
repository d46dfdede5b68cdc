/**
 * Replicas and autoscaling, resources, the shutdown grace period, and
 * compose profiles (and `deploy.replicas: 0`) as stack options.
 */
import { EnvValue, ResourcesSpec, ScalingSpec } from '../spec/types';
import { ServiceContext } from './context';
import { Service } from './generated/compose-spec';
import { bytesQuantity, cpuQuantity, dnsLabel, durationSeconds, memoryQuantity, quantityBytes, sizeBytes } from './units';

/** The replica count compose or x-stackport gives, and the scaling it becomes (none for one replica). */
export function mapScaling(svc: Service, c: ServiceContext): { replicas: unknown; scaling: ScalingSpec | undefined } {
  const { x } = c;
  const replicas = x.replicas ?? svc.deploy?.replicas ?? svc.scale;
  const scaling: ScalingSpec | undefined = x.minReplicas !== undefined
    ? { minReplicas: Number(x.minReplicas), maxReplicas: Number(x.maxReplicas ?? x.minReplicas), cpuUtilization: Number(x.cpuUtilization ?? 70) }
    : komposeAutoscaling(c) ?? (replicas !== undefined && Number(replicas) > 1 ? { replicas: Number(replicas) } : undefined);
  return { replicas, scaling };
}

/** kompose's HPA labels (`kompose.hpa.replicas.min`, `.max`, `kompose.hpa.cpu`) with kompose's defaults (1, 10, 50%); a value that is no whole number is a problem. */
function komposeAutoscaling(c: ServiceContext): ScalingSpec | undefined {
  const keys = ['kompose.hpa.replicas.min', 'kompose.hpa.replicas.max', 'kompose.hpa.cpu'];
  if (!keys.some(k => c.labels[k] !== undefined)) {
    return undefined;
  }
  const [min, max, cpu] = keys.map((k, i) => {
    const text = c.labels[k];
    const n = Number(text ?? [1, 10, 50][i]);
    if (!Number.isInteger(n) || n < 1) {
      c.m.problems.push(`${c.where('labels')}.${k}: got '${text}'; expected a whole number, 1 or more; write the number`);
    }
    return n;
  });
  return { minReplicas: min, maxReplicas: c.labels[keys[1]] === undefined ? Math.max(min, max) : max, cpuUtilization: cpu };
}

/** `stop_grace_period` in seconds, or the catalog's. */
export function shutdownSeconds(svc: Service, c: ServiceContext): number | undefined {
  return svc.stop_grace_period === undefined ? c.known.shutdownSeconds : durationSeconds(svc.stop_grace_period);
}

/** Optional parts: compose profiles are off unless asked for; so is a service with `deploy.replicas: 0`. The option, if any. */
export function mapOption(svc: Service, c: ServiceContext, replicas: unknown): string | undefined {
  const { m, label, note } = c;
  const profiles: string[] = svc.profiles ?? [];
  const off = replicas !== undefined && Number(replicas) === 0;
  const option = profiles.length > 0 ? dnsLabel(profiles[0]) : off ? label : undefined;
  if (off && profiles.length === 0) {
    note(`deploy.replicas 0: off, as compose leaves it; switch it on with the stack option '${label}'`);
  }
  if (option !== undefined) {
    // On as compose starts it: a profile named in COMPOSE_PROFILES of the env file ('*': every profile).
    const active = m.loaded.activeProfiles;
    m.options[option] = !off && profiles.some(p => active.includes(p) || active.includes('*'));
    if (profiles.length > 1) {
      note(`compose profiles ${profiles.join(', ')}: only '${option}' switches it on here`);
    }
  }
  return option;
}

/** Headroom of a JVM beside its heap: metaspace, threads, buffers, GC. */
const JVM_HEADROOM_BYTES = 256 * 1024 ** 2;
/** A variable that gives a heap size on its own (`HEAP_SIZE=1g`, `MAX_HEAP_SIZE`, neo4j's `..._heap_max__size`). */
const HEAP_VARIABLE = /(^|_)(MAX_)?HEAP(_MAX)?_+SIZE$/i;

/**
 * Memory and CPU: compose's (`deploy.resources`, `mem_limit`, `mem_reservation`,
 * `cpus`, `cpu_shares`); failing a memory limit there, the largest of a JVM
 * heap's floor, the catalog's and the reservation; failing all, the profile's
 * default, with a TODO. A size that does not parse is a problem.
 */
export function mapResources(svc: Service, c: ServiceContext, env: Record<string, EnvValue>, words: readonly string[]): ResourcesSpec | undefined {
  const s = svc as any;
  const r = s.deploy?.resources;
  const limit = memoryOf(c, ['deploy', '.resources.limits.memory', r?.limits?.memory]) ?? memoryOf(c, ['mem_limit', '', s.mem_limit]);
  const request = memoryOf(c, ['deploy', '.resources.reservations.memory', r?.reservations?.memory]) ?? memoryOf(c, ['mem_reservation', '', s.mem_reservation]);
  const cpuLimit = cpusOf(c, ['deploy', '.resources.limits.cpus', r?.limits?.cpus]) ?? cpusOf(c, ['cpus', '', s.cpus]);
  const cpuRequest = cpusOf(c, ['deploy', '.resources.reservations.cpus', r?.reservations?.cpus]) ?? sharesOf(c, s.cpu_shares);
  const heap = jvmHeap(env, words);
  const floor = heap === undefined ? undefined : bytesQuantity(Math.max(heap.bytes * 1.5, heap.bytes + JVM_HEADROOM_BYTES));
  const fromCompose = limit !== undefined || request !== undefined || cpuLimit !== undefined || cpuRequest !== undefined;
  if (!fromCompose && floor === undefined) {
    if (c.known.resources === undefined) {
      c.note(`compose sets no memory limit: the profile's default (defaultResources.memory) applies; set deploy.resources.limits.memory`);
    }
    return c.known.resources;
  }
  const memory = limit ?? largest([floor, c.known.resources?.memory, request]) ?? DEFAULT_MEMORY;
  if (limit === undefined) {
    const why = floor !== undefined && memory === floor ? `the JVM heap (${heap!.text}) plus headroom`
      : memory === c.known.resources?.memory ? 'the catalog\'s for this image' : memory === request ? 'the memory reservation' : 'a default';
    c.note(`compose sets no memory limit: it is ${memory}, ${why}; set deploy.resources.limits.memory`);
  }
  const cpu = cpuRequest ?? cpuLimit ?? c.known.resources?.cpu ?? DEFAULT_CPU;
  if (cpuRequest === undefined && cpuLimit === undefined && c.known.resources === undefined) {
    c.note(`compose sets no CPUs: it requests ${cpu}, a guess; set deploy.resources.reservations.cpus`);
  }
  return {
    cpu, memory,
    ...(request !== undefined && quantityBytes(request) < quantityBytes(memory) ? { memoryRequest: request } : {}),
    ...(cpuLimit === undefined ? {} : { cpuLimit }),
  };
}

/** The memory limit written when compose gives only CPUs and nothing else sizes the service. */
const DEFAULT_MEMORY = '256Mi';
/** The CPU request written when compose gives only memory. */
const DEFAULT_CPU = '100m';

/** The largest of some quantities, if any. */
function largest(qs: ReadonlyArray<string | undefined>): string | undefined {
  const present = qs.filter((q): q is string => q !== undefined);
  return present.length === 0 ? undefined : present.reduce((a, b) => (quantityBytes(b) > quantityBytes(a) ? b : a));
}

/** A compose size as a quantity; a problem naming the field when it does not parse. `at` is [key, rest of the path, value]. */
function memoryOf(c: ServiceContext, [key, rest, value]: [string, string, unknown]): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const q = memoryQuantity(value);
  if (q === undefined) {
    c.m.problems.push(`${c.where(key)}${rest}: got '${value}'; expected a size such as '512m', '1.5g' or '2GiB' (units b, k, m, g, t, with or without i and b); write it with one of those units`);
  }
  return q;
}

/** Compose `cpus` as a quantity; `0` is no limit, as in compose; a problem when it does not parse. */
function cpusOf(c: ServiceContext, [key, rest, value]: [string, string, unknown]): string | undefined {
  if (value === undefined || value === null || Number(value) === 0) {
    return undefined;
  }
  const q = cpuQuantity(value);
  if (q === undefined) {
    c.m.problems.push(`${c.where(key)}${rest}: got '${value}'; expected a number of CPUs such as 0.5 or 2; write the number`);
  }
  return q;
}

/** `cpu_shares` as the request the kubelet would turn into the same weight (1024 shares per CPU). */
function sharesOf(c: ServiceContext, value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const shares = Number(value);
  if (!(Number.isInteger(shares) && shares > 1)) {
    c.m.problems.push(`${c.where('cpu_shares')}: got '${value}'; expected a whole number of shares above 1 (1024 is one CPU's weight); write the number`);
    return undefined;
  }
  const q = `${Math.max(1, Math.round(shares * 1000 / 1024))}m`;
  c.note(`cpu_shares ${shares} is a relative weight in compose; here it requests ${q} of CPU (1024 shares per CPU); set deploy.resources.reservations.cpus`);
  return q;
}

/** The largest JVM heap the settings or the command give (`-Xmx1g` anywhere, or a heap-size variable), if any. */
export function jvmHeap(env: Record<string, EnvValue>, words: readonly string[]): { bytes: number; text: string } | undefined {
  const found: Array<{ bytes: number; text: string }> = [];
  const texts = [...Object.values(env).map(v => (typeof v === 'string' ? v : 'expand' in v ? v.expand : '')), ...words];
  for (const text of texts) {
    for (const [flag, value] of text.matchAll(/-Xmx([0-9]+[kmgt]?)(?![0-9a-z])/gi)) {
      const bytes = sizeBytes(value);
      if (bytes !== undefined) {
        found.push({ bytes, text: flag });
      }
    }
  }
  for (const [name, value] of Object.entries(env)) {
    const bytes = typeof value === 'string' && HEAP_VARIABLE.test(name) ? sizeBytes(value) : undefined;
    if (bytes !== undefined) {
      found.push({ bytes, text: `${name}=${value}` });
    }
  }
  return found.length === 0 ? undefined : found.reduce((a, b) => (b.bytes > a.bytes ? b : a));
}
