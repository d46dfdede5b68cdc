/**
 * The kind of a service (web, stateful, worker, job, cron), from x-stackport,
 * kompose's controller labels, the catalog, restart policy and ports.
 */
import { PortSpec, ServiceSpec } from '../spec/types';
import { ServiceContext } from './context';
import { Service } from './generated/compose-spec';

/** kompose labels the importer reads (prefixes). */
const KOMPOSE_LABELS = ['kompose.service.type', 'kompose.service.expose', 'kompose.volume.size', 'kompose.controller.type', 'kompose.cronjob.schedule',
  'kompose.service.healthcheck.readiness.', 'kompose.service.nodeport.port'];

export type Kind = ServiceSpec['kind'];

/** The kind and, for a cron service, its schedule; undefined (with a problem) when neither can be mapped. */
export function mapKind(svc: Service, c: ServiceContext, portSpecs: readonly PortSpec[]): { kind: Kind; schedule: string | undefined } | undefined {
  const { m, name, x, labels, known, note } = c;
  const controller = (labels['kompose.controller.type'] ?? '').toLowerCase();
  const schedule: string | undefined = x.schedule ?? labels['kompose.cronjob.schedule'];
  // Another service waits for it to finish (whatever its ports), or it has no port and is never restarted: one-shot work.
  // Several replicas of one are a long-running pool. `on-failure` alone says nothing: a server that never exits keeps it too.
  const replicated = Number(x.replicas ?? svc.deploy?.replicas ?? svc.scale ?? 1) > 1;
  const oneShot = controller === 'job' || c.completedTargets.has(name) || (neverRestarted(svc) && portSpecs.length === 0 && !replicated);
  let kind: Kind = x.kind ?? (schedule !== undefined ? 'cron'
    : controller === 'statefulset' || known?.dataPath !== undefined ? 'stateful'
      : oneShot ? 'job'
        : portSpecs.length > 0 ? 'web' : 'worker');
  if (!['web', 'stateful', 'worker', 'job', 'cron'].includes(kind)) {
    m.problems.push(`${c.where('x-stackport')}.kind: got '${kind}'; expected one of web, stateful, worker, job, cron`);
    return undefined;
  }
  komposeLabelNotes(c, controller);
  if ((kind === 'web' || kind === 'stateful') && portSpecs.length === 0) {
    note(`x-stackport.kind '${kind}' needs a port; the service has none, so it is a worker`);
    kind = 'worker';
  }
  if (kind === 'job' && x.kind === undefined && portSpecs.length > 0) {
    note(`ports ${portSpecs.map(p => p.port).join(', ')} are not served: it runs once (restart '${svc.restart ?? svc.deploy?.restart_policy?.condition ?? 'no'}'${c.completedTargets.has(name) ? ', and others wait for it to complete' : ''}), as a Job, which has no Service; set x-stackport.kind: web if it is a server`);
  }
  if ((kind === 'web' || kind === 'worker') && x.kind === undefined && restartsOnFailure(svc)) {
    note(`restart '${svc.restart ?? 'on-failure'}': it runs as a Deployment, which also restarts it after it exits successfully; if it is one-shot work that others do not wait for, set x-stackport.kind: job`);
  }
  if (kind === 'cron' && schedule === undefined) {
    m.problems.push(`${c.where('x-stackport')}.schedule: a cron service needs a schedule; add x-stackport: { schedule: '0 3 * * *' }`);
    return undefined;
  }
  return { kind, schedule };
}

/** `restart: "no"` or `deploy.restart_policy.condition: none`: compose never starts it again once it exits. */
function neverRestarted(svc: Service): boolean {
  return svc.restart === 'no' || svc.deploy?.restart_policy?.condition === 'none';
}

/** `restart: on-failure[:N]` or `deploy.restart_policy.condition: on-failure`: restarted only after a failure. */
function restartsOnFailure(svc: Service): boolean {
  return /^on-failure(:[0-9]+)?$/.test(String(svc.restart ?? '')) || svc.deploy?.restart_policy?.condition === 'on-failure';
}

/** The retries of a Job: `restart: on-failure:N` or `deploy.restart_policy.max_attempts`; undefined when compose gives none. */
export function retries(svc: Service): number | undefined {
  const attempts = svc.deploy?.restart_policy?.max_attempts ?? /^on-failure:([0-9]+)$/.exec(String(svc.restart ?? ''))?.[1];
  return attempts === undefined ? undefined : Number(attempts);
}

/** kompose labels that are not used, or used only in part. */
function komposeLabelNotes(c: ServiceContext, controller: string): void {
  const { labels, note } = c;
  for (const key of Object.keys(labels).filter(k => k.startsWith('kompose.') && !KOMPOSE_LABELS.some(l => k.startsWith(l)))) {
    note(`label '${key}' is not used: the profile decides pull policy, storage class and exposure`);
  }
  if (controller === 'daemonset') {
    note('kompose.controller.type daemonset has no equivalent here; it runs as one Deployment');
  }
}
