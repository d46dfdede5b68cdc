/**
 * Replicas and autoscaling, resources, the shutdown grace period, and
 * compose profiles (and `deploy.replicas: 0`) as stack options.
 */
import { ResourcesSpec, ScalingSpec } from '../spec/types';
import { Mapper, ServiceContext } from './context';
import { Service } from './generated/compose-spec';
import { cpuQuantity, dnsLabel, durationSeconds, memoryQuantity } from './units';

/** The replica count compose or x-stackport gives, and the scaling it becomes (none for one replica). */
export function mapScaling(svc: Service, c: ServiceContext): { replicas: unknown; scaling: ScalingSpec | undefined } {
  const { x } = c;
  const replicas = x.replicas ?? svc.deploy?.replicas ?? svc.scale;
  const scaling: ScalingSpec | undefined = x.minReplicas !== undefined
    ? { minReplicas: Number(x.minReplicas), maxReplicas: Number(x.maxReplicas ?? x.minReplicas), cpuUtilization: Number(x.cpuUtilization ?? 70) }
    : replicas !== undefined && Number(replicas) > 1 ? { replicas: Number(replicas) } : undefined;
  return { replicas, scaling };
}

/** `deploy.resources`, or the catalog's. */
export function mapResources(svc: Service, c: ServiceContext): ResourcesSpec | undefined {
  return resourcesOf(c.m, c.label, svc.deploy?.resources) ?? c.known?.resources;
}

/** `stop_grace_period` in seconds, or the catalog's. */
export function shutdownSeconds(svc: Service, c: ServiceContext): number | undefined {
  return svc.stop_grace_period === undefined ? c.known?.shutdownSeconds : durationSeconds(svc.stop_grace_period);
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
    m.options[option] = false;
    if (profiles.length > 1) {
      note(`compose profiles ${profiles.join(', ')}: only '${option}' switches it on here`);
    }
  }
  return option;
}

function resourcesOf(m: Mapper, label: string, r: any): ResourcesSpec | undefined {
  if (r === undefined) {
    return undefined;
  }
  const memory = memoryQuantity(r.limits?.memory ?? r.reservations?.memory);
  const cpu = cpuQuantity(r.reservations?.cpus ?? r.limits?.cpus);
  const cpuLimit = cpuQuantity(r.limits?.cpus);
  if (memory === undefined || cpu === undefined) {
    m.todos.push(`service '${label}': deploy.resources gives ${memory === undefined ? 'no memory' : 'no cpus'}; ${memory === undefined ? 'memory 256Mi' : 'cpu 100m'} is a guess`);
  }
  return { cpu: cpu ?? '100m', memory: memory ?? '256Mi', ...(cpuLimit === undefined ? {} : { cpuLimit }) };
}
