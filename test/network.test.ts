/**
 * Reachability computed from the synthesized NetworkPolicies alone, compared
 * with the connections each seed intends (written out here by hand from the
 * seeds, not derived from the specs), and, for every registered stack, with
 * the connections its spec declares.
 */
import { STACKS } from '../charts';
import { ENVIRONMENTS } from '../environments';
import { reachability } from './sweeps/network';
import { all, isSeed, renderAll } from './util';

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
  '%s/%s network policies allow exactly the connections the seed intends, and nothing more', (_, __, intended, r) => {
    expect(reachability(r.objects)).toEqual([...intended].sort());
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
    const fromDataPlane = all(r.objects, 'NetworkPolicy').flatMap(p => (p.spec.ingress ?? []).filter(external)
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
