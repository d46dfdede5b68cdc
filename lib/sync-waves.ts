import { StackSpec } from './spec/types';

/**
 * The annotation Argo CD orders a sync by: it applies one wave at a time, in
 * ascending order, and starts a wave only when every object of the previous
 * one is healthy (a Job: completed).
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
 */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** The sync waves of a stack, in the order Argo CD applies them. */
export enum SyncWave {
  /** The Namespace everything else lives in. */
  NAMESPACE = 0,
  /** What pods refer to or are confined by: service accounts, RBAC, settings, secrets, NetworkPolicies. */
  SETTINGS = 1,
  /** StatefulSets and the Services that select their pods. */
  DATABASES = 2,
  /** Jobs that some service waits for with condition `completed` (migrations). */
  MIGRATIONS = 3,
  /** Every other workload, with its Services. */
  WORKLOADS = 4,
  /**
   * Routes (Ingresses, Gateway API objects), once there is something to serve them, and
   * autoscalers, disruption budgets, alerts and ServiceMonitors. Argo CD does not wait for the health of the last
   * wave, and an HPA is Degraded to it until the pods report metrics.
   */
  ROUTES = 5,
}

const BY_KIND: Readonly<Record<string, SyncWave>> = {
  Namespace: SyncWave.NAMESPACE,
  ServiceAccount: SyncWave.SETTINGS, Role: SyncWave.SETTINGS, RoleBinding: SyncWave.SETTINGS, ConfigMap: SyncWave.SETTINGS,
  Secret: SyncWave.SETTINGS, ExternalSecret: SyncWave.SETTINGS, NetworkPolicy: SyncWave.SETTINGS,
  StatefulSet: SyncWave.DATABASES,
  Deployment: SyncWave.WORKLOADS, CronJob: SyncWave.WORKLOADS,
  HorizontalPodAutoscaler: SyncWave.ROUTES, PodDisruptionBudget: SyncWave.ROUTES,
  Ingress: SyncWave.ROUTES, Gateway: SyncWave.ROUTES, HTTPRoute: SyncWave.ROUTES, GRPCRoute: SyncWave.ROUTES, ReferenceGrant: SyncWave.ROUTES,
  BackendTrafficPolicy: SyncWave.ROUTES, ClientTrafficPolicy: SyncWave.ROUTES,
  // They watch the workloads, so they come after them, with the routes.
  PrometheusRule: SyncWave.ROUTES, ServiceMonitor: SyncWave.ROUTES,
};

/** Kinds whose pods exist as soon as the object does (a CronJob's only when its schedule fires). */
const POD_CREATORS = ['Deployment', 'StatefulSet', 'Job'];

const serviceOf = (o: any): string | undefined => o.metadata.labels?.['app.kubernetes.io/name'];

/**
 * A workload that waits for one of a later wave (an imported one-shot Job
 * that waits for a web service to be healthy) joins that wave, and so, in
 * turn, do those waiting for it: Argo CD would otherwise wait for the waiter
 * to become healthy before it ever applies what the waiter waits for. The
 * init containers keep the order inside the wave.
 */
function raiseWaiters(objects: readonly any[], spec: StackSpec, waves: Map<any, SyncWave>): void {
  const workload = (name: string) => objects.find(o => [...POD_CREATORS, 'CronJob'].includes(o.kind) && serviceOf(o) === name);
  for (let changed = true; changed;) {
    changed = false;
    for (const svc of spec.services) {
      for (const dep of (svc.dependsOn ?? []).filter(d => d.condition !== 'started')) {
        const [waiter, awaited] = [workload(svc.name), workload(dep.service)];
        if (waiter !== undefined && awaited !== undefined && waves.get(awaited)! > waves.get(waiter)!) {
          waves.set(waiter, waves.get(awaited)!);
          changed = true;
        }
      }
    }
  }
}

/**
 * Annotates every object of one rendered stack with its {@link SYNC_WAVE}, in place.
 *
 * Kinds map to waves by {@link SyncWave}, with three rules that need the stack:
 * a Service joins the wave of the StatefulSet it selects; a Job joins
 * MIGRATIONS when a service of `spec` waits for it with condition `completed`;
 * a PersistentVolumeClaim joins the wave of the first workload that mounts it,
 * because with a `WaitForFirstConsumer` storage class it stays Pending (not
 * healthy, for Argo CD) until a pod uses it, and an earlier wave would wait
 * for it forever (argoproj/argo-cd#12840); a claim only CronJobs mount goes
 * last, where nothing waits for it. A workload that waits for one of a later
 * wave joins that wave. Only metadata changes, so Job names, which hash the
 * spec, are the same before and after.
 *
 * Throws on a kind with no wave.
 */
export function addSyncWaves(objects: readonly any[], spec: StackSpec): void {
  const migrations = new Set(spec.services.flatMap(s => (s.dependsOn ?? []).filter(d => d.condition === 'completed').map(d => d.service)));
  const podLabels = objects.filter(o => o.kind === 'StatefulSet').map(o => o.spec.template.metadata.labels);
  const waves = new Map<any, SyncWave>();
  for (const o of objects) {
    if (o.kind === 'Service') {
      const selector = Object.entries<string>(o.spec.selector ?? {});
      const database = selector.length > 0 && podLabels.some(l => selector.every(([k, v]) => l?.[k] === v));
      waves.set(o, database ? SyncWave.DATABASES : SyncWave.WORKLOADS);
    } else if (o.kind === 'Job') {
      waves.set(o, migrations.has(serviceOf(o) ?? '') ? SyncWave.MIGRATIONS : SyncWave.WORKLOADS);
    } else if (o.kind !== 'PersistentVolumeClaim') {
      const wave = BY_KIND[o.kind];
      if (wave === undefined) {
        throw new Error(`stack '${spec.name}': no sync wave for kind '${o.kind}' (object '${o.metadata.name}'); add the kind to BY_KIND in lib/sync-waves.ts`);
      }
      waves.set(o, wave);
    }
  }
  raiseWaiters(objects, spec, waves);
  for (const claim of objects.filter(o => o.kind === 'PersistentVolumeClaim')) {
    const mounters = objects.filter(o => POD_CREATORS.includes(o.kind)
      && (o.spec.template.spec.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === claim.metadata.name));
    waves.set(claim, Math.min(SyncWave.ROUTES, ...mounters.map(o => waves.get(o)!)));
  }
  // Keys in byte order, as cdk8s writes them.
  const sorted = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  for (const o of objects) {
    o.metadata = sorted({ ...o.metadata, annotations: sorted({ ...o.metadata.annotations, [SYNC_WAVE]: String(waves.get(o)) }) });
  }
}
