import { STACKS } from '../../charts';
import { isWorkload } from '../../lib/kinds/kubernetes';
import { Profile } from '../../lib/profiles/profile';
import { all, podSpec, synthStack } from '../util';

/** A stack's synthesized objects, reduced to what the seed specifies, for exact comparison. */
export interface StackSummary {
  /** Every object as Kind/name, sorted. */
  readonly objects: string[];
  /** Service name to its ports, `name:port->targetPort`. */
  readonly services: Record<string, string[]>;
  /** Ingress name to `host/path -> service:port`. */
  readonly routes: Record<string, string>;
  /** Workload name to what its init containers wait for, in order. */
  readonly waits: Record<string, string[]>;
  /** Workload name to its readiness probe, `what every Ns timeout Ns xN`. */
  readonly probes: Record<string, string>;
  /** Deployment name to its replicas, or `hpa min-max` when an HPA owns them. */
  readonly replicas: Record<string, number | string>;
}

function describeProbe(p: any): string {
  const what = p.httpGet !== undefined ? `GET :${p.httpGet.port}${p.httpGet.path}`
    : p.exec !== undefined ? `exec ${p.exec.command.join(' ')}`
      : `tcp :${p.tcpSocket.port}`;
  return `${what} every ${p.periodSeconds}s timeout ${p.timeoutSeconds}s x${p.failureThreshold}`;
}

/** Synthesizes a seed stack and summarizes it. */
export function summarize(stack: string, profile: Profile, options?: Record<string, boolean>): StackSummary {
  const objects = synthStack(STACKS.find(s => s.name === stack)!, profile, options);
  const workloads = objects.filter(isWorkload);
  const key = (o: any) => o.metadata.labels['app.kubernetes.io/name'];
  const hpas = all(objects, 'HorizontalPodAutoscaler');
  return {
    objects: objects.map(o => `${o.kind}/${o.metadata.name}`).sort(),
    services: Object.fromEntries(all(objects, 'Service').map(s => [s.metadata.name, s.spec.ports.map((p: any) => `${p.name}:${p.port}->${p.targetPort}`)])),
    routes: Object.fromEntries(all(objects, 'Ingress').map(i => {
      const rule = i.spec.rules[0];
      const path = rule.http.paths[0];
      return [i.metadata.name, `${rule.host}${path.path} -> ${path.backend.service.name}:${path.backend.service.port.number}`];
    })),
    waits: Object.fromEntries(workloads.filter(w => (podSpec(w).initContainers ?? []).length > 0)
      .map(w => [key(w), podSpec(w).initContainers.map((c: any) => /waiting for (\S+)/.exec(c.command[2])![1])])),
    probes: Object.fromEntries(workloads.filter(w => podSpec(w).containers[0].readinessProbe !== undefined)
      .map(w => [key(w), describeProbe(podSpec(w).containers[0].readinessProbe)])),
    replicas: Object.fromEntries(all(objects, 'Deployment').map(d => {
      const hpa = hpas.find(h => h.spec.scaleTargetRef.name === d.metadata.name);
      return [d.metadata.name, hpa === undefined ? d.spec.replicas : `hpa ${hpa.spec.minReplicas}-${hpa.spec.maxReplicas}`];
    })),
  };
}
