import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DataPlanePeer } from '../profiles/profile';
import { hasService } from '../spec/service-kinds';
import { ServiceSpec } from '../spec/types';
import { StackConstructProps, StackContext } from './context';
import { labels, selectorLabels } from './labels';
import { readsJobStatus } from './pod-template';
import { certificateIssuer } from './routes';

/** The label cert-manager gives every HTTP-01 solver pod it starts. */
export const ACME_SOLVER_LABELS: Readonly<Record<string, string>> = { 'acme.cert-manager.io/http01-solver': 'true' };
/** The port cert-manager's HTTP-01 solver pods listen on. */
export const ACME_SOLVER_PORT = 8089;

/** One allowed connection inside a stack. */
interface Connection {
  readonly from: string;
  readonly to: string;
  /** The target's container ports; none for a headless worker, which is reached on any port. */
  readonly ports: readonly k8s.NetworkPolicyPort[];
}

/**
 * Who connects to whom in this profile: `dependsOn` and `connectsTo` edges
 * between services that exist. Waiting for a Job to complete runs the Job's
 * check, which reaches what the Job reaches.
 */
function connections(context: StackContext): Connection[] {
  const result: Connection[] = [];
  const peersOf = (svc: ServiceSpec): string[] => [...(svc.dependsOn ?? []).map(d => d.service), ...(svc.connectsTo ?? [])];
  for (const svc of context.services) {
    // A Job without a completionCheck is waited for through the API server instead.
    const checked = (svc.dependsOn ?? []).filter(d => d.condition === 'completed').map(d => context.service(d.service))
      .filter(job => job !== undefined && !readsJobStatus(job));
    const peers = [...peersOf(svc), ...checked.flatMap(job => (job === undefined ? [] : peersOf(job)))];
    for (const peer of [...new Set(peers)]) {
      const target = context.service(peer);
      if (target !== undefined && hasService(target)) {
        result.push({ from: svc.name, to: peer, ports: containerPorts(target) });
      }
    }
  }
  return result;
}

function containerPorts(svc: ServiceSpec): k8s.NetworkPolicyPort[] {
  return 'ports' in svc ? svc.ports.map(p => ({ port: k8s.IntOrString.fromNumber(p.targetPort ?? p.port), protocol: p.protocol ?? 'TCP' })) : [];
}

/** A rule's ports: none (every port) for a target without declared ports, as compose allows. */
const portsOf = (e: Connection): { ports?: k8s.NetworkPolicyPort[] } => (e.ports.length === 0 ? {} : { ports: [...e.ports] });

/** A profile's data-plane peer (or its Prometheus) as a NetworkPolicy peer: pods in a namespace (the stack's own by default), or an address range. */
export function dataPlanePeer(peer: DataPlanePeer): k8s.NetworkPolicyPeer {
  if ('cidr' in peer) {
    return { ipBlock: { cidr: peer.cidr } };
  }
  const podSelector = peer.podLabels === undefined ? undefined : { matchLabels: { ...peer.podLabels } };
  return peer.namespace === undefined
    ? { podSelector: podSelector ?? {} }
    : { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } }, podSelector };
}

/** A TCP port of a NetworkPolicy rule. */
export const tcp = (port: number): k8s.NetworkPolicyPort => ({ port: k8s.IntOrString.fromNumber(port), protocol: 'TCP' });
const pods = (name: string): k8s.NetworkPolicyPeer => ({ podSelector: { matchLabels: selectorLabels(name) } });

/**
 * Whether cert-manager proves the stack's hosts with HTTP-01 in the stack's
 * namespace: the profile's challenge is HTTP-01, the stack's own Ingresses or
 * Gateway request the certificates, and at least one route exists here.
 */
function solvesHttp01InNamespace(context: StackContext): boolean {
  return context.profile.tls?.acmeChallenge === 'http01' && certificateIssuer(context.profile) !== undefined
    && context.spec.routes.some(r => context.service(r.service) !== undefined);
}

/**
 * Least-privilege networking for one stack.
 *
 * Creates a default-deny policy for ingress and egress of every pod in the
 * namespace, DNS egress to the cluster DNS, with an HTTP-01 ACME challenge
 * (`tls.acmeChallenge`) an ingress policy admitting the data plane to
 * cert-manager's solver pods on 8089, and per service an ingress policy
 * (from its clients on its ports, and from the profile's data plane, the
 * ingress controller or gateway proxies, where a route targets it) and an egress policy (to the services it connects to, the
 * outside ports it names, and the API server if it reads the API). The edges
 * come from the spec's `dependsOn` and `connectsTo`.
 */
export class StackNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: StackConstructProps) {
    super(scope, id);
    const { context } = props;
    const stack = context.spec.name;
    const meta = (name: string) => ({ name, labels: labels(stack, name, 'network-policy') });
    new k8s.KubeNetworkPolicy(this, 'DefaultDeny', {
      metadata: meta('default-deny'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    new k8s.KubeNetworkPolicy(this, 'AllowDns', {
      metadata: meta('allow-dns'),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{
          to: [{
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          }],
          ports: [{ port: k8s.IntOrString.fromNumber(53), protocol: 'UDP' }, tcp(53)],
        }],
      },
    });

    const dataPlane = context.profile.dataPlane.map(peer => dataPlanePeer(peer));
    if (solvesHttp01InNamespace(context)) {
      // The ACME server and cert-manager's self-check reach the solver through the data plane only; it answers and calls nobody.
      new k8s.KubeNetworkPolicy(this, 'AcmeHttp01Solver', {
        metadata: meta('acme-http01-solver'),
        spec: { podSelector: { matchLabels: { ...ACME_SOLVER_LABELS } }, policyTypes: ['Ingress'], ingress: [{ from: dataPlane, ports: [tcp(ACME_SOLVER_PORT)] }] },
      });
    }

    const edges = connections(context);
    for (const svc of context.services) {
      const ingress: k8s.NetworkPolicyIngressRule[] = edges
        .filter(e => e.to === svc.name)
        .map(e => ({ from: [pods(e.from)], ...portsOf(e) }));
      const routedPorts = context.spec.routes
        .filter(r => r.service === svc.name && 'ports' in svc)
        .map(r => {
          const ports = (svc as Extract<ServiceSpec, { ports: unknown }>).ports;
          const p = ports.find(x => x.name === r.port) ?? ports[0];
          return p.targetPort ?? p.port;
        });
      if (routedPorts.length > 0) {
        ingress.push({ from: dataPlane, ports: [...new Set(routedPorts)].map(tcp) });
      }
      if (ingress.length > 0) {
        new k8s.KubeNetworkPolicy(this, `${svc.name}Ingress`, {
          metadata: meta(`${svc.name}-ingress`),
          spec: { podSelector: { matchLabels: selectorLabels(svc.name) }, policyTypes: ['Ingress'], ingress },
        });
      }

      const egress: k8s.NetworkPolicyEgressRule[] = edges
        .filter(e => e.from === svc.name)
        .map(e => ({ to: [pods(e.to)], ...portsOf(e) }));
      if ((svc.externalPorts ?? []).length > 0) {
        egress.push({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: (svc.externalPorts ?? []).map(tcp) });
      }
      const readsJobs = (svc.dependsOn ?? []).some(d => d.condition === 'completed' && context.service(d.service) !== undefined && readsJobStatus(context.service(d.service)!));
      if (('apiAccess' in svc && svc.apiAccess !== undefined) || readsJobs) {
        // The kubernetes Service (443) forwards to the API server's own port (6443 on most clusters).
        egress.push({ to: [{ ipBlock: { cidr: context.profile.apiServerCidr } }], ports: [tcp(443), tcp(6443)] });
      }
      if (egress.length > 0) {
        new k8s.KubeNetworkPolicy(this, `${svc.name}Egress`, {
          metadata: meta(`${svc.name}-egress`),
          spec: { podSelector: { matchLabels: selectorLabels(svc.name) }, policyTypes: ['Egress'], egress },
        });
      }
    }
  }
}
