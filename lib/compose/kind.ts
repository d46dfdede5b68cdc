/**
 * The kind of a service (web, stateful, worker, job, cron), from x-stackport,
 * kompose's controller labels, the catalog, restart policy and ports.
 */
import { claimsData } from '../images/knowledge';
import { SERVICE_KIND_NAMES, SERVICE_KINDS } from '../spec/service-kinds';
import { PortSpec, ServiceKind } from '../spec/types';
import { ServiceContext } from './context';
import { Service } from './generated/compose-spec';

/** kompose labels the importer reads (prefixes); the health check labels of liveness are read when neither compose nor readiness labels give one. */
export const KOMPOSE_LABELS = ['kompose.service.type', 'kompose.service.expose', 'kompose.volume.size', 'kompose.controller.type', 'kompose.cronjob.schedule',
  'kompose.service.healthcheck.readiness.', 'kompose.service.healthcheck.liveness.', 'kompose.service.nodeport.port', 'kompose.hpa.replicas.min',
  'kompose.hpa.replicas.max', 'kompose.hpa.cpu'];

/** kompose labels that are not used, each with why and the fix (one TODO per prefix, naming every label of it). */
export const KOMPOSE_DROPPED: ReadonlyArray<[string, string]> = [
  ['kompose.image-pull-secret', 'image pull secrets are a profile matter; give the service account of the namespace the imagePullSecrets, or add them to the pod by hand'],
  ['kompose.image-pull-policy', "the profile's imagePullPolicy decides for every image; set imagePullPolicy in the profile (environments/*.ts)"],
  ['kompose.hpa.memory', 'scaling follows CPU only; set kompose.hpa.cpu or x-stackport cpuUtilization, or add a memory metric to the HorizontalPodAutoscaler by hand'],
  ['kompose.init.containers.', 'no init container is made; run it as a service that runs once and make this one depend on it (depends_on with condition service_completed_successfully)'],
  ['kompose.cronjob.backoff_limit', "a CronJob's run is retried twice (backoffLimit 2); change backoffLimit on the CronJob's job template by hand"],
  ['kompose.cronjob.concurrency_policy', 'a CronJob never starts a run while the last one runs (concurrencyPolicy Forbid); change concurrencyPolicy on the CronJob by hand'],
  ['kompose.volume.storage-class-name', "the profile's storageClassName decides every claim; set storageClassName in the profile (environments/*.ts)"],
  ['kompose.volume.type', 'named volumes become claims, bind mounts files and tmpfs emptyDirs; write the compose volume as the kind you need'],
  ['kompose.service.group', 'each service is its own pod, reaching the others by their Service names; keep the services apart, or add the container to the pod by hand'],
  ['kompose.controller.port.expose', 'the container ports come from compose ports and expose; list the ports to serve there (or x-stackport ports)'],
  ['kompose.security-context.fsgroup', 'the pod\'s fsGroup is its group; set x-stackport gid'],
  ['kompose.serviceaccount-name', 'pods run with the namespace\'s default service account and no API token; bind a ServiceAccount to the pod by hand if it reads the Kubernetes API'],
  ['kompose.volume.sub-path', 'a volume is mounted whole; mount a sub-directory by adding subPath to the mount by hand'],
  ['kompose.volume.selector', 'claims are bound by the storage class, not by labels; bind the claim to its volume by hand'],
  ['kompose.service.external-traffic-policy', 'the Service is ClusterIP; outside clients come through its route (x-stackport host/path)'],
];

export type Kind = ServiceKind;

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
    : controller === 'statefulset' || claimsData(known) ? 'stateful'
      : oneShot ? 'job'
        : portSpecs.length > 0 ? 'web' : 'worker');
  if (!SERVICE_KIND_NAMES.includes(kind)) {
    m.problems.push(`${c.where('x-stackport')}.kind: got '${kind}'; expected one of ${SERVICE_KIND_NAMES.join(', ')}`);
    return undefined;
  }
  komposeLabelNotes(c, controller);
  noteDeployMode(svc, c, kind);
  if (SERVICE_KINDS[kind].servesPorts && portSpecs.length === 0) {
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

/** kompose labels that are not used, or used only in part: a specific TODO for each known one, a general one for the rest. */
function komposeLabelNotes(c: ServiceContext, controller: string): void {
  const { labels, note } = c;
  const unread = Object.keys(labels).filter(k => k.startsWith('kompose.') && !KOMPOSE_LABELS.some(l => k.startsWith(l)));
  for (const [prefix, why] of KOMPOSE_DROPPED) {
    const keys = unread.filter(k => (prefix.endsWith('.') ? k.startsWith(prefix) : k === prefix));
    if (keys.length > 0) {
      note(`label${keys.length === 1 ? '' : 's'} ${keys.map(k => `'${k}: ${labels[k]}'`).join(', ')} ${keys.length === 1 ? 'is' : 'are'} not used: ${why}`);
    }
  }
  for (const key of unread.filter(k => !KOMPOSE_DROPPED.some(([p]) => (p.endsWith('.') ? k.startsWith(p) : k === p)))) {
    note(`label '${key}' is not used: the profile decides pull policy, storage class and exposure`);
  }
  if (controller === 'daemonset') {
    note('kompose.controller.type daemonset has no equivalent here; it runs as one Deployment');
  }
}

/** Swarm's `deploy.mode` other than replicated: a TODO naming what the service runs as here. */
function noteDeployMode(svc: Service, c: ServiceContext, kind: Kind): void {
  const mode = svc.deploy?.mode;
  if (mode === undefined || mode === 'replicated') {
    return;
  }
  const runs = `a ${SERVICE_KINDS[kind].workload}`;
  const why = mode === 'global' ? 'a DaemonSet (one pod per node) has no equivalent here'
    : mode === 'global-job' ? 'a job on every node has no equivalent here' : 'a swarm job runs once to completion; here the restart policy decides';
  const fix = mode === 'global' ? 'set deploy.replicas (or x-stackport replicas) to the number of pods it needs'
    : kind === 'job' ? 'check that it runs once' : 'set x-stackport kind: job if it runs once';
  c.note(`'deploy.mode: ${mode}' is dropped: ${why}; it runs as ${runs}; ${fix}`);
}
