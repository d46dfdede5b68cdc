/**
 * Reachability computed from the synthesized NetworkPolicies alone, compared
 * with the connections each seed intends (written out here by hand from the
 * seeds, not derived from the specs), and, for every registered stack, with
 * the connections its spec declares.
 */
import { STACKS } from '../charts';
import { ENVIRONMENTS } from '../environments';
import { Client, INGRESS_NGINX_POD, reachability, selectsAcmeSolver, toAcmeSolver } from './sweeps/network';
import { GKE } from '../environments/gke';
import { PRODUCTION_GATEWAY } from '../environments/production-gateway';
import { Profile } from '../lib/profiles/profile';
import { all, isSeed, PRODUCTION, renderAll, synthServices, web } from './util';

const INTENDED: Record<string, string[]> = {
  'project-management': [
    'backend -> keycloak:8080', 'backend -> keycloak:9000', 'backend -> postgres:5432', 'backend -> redis:6379',
    'backup -> postgres:5432', 'keycloak -> postgres:5432',
    'migrate -> keycloak:8080', 'migrate -> keycloak:9000', 'migrate -> postgres:5432', 'migrate -> redis:6379',
  ],
  // The frontend's nginx calls http://backend:8000/api from inside its container.
  'loc8': ['frontend -> backend:8000'],
  'enabledrm': [
    'backend -> postgres:5432', 'backend -> redis:6379',
    'celery-beat -> postgres:5432', 'celery-beat -> redis:6379',
    'celery-worker -> backend:8000', 'celery-worker -> postgres:5432', 'celery-worker -> redis:6379',
    'monitor -> backend:8000', 'monitor -> frontend:3000', 'monitor -> postgres:5432', 'monitor -> redis:6379',
  ],
  'task-app': ['backend -> db:5432', 'frontend -> backend:5000'],
  'p2p-sandbox': [
    'backend -> mongodb:27017', 'backend -> postgres:5432', 'backend -> supertokens:3567',
    'migrate -> mongodb:27017', 'migrate -> postgres:5432', 'migrate -> supertokens:3567',
    'seeder -> backend:8000', 'seeder -> mongodb:27017', 'seeder -> postgres:5432', 'seeder -> supertokens:3567',
    'supertokens -> postgres:5432',
  ],
};

const productionLike = renderAll().filter(r => ENVIRONMENTS.find(p => p.name === r.environment)!.stage === 'production');

test.each(productionLike.flatMap(r => Object.entries(INTENDED).filter(([stack]) => stack === r.stack).map(([stack, intended]) => [r.environment, stack, intended, r] as const)))(
  '%s/%s network policies allow exactly the connections the seed intends, and nothing more (nothing to cert-manager\'s solver pod)', (_, __, intended, r) => {
    expect(reachability(r.objects, { acmeSolver: true })).toEqual([...intended].sort());
  });

test('every seed stack has its intended connections written out', () => {
  expect(Object.keys(INTENDED).filter(stack => !STACKS.some(s => s.name === stack))).toEqual([]);
});

describe.each(productionLike.map(r => [r.environment, r.stack, r] as const))('%s/%s network policies', (_, stack, r) => {
  test('allow only connections the spec declares in dependsOn or connectsTo', () => {
    const spec = STACKS.find(s => s.name === stack)!;
    const declared = spec.services.flatMap(s => [...(s.dependsOn ?? []).map(d => d.service), ...(s.connectsTo ?? [])].map(peer => `${s.name} -> ${peer}`));
    expect(reachability(r.objects).filter(edge => !declared.includes(edge.replace(/:[0-9]+$/, '')))).toEqual([]);
  });

  test('deny all ingress and egress by default and allow DNS to the cluster DNS only', () => {
    const policies = all(r.objects, 'NetworkPolicy');
    expect(policies.find(p => p.metadata.name === 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(policies.find(p => p.metadata.name === 'allow-dns').spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
    }]);
  });
});

const namespace = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const INGRESS_NGINX = { namespaceSelector: namespace('ingress-nginx'), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } };
const ENVOY_GATEWAY = {
  namespaceSelector: namespace('envoy-gateway-system'),
  podSelector: { matchLabels: { 'app.kubernetes.io/managed-by': 'envoy-gateway', 'app.kubernetes.io/component': 'proxy' } },
};
/** Who delivers routed traffic in each environment, written out from the clusters' documentation. */
const DATA_PLANE: Record<string, unknown[]> = {
  'local': [INGRESS_NGINX, { ipBlock: { cidr: '172.18.0.0/16' } }],
  'production': [INGRESS_NGINX],
  'production-gateway': [ENVOY_GATEWAY],
  'production-shared-gateway': [ENVOY_GATEWAY],
  'gke': [{ ipBlock: { cidr: '35.191.0.0/16' } }, { ipBlock: { cidr: '130.211.0.0/22' } }],
  'aks': [{ namespaceSelector: namespace('stackport-gateway'), podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'stackport' } } }],
};

describe.each(renderAll().map(r => [`${r.environment}/${r.stack}`, r] as const))('%s routing', (_, r) => {
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

/**
 * Where cert-manager answers HTTP-01 challenges in the stacks' own namespaces
 * (each environment file says why): production and production-gateway, whose
 * stacks request their certificates; not local (no TLS), not the shared
 * Gateways (the platform's certificates), not GKE (DNS-01).
 */
const HTTP01_IN_STACK = new Set(['production', 'production-gateway']);
const ENVOY_PROXY: Client = {
  name: 'envoy-proxy',
  namespace: 'envoy-gateway-system',
  labels: { 'app.kubernetes.io/name': 'envoy', 'app.kubernetes.io/managed-by': 'envoy-gateway', 'app.kubernetes.io/component': 'proxy' },
};
/** The data plane's pods and addresses in each environment, written out from the clusters' documentation. */
const DATA_PLANE_CLIENTS: Record<string, Client[]> = {
  'local': [INGRESS_NGINX_POD, { name: 'cloud-provider-kind', ip: '172.18.0.3' }],
  'production': [INGRESS_NGINX_POD],
  'production-gateway': [ENVOY_PROXY],
  'production-shared-gateway': [ENVOY_PROXY],
  'gke': [{ name: 'google-front-end', ip: '35.191.12.7' }, { name: 'google-health-check', ip: '130.211.2.9' }],
  'aks': [{ name: 'istio-proxy', namespace: 'stackport-gateway', labels: { 'gateway.networking.k8s.io/gateway-name': 'stackport' } }],
};
/** Clients no policy may admit: the data plane's labels in another namespace, other pods of its namespaces, the internet. */
const STRANGERS: Client[] = [
  { name: 'lookalike', namespace: 'default', labels: { ...INGRESS_NGINX_POD.labels, ...ENVOY_PROXY.labels } },
  { name: 'ingress-nginx-neighbour', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'log-shipper' } },
  { name: 'envoy-gateway', namespace: 'envoy-gateway-system', labels: { 'app.kubernetes.io/name': 'gateway-helm', 'control-plane': 'envoy-gateway' } },
  { name: 'internet', ip: '203.0.113.7' },
];

describe.each(renderAll().map(r => [`${r.environment}/${r.stack}`, r] as const))('%s cert-manager HTTP-01 solver', (_, r) => {
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

test('optional services join the graph when switched on (loc8 with PostgreSQL and Redis)', () => {
  const { render } = require('../lib/synth');
  const { LOC8 } = require('../charts/loc8');
  const { PRODUCTION } = require('../environments/production');
  const [r] = render({ stacks: [LOC8], profiles: [PRODUCTION], options: { loc8: { postgres: true, redis: true } } });
  expect(reachability(r.objects)).toEqual(['backend -> postgres:5432', 'backend -> redis:6379', 'frontend -> backend:8000']);
});

test('only the mail senders (SMTP) and the monitor reach outside the cluster, on their ports only', () => {
  const outside = productionLike.filter(r => r.environment === 'production' && isSeed(r)).flatMap(r => all(r.objects, 'NetworkPolicy').flatMap(p =>
    (p.spec.egress ?? []).filter((rule: any) => (rule.to ?? []).some((peer: any) => peer.ipBlock !== undefined))
      .map((rule: any) => `${r.stack}/${p.spec.podSelector.matchLabels['app.kubernetes.io/name']} -> ${rule.to.map((t: any) => t.ipBlock.cidr).join(',')}:${rule.ports.map((x: any) => x.port).join(',')}`)));
  expect(outside.sort()).toEqual([
    'enabledrm/celery-worker -> 0.0.0.0/0:587', 'enabledrm/monitor -> 0.0.0.0/0:443,6443', 'project-management/backend -> 0.0.0.0/0:587',
  ]);
});

describe('cert-manager HTTP-01 solver policy', () => {
  const routed = { routes: [{ name: 'app', path: '/', service: 'app' }] };
  const solverPolicies = (profile: Profile, extra = routed) => all(synthServices([web('app')], profile, extra), 'NetworkPolicy').filter(selectsAcmeSolver);

  test('proxies beside a stack-owned Gateway are admitted as pods of the stack\'s namespace, as for routed services', () => {
    const proxy = { 'gateway.networking.k8s.io/gateway-name': 'gateway' };
    const objects = synthServices([web('app')], { ...PRODUCTION_GATEWAY, dataPlane: [{ podLabels: proxy }] }, routed);
    const [policy] = all(objects, 'NetworkPolicy').filter(selectsAcmeSolver);
    expect(policy.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: proxy } }], ports: [{ port: 8089, protocol: 'TCP' }] }]);
    expect(policy.spec.ingress[0].from).toEqual(all(objects, 'NetworkPolicy').find(p => p.metadata.name === 'app-ingress').spec.ingress[0].from);
    expect(solverPolicies({ ...PRODUCTION_GATEWAY, dataPlane: [{}] })[0].spec.ingress[0].from).toEqual([{ podSelector: {} }]);
  });

  test('a load balancer outside the cluster is admitted by its address ranges (GKE with an HTTP-01 issuer)', () => {
    const objects = synthServices([web('app')], { ...GKE, tls: { clusterIssuer: 'letsencrypt-prod', acmeChallenge: 'http01' } }, routed);
    expect(toAcmeSolver(reachability(objects, { acmeSolver: true, clients: [...DATA_PLANE_CLIENTS.gke, ...STRANGERS] }))).toEqual([
      'google-front-end -> acme-http01-solver:8089', 'google-health-check -> acme-http01-solver:8089',
    ]);
  });

  test('none with DNS-01, without TLS, or for a stack without routes (it requests no certificate)', () => {
    expect(solverPolicies({ ...PRODUCTION, tls: { clusterIssuer: 'letsencrypt-prod', acmeChallenge: 'dns01' } })).toEqual([]);
    expect(solverPolicies({ ...PRODUCTION, tls: undefined })).toEqual([]);
    expect(solverPolicies(PRODUCTION, { routes: [] })).toEqual([]);
    expect(solverPolicies(PRODUCTION)).toHaveLength(1);
  });
});
