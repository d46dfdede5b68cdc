/**
 * What is not carried over: keys refused under Pod Security "restricted"
 * (all reported at once), and keys dropped with a TODO.
 */
import { Mapper, ServiceContext } from './context';
import { Service } from './generated/compose-spec';
import { volumeMounts } from './volumes';

/** Compose keys that have no safe equivalent under Pod Security restricted. */
const REFUSED: ReadonlyArray<[string, (v: any) => boolean, string]> = [
  ['privileged', v => v === true, 'a privileged container controls the node'],
  ['cap_add', v => Array.isArray(v) && v.length > 0, 'every capability is dropped, and none but NET_BIND_SERVICE may be added'],
  ['network_mode', v => v === 'host', 'the host network bypasses NetworkPolicies and exposes every port of the node'],
  ['pid', v => v === 'host', 'the host PID namespace lets the container see and signal every process of the node'],
  ['ipc', v => v === 'host', 'the host IPC namespace shares the node\'s memory segments'],
  ['devices', v => Array.isArray(v) && v.length > 0, "the container would reach the node's hardware"],
];

/** Compose keys dropped with a TODO, and why. */
const DROPPED = [['container_name', 'Kubernetes names the pods'], ['hostname', 'the Service name is the host name'], ['networks', 'NetworkPolicies follow depends_on, links and the addresses in settings'],
  ['logging', 'the cluster collects logs'], ['ulimits', 'not settable per pod'], ['sysctls', 'not admitted under Pod Security "restricted"'],
  ['security_opt', 'pods run with seccomp RuntimeDefault'], ['extra_hosts', 'use DNS'], ['dns', 'cluster DNS'],
  ['stdin_open', 'no terminal'], ['tty', 'no terminal']] as const;

/** Refused keys and container runtime sockets of a service, as problems (unless x-stackport.ignore lists them). */
export function refusals(m: Mapper, name: string, svc: any): void {
  const ignored: string[] = svc?.['x-stackport']?.ignore ?? [];
  const fix = (key: string) => `remove it, leave the service out with --skip-service ${name}, or run without it with x-stackport: { ignore: [${key}] }`;
  for (const [key, applies, why] of REFUSED) {
    if (svc?.[key] !== undefined && applies(svc[key]) && !ignored.includes(key)) {
      m.problems.push(`${m.where(name, key)}: '${key}: ${Array.isArray(svc[key]) ? svc[key].join(', ') : svc[key]}' has no equivalent under Pod Security "restricted" (${why}); ${fix(key)}`);
    }
  }
  for (const [i, v] of volumeMounts(svc ?? {}).entries()) {
    if (/\/(docker|containerd|podman|crio)\.sock$/.test(v.source ?? '') && !ignored.includes('volumes')) {
      m.problems.push(`${m.where(name, 'volumes')}[${i}]: mounting '${v.source}' gives the container control of the node's container runtime; read the Kubernetes API with a ServiceAccount instead, or ${fix('volumes')}`);
    }
  }
}

/** A TODO for each key that is dropped, and for a `network_mode` other than host. */
export function noteDropped(svc: Service, c: ServiceContext): void {
  for (const [key, why] of DROPPED) {
    if (svc[key] !== undefined) {
      c.note(`'${key}' is dropped: ${why}`);
    }
  }
  if (svc.network_mode !== undefined && svc.network_mode !== 'host') {
    c.note(`network_mode '${svc.network_mode}' is dropped: the service runs in its own pod with its own address`);
  }
}
