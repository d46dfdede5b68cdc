/**
 * Reachability computed from the synthesized NetworkPolicies alone, and the
 * rules every stack's policies follow; shared by test/network.test.ts and the
 * imported compose fixtures.
 */
import { ENVIRONMENTS } from '../../environments';
import { isWorkload, podTemplateOf } from '../../lib/kinds/kubernetes';
import { RenderedStack } from '../../lib/output';
import { StackSpec } from '../../lib/spec/types';
import { all, podSpec } from '../util';

interface Pod { readonly name: string; readonly labels: Record<string, string>; readonly ports: number[] }

/**
 * A client the stack's objects do not create: a pod of another namespace (an
 * ingress controller, a gateway proxy), a pod of the stack's own namespace
 * (proxies beside a stack-owned Gateway), or an address outside the cluster
 * (a cloud load balancer's proxy).
 */
export interface Client {
  readonly name: string;
  /** Its namespace. @default - the stack's own: its egress is then held by the stack's policies too */
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  /** The IPv4 address it connects from, for address-range peers. */
  readonly ip?: string;
}

/** What {@link reachability} models beside the stack's own workloads. */
export interface ClusterModel {
  /**
   * cert-manager's HTTP-01 solver pod, as cert-manager starts it in the
   * Certificate's namespace (the stack's): shown as `acme-http01-solver:8089`.
   */
  readonly acmeSolver?: boolean;
  /** Clients whose connections into the stack the table also shows. */
  readonly clients?: readonly Client[];
}

/** cert-manager's solver pod: the labels it sets (pkg/issuer/acme/http/pod.go) and its listen port. */
const ACME_SOLVER: Pod = {
  name: 'acme-http01-solver',
  labels: { 'acme.cert-manager.io/http01-solver': 'true', 'acme.cert-manager.io/http-domain': '1234567', 'acme.cert-manager.io/http-token': '7654321' },
  ports: [8089],
};

const matches = (selector: any, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

const ipv4 = (text: string): number | undefined => {
  const parts = text.split('.').map(Number);
  return parts.length === 4 && parts.every(n => Number.isInteger(n) && n >= 0 && n <= 255) ? parts.reduce((a, n) => a * 256 + n, 0) : undefined;
};
const inCidr = (ip: string, cidr: string): boolean => {
  const [base, bits] = cidr.split('/');
  const [a, b] = [ipv4(ip), ipv4(base)];
  const size = 2 ** (32 - Number(bits));
  return a !== undefined && b !== undefined && Math.floor(a / size) === Math.floor(b / size);
};

/** Whether a policy peer selects a client from outside the stack's namespace (by namespace and pod labels, or by address). */
function peerSelectsOutsider(peer: any, client: Client): boolean {
  if (peer.ipBlock !== undefined) {
    return client.ip !== undefined && inCidr(client.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c: string) => inCidr(client.ip!, c));
  }
  return peer.namespaceSelector !== undefined && client.namespace !== undefined
    && matches(peer.namespaceSelector, { 'kubernetes.io/metadata.name': client.namespace })
    && (peer.podSelector === undefined || matches(peer.podSelector, client.labels ?? {}));
}

const portAdmitted = (rule: any, port: number) => rule.ports === undefined || rule.ports.some((p: any) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');

/** Whether a policy rule's peers and ports admit this pod and port (pod peers only: same namespace). */
function ruleAdmits(rule: any, peers: any[] | undefined, pod: Pod, port: number): boolean {
  const peerOk = peers === undefined || peers.some(p => p.podSelector !== undefined && p.namespaceSelector === undefined && p.ipBlock === undefined && matches(p.podSelector, pod.labels));
  return portAdmitted(rule, port) && peerOk;
}

function allowed(policies: any[], from: Pod, to: Pod, port: number): boolean {
  const egress = policies.filter(p => p.spec.policyTypes.includes('Egress') && matches(p.spec.podSelector, from.labels));
  const ingress = policies.filter(p => p.spec.policyTypes.includes('Ingress') && matches(p.spec.podSelector, to.labels));
  const out = egress.length === 0 || egress.some(p => (p.spec.egress ?? []).some((r: any) => ruleAdmits(r, r.to, to, port)));
  const inn = ingress.length === 0 || ingress.some(p => (p.spec.ingress ?? []).some((r: any) => ruleAdmits(r, r.from, from, port)));
  return out && inn;
}

/** Whether the stack's ingress policies admit a client from outside its namespace (whose own egress is its namespace's matter). */
function admitsOutsider(policies: any[], client: Client, to: Pod, port: number): boolean {
  const ingress = policies.filter(p => p.spec.policyTypes.includes('Ingress') && matches(p.spec.podSelector, to.labels));
  return ingress.length === 0 || ingress.some(p => (p.spec.ingress ?? []).some((r: any) =>
    portAdmitted(r, port) && (r.from === undefined || r.from.some((peer: any) => peerSelectsOutsider(peer, client)))));
}

/**
 * Every connection the stack's NetworkPolicies allow, as `from -> to:port`:
 * between its workloads, to cert-manager's HTTP-01 solver pod when modelled,
 * and from the model's clients.
 */
export function reachability(objects: readonly any[], model: ClusterModel = {}): string[] {
  const pods: Pod[] = objects.filter(isWorkload).map(o => {
    const spec = podSpec(o);
    const template = podTemplateOf(o);
    return {
      name: template.metadata.labels['app.kubernetes.io/name'],
      labels: template.metadata.labels,
      ports: spec.containers.flatMap((c: any) => (c.ports ?? []).map((p: any) => p.containerPort)),
    };
  });
  if (model.acmeSolver === true) {
    pods.push(ACME_SOLVER);
  }
  const policies = all(objects, 'NetworkPolicy');
  const clients = model.clients ?? [];
  // A client in the stack's namespace is one more of its pods, held by its egress policies as well.
  const neighbours: Pod[] = clients.filter(c => c.namespace === undefined && c.ip === undefined).map(c => ({ name: c.name, labels: c.labels ?? {}, ports: [] }));
  const outsiders = clients.filter(c => c.namespace !== undefined || c.ip !== undefined);
  const table: string[] = [];
  for (const to of pods) {
    for (const port of to.ports) {
      for (const from of [...pods, ...neighbours]) {
        if (from !== to && allowed(policies, from, to, port)) {
          table.push(`${from.name} -> ${to.name}:${port}`);
        }
      }
      for (const client of outsiders) {
        if (admitsOutsider(policies, client, to, port)) {
          table.push(`${client.name} -> ${to.name}:${port}`);
        }
      }
    }
  }
  return table.sort();
}

/** The rows of a reachability table that reach cert-manager's HTTP-01 solver pod. */
export const toAcmeSolver = (table: readonly string[]): string[] => table.filter(row => row.includes(' -> acme-http01-solver:'));

/** Whether a NetworkPolicy selects cert-manager's HTTP-01 solver pods rather than a service of the stack. */
export const selectsAcmeSolver = (policy: any): boolean => policy.spec.podSelector.matchLabels?.['acme.cert-manager.io/http01-solver'] === 'true';

/** The ingress-nginx controller pod, as its Helm chart labels it. */
export const INGRESS_NGINX_POD: Client = {
  name: 'ingress-nginx', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
};

/** The stack's policies deny all ingress and egress by default and allow DNS to the cluster DNS only. */
function expectDefaultDenyAndDns(objects: readonly any[]): void {
  const policies = all(objects, 'NetworkPolicy');
  expect(policies.find(p => p.metadata.name === 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  expect(policies.find(p => p.metadata.name === 'allow-dns').spec.egress).toEqual([{
    to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
  }]);
}

/**
 * For each production stack: exactly the intended connections (none to
 * cert-manager's HTTP-01 solver), default deny, DNS, and the ingress
 * controller to routed services and the solver only.
 */
export function networkSweep(rendered: readonly RenderedStack[], intended: Readonly<Record<string, readonly string[]>>): void {
  describe.each(rendered.filter(r => r.environment === 'production').map(r => [r.stack, r] as const))('%s network policies', (stack, r) => {
    // Stacks without a hand-written table get the general rules only.
    if (intended[stack] !== undefined) {
      test('allow exactly the connections the seed intends, and nothing more', () => {
        expect(reachability(r.objects, { acmeSolver: true })).toEqual([...intended[stack]].sort());
      });
    }

    test('deny all ingress and egress by default and allow DNS to the cluster DNS only', () => {
      expectDefaultDenyAndDns(r.objects);
    });

    test('admit the ingress controller to routed services only, never to a database', () => {
      const fromController = all(r.objects, 'NetworkPolicy').filter(p => !selectsAcmeSolver(p))
        .filter(p => (p.spec.ingress ?? []).some((rule: any) => (rule.from ?? []).some((peer: any) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx')))
        .map(p => p.spec.podSelector.matchLabels['app.kubernetes.io/name']);
      const routed = all(r.objects, 'Ingress').map(i => i.spec.rules[0].http.paths[0].backend.service.name);
      expect(fromController.sort()).toEqual([...new Set(routed)].sort());
      const databases = all(r.objects, 'StatefulSet').map(s => s.metadata.name);
      expect(fromController.filter(n => databases.includes(n))).toEqual([]);
    });

    test('admit the ingress controller, and no pod of the stack, to cert-manager\'s HTTP-01 solver', () => {
      // Production proves its hosts with HTTP-01 (environments/production.ts); a stack without routes requests no certificate.
      const expected = all(r.objects, 'Ingress').length === 0 ? [] : ['ingress-nginx -> acme-http01-solver:8089'];
      expect(toAcmeSolver(reachability(r.objects, { acmeSolver: true, clients: [INGRESS_NGINX_POD] }))).toEqual(expected);
    });
  });
}

const namespace = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const INGRESS_NGINX = { namespaceSelector: namespace('ingress-nginx'), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } };
const ENVOY_GATEWAY = {
  namespaceSelector: namespace('envoy-gateway-system'),
  podSelector: { matchLabels: { 'app.kubernetes.io/managed-by': 'envoy-gateway', 'app.kubernetes.io/component': 'proxy' } },
};
/** Who delivers routed traffic in each environment, written out from the clusters' documentation. */
export const DATA_PLANE: Record<string, unknown[]> = {
  'local': [INGRESS_NGINX, { ipBlock: { cidr: '172.18.0.0/16' } }],
  'production': [INGRESS_NGINX],
  'production-gateway': [ENVOY_GATEWAY],
  'production-shared-gateway': [ENVOY_GATEWAY],
  'gke': [{ ipBlock: { cidr: '35.191.0.0/16' } }, { ipBlock: { cidr: '130.211.0.0/22' } }],
  'aks': [{ namespaceSelector: namespace('stackport-gateway'), podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'stackport' } } }],
};

/**
 * Where cert-manager answers HTTP-01 challenges in the stacks' own namespaces
 * (each environment file says why): production and production-gateway, whose
 * stacks request their certificates; not local (no TLS), not the shared
 * Gateways (the platform's certificates), not GKE (DNS-01).
 */
export const HTTP01_IN_STACK = new Set(['production', 'production-gateway']);
export const ENVOY_PROXY: Client = {
  name: 'envoy-proxy',
  namespace: 'envoy-gateway-system',
  labels: { 'app.kubernetes.io/name': 'envoy', 'app.kubernetes.io/managed-by': 'envoy-gateway', 'app.kubernetes.io/component': 'proxy' },
};
/** The data plane's pods and addresses in each environment, written out from the clusters' documentation. */
export const DATA_PLANE_CLIENTS: Record<string, Client[]> = {
  'local': [INGRESS_NGINX_POD, { name: 'cloud-provider-kind', ip: '172.18.0.3' }],
  'production': [INGRESS_NGINX_POD],
  'production-gateway': [ENVOY_PROXY],
  'production-shared-gateway': [ENVOY_PROXY],
  'gke': [{ name: 'google-front-end', ip: '35.191.12.7' }, { name: 'google-health-check', ip: '130.211.2.9' }],
  'aks': [{ name: 'istio-proxy', namespace: 'stackport-gateway', labels: { 'gateway.networking.k8s.io/gateway-name': 'stackport' } }],
};
/** Clients no policy may admit: the data plane's labels in another namespace, other pods of its namespaces, the internet. */
export const STRANGERS: Client[] = [
  { name: 'lookalike', namespace: 'default', labels: { ...INGRESS_NGINX_POD.labels, ...ENVOY_PROXY.labels } },
  { name: 'ingress-nginx-neighbour', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'log-shipper' } },
  { name: 'envoy-gateway', namespace: 'envoy-gateway-system', labels: { 'app.kubernetes.io/name': 'gateway-helm', 'control-plane': 'envoy-gateway' } },
  { name: 'internet', ip: '203.0.113.7' },
];

/**
 * For each stack in each environment: in every production-stage environment,
 * only the connections the spec declares, default deny and DNS; everywhere,
 * exactly the environment's data plane to routed services, and cert-manager's
 * HTTP-01 solver reachable from the data plane only where the stack answers
 * HTTP-01. Shared by test/network.test.ts and test/add-a-stack.test.ts.
 */
export function environmentNetworkSweep(rendered: readonly RenderedStack[], specs: readonly StackSpec[]): void {
  const productionLike = rendered.filter(r => ENVIRONMENTS.find(p => p.name === r.environment)!.stage === 'production');

  describe.each(productionLike.map(r => [r.environment, r.stack, r] as const))('%s/%s network policies', (_, stack, r) => {
    test('allow only connections the spec declares in dependsOn or connectsTo', () => {
      const spec = specs.find(s => s.name === stack)!;
      const declared = spec.services.flatMap(s => [...(s.dependsOn ?? []).map(d => d.service), ...(s.connectsTo ?? [])].map(peer => `${s.name} -> ${peer}`));
      expect(reachability(r.objects).filter(edge => !declared.includes(edge.replace(/:[0-9]+$/, '')))).toEqual([]);
    });

    test('deny all ingress and egress by default and allow DNS to the cluster DNS only', () => {
      expectDefaultDenyAndDns(r.objects);
    });
  });

  describe.each(rendered.map(r => [`${r.environment}/${r.stack}`, r] as const))('%s routing', (_, r) => {
    test('admits exactly the environment\'s data plane, to routed services only, never to a database', () => {
      const external = (rule: any) => (rule.from ?? []).some((peer: any) => peer.namespaceSelector !== undefined || peer.ipBlock !== undefined);
      const fromDataPlane = all(r.objects, 'NetworkPolicy').filter(p => !selectsAcmeSolver(p)).flatMap(p => (p.spec.ingress ?? []).filter(external)
        .map((rule: any) => [p.spec.podSelector.matchLabels['app.kubernetes.io/name'], rule.from]));
      for (const [, from] of fromDataPlane) {
        expect(from).toEqual(DATA_PLANE[r.environment]);
      }
      const routed = [
        ...all(r.objects, 'Ingress').map(i => i.spec.rules[0].http.paths[0].backend.service.name),
        ...all(r.objects, 'HTTPRoute').flatMap(h => h.spec.rules.flatMap((rule: any) => (rule.backendRefs ?? []).map((b: any) => b.name))),
      ];
      expect(fromDataPlane.map(([name]) => name).sort()).toEqual([...new Set(routed)].sort());
      const databases = all(r.objects, 'StatefulSet').map(s => s.metadata.name);
      expect(fromDataPlane.filter(([name]) => databases.includes(name))).toEqual([]);
    });
  });

  describe.each(rendered.map(r => [`${r.environment}/${r.stack}`, r] as const))('%s cert-manager HTTP-01 solver', (_, r) => {
    const table = reachability(r.objects, { acmeSolver: true, clients: [...DATA_PLANE_CLIENTS[r.environment], ...STRANGERS] });
    const routed = all(r.objects, 'Ingress').length + all(r.objects, 'HTTPRoute').length > 0;

    test('is reachable from exactly the environment\'s data plane where the stack\'s namespace answers HTTP-01, on 8089, and from nothing else', () => {
      const expected = HTTP01_IN_STACK.has(r.environment) && routed ? DATA_PLANE_CLIENTS[r.environment].map(c => `${c.name} -> acme-http01-solver:8089`) : [];
      expect(toAcmeSolver(table)).toEqual(expected.sort());
    });

    test('no stranger reaches anything of the stack', () => {
      expect(table.filter(row => STRANGERS.some(s => row.startsWith(`${s.name} -> `)))).toEqual([]);
    });

    test('its policy names the solver\'s label and port, and the data plane as the routed services\' policies do', () => {
      const expected = HTTP01_IN_STACK.has(r.environment) && routed ? [{
        podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: DATA_PLANE[r.environment], ports: [{ port: 8089, protocol: 'TCP' }] }],
      }] : [];
      expect(all(r.objects, 'NetworkPolicy').filter(selectsAcmeSolver).map(p => p.spec)).toEqual(expected);
    });
  });
}
