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
  const restartNo = svc.restart === 'no' || svc.deploy?.restart_policy?.condition === 'none';
  const controller = (labels['kompose.controller.type'] ?? '').toLowerCase();
  const schedule: string | undefined = x.schedule ?? labels['kompose.cronjob.schedule'];
  let kind: Kind = x.kind ?? (schedule !== undefined ? 'cron'
    : controller === 'statefulset' || known?.dataPath !== undefined ? 'stateful'
      : controller === 'job' || ((restartNo || c.completedTargets.has(name)) && portSpecs.length === 0) ? 'job'
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
  if (kind === 'cron' && schedule === undefined) {
    m.problems.push(`${c.where('x-stackport')}.schedule: a cron service needs a schedule; add x-stackport: { schedule: '0 3 * * *' }`);
    return undefined;
  }
  return { kind, schedule };
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
