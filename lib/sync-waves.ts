import { exhaustive } from './kinds/exhaustive';
import { isWorkload, kindFacts, podTemplateOf, SyncWave, WaveRule } from './kinds/kubernetes';
import { StackSpec } from './spec/types';

export { SyncWave } from './kinds/kubernetes';

/**
 * The annotation Argo CD orders a sync by: it applies one wave at a time, in
 * ascending order, and starts a wave only when every object of the previous
 * one is healthy (a Job: completed).
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
 */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

const serviceOf = (o: any): string | undefined => o.metadata.labels?.['app.kubernetes.io/name'];

/**
 * A workload that waits for one of a later wave (an imported one-shot Job
 * that waits for a web service to be healthy) joins that wave, and so, in
 * turn, do those waiting for it: Argo CD would otherwise wait for the waiter
 * to become healthy before it ever applies what the waiter waits for. The
 * init containers keep the order inside the wave.
 */
function raiseWaiters(objects: readonly any[], spec: StackSpec, waves: Map<any, SyncWave>): void {
  const workload = (name: string) => objects.find(o => isWorkload(o) && serviceOf(o) === name);
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
 * Kinds map to waves by the table of lib/kinds/kubernetes.ts, whose rules need the stack:
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
  const databasePods = objects.filter(o => kindFacts(o.kind)?.wave === SyncWave.DATABASES).map(o => podTemplateOf(o)?.metadata?.labels);
  const waves = new Map<any, SyncWave>();
  const claims: any[] = [];
  for (const o of objects) {
    const rule = kindFacts(o.kind)?.wave;
    if (rule === undefined || rule === 'outside-stacks') {
      throw new Error(`stack '${spec.name}': no sync wave for kind '${o.kind}' (object '${o.metadata.name}'); add the kind to KINDS in lib/kinds/kubernetes.ts`);
    }
    if (rule === 'first-mounter') {
      claims.push(o);
    } else {
      waves.set(o, typeof rule === 'number' ? rule : waveByRule(o, rule, { databasePods, migrations }));
    }
  }
  raiseWaiters(objects, spec, waves);
  for (const claim of claims) {
    const mounters = objects.filter(o => kindFacts(o.kind)?.podsAtOnce === true
      && (podTemplateOf(o).spec.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === claim.metadata.name));
    waves.set(claim, Math.min(SyncWave.ROUTES, ...mounters.map(o => waves.get(o)!)));
  }
  // Keys in byte order, as cdk8s writes them.
  const sorted = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  for (const o of objects) {
    o.metadata = sorted({ ...o.metadata, annotations: sorted({ ...o.metadata.annotations, [SYNC_WAVE]: String(waves.get(o)) }) });
  }
}

/** The wave of an object whose kind's wave depends on the stack (claims, decided last, excepted). */
function waveByRule(o: any, rule: Exclude<WaveRule, 'first-mounter' | 'outside-stacks'>,
  stack: { readonly databasePods: readonly any[]; readonly migrations: ReadonlySet<string> }): SyncWave {
  switch (rule) {
    case 'selected-pods': {
      const selector = Object.entries<string>(o.spec.selector ?? {});
      const database = selector.length > 0 && stack.databasePods.some(l => selector.every(([k, v]) => l?.[k] === v));
      return database ? SyncWave.DATABASES : SyncWave.WORKLOADS;
    }
    case 'awaited':
      return stack.migrations.has(serviceOf(o) ?? '') ? SyncWave.MIGRATIONS : SyncWave.WORKLOADS;
    default:
      return exhaustive(rule, 'sync wave rule');
  }
}
