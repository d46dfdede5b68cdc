/**
 * The registry of service kinds, spec side: for each `kind` of
 * {@link ServiceSpec}, what it becomes, the Kubernetes kind its pods run in,
 * how it behaves (it serves ports, it runs once), the limit on its name and
 * the checks of its own fields. The construct side is lib/constructs/registry.ts
 * (lib/spec must not import lib/constructs, which imports lib/spec).
 *
 * Adding a kind: its spec interface and union member in types.ts, an entry
 * here, a construct file and its line in lib/constructs/registry.ts; the
 * compiler then lists every `switch` that needs a case (each ends in
 * {@link exhaustive}).
 */
import { WorkloadKind } from '../kinds/kubernetes';
import { SIZE } from './syntax';
import { ScalingSpec, ServiceKind, ServiceOfKind, ServiceSpec } from './types';

/** What the registry knows of one kind of service, whose spec is `S`. */
export interface ServiceKindFacts<S extends ServiceSpec> {
  /** What it becomes, as the import summary prints it (`service 'api' -> Deployment + Service`). */
  readonly summary: string;
  /** The Kubernetes kind its pods run in. */
  readonly workload: WorkloadKind;
  /** It serves the `ports` of its spec through a Service named after it. */
  readonly servesPorts: boolean;
  /** It runs to completion: no readiness to wait for, no Service. */
  readonly runsOnce: boolean;
  /**
   * The longest name it may have, and what the name becomes that sets the limit.
   *
   * @default - the 63 characters of a label value (checked for every service)
   */
  readonly nameLimit?: { readonly max: number; readonly what: string };
  /** The problems of the fields of its own kind, each prefixed with `at`. */
  readonly problems: (at: string, svc: S) => string[];
}

/** Every kind of service, in the order messages list them. */
export const SERVICE_KINDS: { readonly [K in ServiceKind]: ServiceKindFacts<ServiceOfKind<K>> } = {
  web: {
    summary: 'Deployment + Service',
    workload: 'Deployment',
    servesPorts: true,
    runsOnce: false,
    problems: (at, svc) => (svc.scaling === undefined ? [] : scalingProblems(at, svc.scaling)),
  },
  stateful: {
    summary: 'StatefulSet + headless Service',
    workload: 'StatefulSet',
    servesPorts: true,
    runsOnce: false,
    // Its pods carry the label `controller-revision-hash: <name>-<10-character hash>`.
    nameLimit: { max: 52, what: 'a StatefulSet name (its pods get a 10-character revision hash in a label)' },
    problems: (at, svc) => [
      ...(SIZE.test(svc.dataSize) ? [] : [`${at}: 'dataSize' must be a quantity such as '10Gi' or '512Mi', got '${svc.dataSize}'`]),
      ...(svc.dataPath.startsWith('/') ? [] : [`${at}: 'dataPath' must be an absolute path, got '${svc.dataPath}'`]),
    ],
  },
  worker: {
    summary: 'Deployment',
    workload: 'Deployment',
    servesPorts: false,
    runsOnce: false,
    problems: (at, svc) => [
      ...(svc.singleton === true && svc.scaling !== undefined ? [`${at}: set either 'singleton' or 'scaling', not both; a singleton runs exactly one replica`] : []),
      ...(svc.scaling === undefined ? [] : scalingProblems(at, svc.scaling)),
    ],
  },
  job: {
    summary: 'Job',
    workload: 'Job',
    servesPorts: false,
    runsOnce: true,
    // Synthesis appends `-<8-character hash>`, and the name becomes the `job-name` label of its pods.
    nameLimit: { max: 63 - 9, what: 'a Job name (synthesis appends a 9-character hash)' },
    problems: (at, svc) => [
      ...(svc.completionCheck !== undefined && svc.completionCheck.includes('$(')
        ? [`${at}: 'completionCheck' contains '$(', which Kubernetes would expand as a variable reference; use backticks for command substitution`] : []),
      ...(svc.backoffLimit !== undefined && !(Number.isInteger(svc.backoffLimit) && svc.backoffLimit >= 0)
        ? [`${at}: 'backoffLimit' must be a whole number, 0 or more, got ${svc.backoffLimit}`] : []),
    ],
  },
  cron: {
    summary: 'CronJob',
    workload: 'CronJob',
    servesPorts: false,
    runsOnce: true,
    // The controller appends an 11-character suffix to it for each Job.
    nameLimit: { max: 52, what: 'a CronJob name' },
    problems: (at, svc) => {
      const cron = cronProblem(svc.schedule);
      return cron === undefined ? [] : [`${at}: 'schedule' ${cron}`];
    },
  },
};

/** The kinds of service, in registry order. */
export const SERVICE_KIND_NAMES = Object.keys(SERVICE_KINDS) as ServiceKind[];

/** Whether `kind` is a kind of the registry (a chart in plain JavaScript may name any). */
export function isServiceKind(kind: string): kind is ServiceKind {
  return (SERVICE_KIND_NAMES as readonly string[]).includes(kind);
}

/** The registry entry of a service's kind; throws, naming the kinds, on one the registry lacks. */
export function serviceKind<S extends ServiceSpec>(svc: S): ServiceKindFacts<S> {
  if (!isServiceKind(svc.kind)) {
    throw new Error(`service '${svc.name}': unknown kind '${String(svc.kind)}'; use one of ${SERVICE_KIND_NAMES.join(', ')}, or add the kind to SERVICE_KINDS in lib/spec/service-kinds.ts`);
  }
  // The one cast: TypeScript cannot correlate `svc.kind` with the entry it picks.
  return SERVICE_KINDS[svc.kind] as unknown as ServiceKindFacts<S>;
}

/** Whether other services reach it through a Service: it serves ports, or it is a worker with a headless Service. */
export function hasService(svc: ServiceSpec): boolean {
  return 'ports' in svc || (svc.kind === 'worker' && svc.headless === true);
}

/** The problems of the fields of a service's own kind (an unknown kind is one). */
export function serviceKindProblems(at: string, svc: ServiceSpec): string[] {
  if (!isServiceKind(svc.kind)) {
    return [`${at}: 'kind' must be one of ${SERVICE_KIND_NAMES.join(', ')}, got '${String(svc.kind)}'`];
  }
  return serviceKind(svc).problems(at, svc);
}

function scalingProblems(at: string, scaling: ScalingSpec): string[] {
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
