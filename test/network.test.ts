/**
 * Reachability computed from the synthesized NetworkPolicies alone, compared
 * with the connections each seed intends (written out here by hand from the
 * seeds, not derived from the specs), and, for every registered stack, with
 * the connections its spec declares.
 */
import { STACKS } from '../charts';
import { ENVIRONMENTS } from '../environments';
import { DATA_PLANE_CLIENTS, environmentNetworkSweep, reachability, selectsAcmeSolver, STRANGERS, toAcmeSolver } from './sweeps/network';
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

environmentNetworkSweep(renderAll(), STACKS);

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
