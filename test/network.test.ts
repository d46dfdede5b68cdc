/**
 * Reachability computed from the synthesized NetworkPolicies alone, compared
 * with the connections each seed intends (written out here by hand from the
 * seeds, not derived from the specs).
 */
import { networkSweep, reachability } from './sweeps/network';
import { all, renderAll } from './util';

const INTENDED: Record<string, string[]> = {
  'project-management': [
    'backend -> keycloak:8080', 'backend -> keycloak:9000', 'backend -> postgres:5432', 'backend -> redis:6379',
    'backup -> postgres:5432', 'keycloak -> postgres:5432', 'migrate -> postgres:5432',
  ],
  'loc8': [],
  'enabledrm': [
    'backend -> postgres:5432', 'backend -> redis:6379',
    'celery-beat -> postgres:5432', 'celery-beat -> redis:6379',
    'celery-worker -> backend:8000', 'celery-worker -> postgres:5432', 'celery-worker -> redis:6379',
    'monitor -> backend:8000', 'monitor -> frontend:3000',
  ],
  'task-app': ['backend -> db:5432', 'frontend -> backend:5000'],
  'p2p-sandbox': [
    'backend -> mongodb:27017', 'backend -> postgres:5432', 'backend -> supertokens:3567',
    'migrate -> mongodb:27017', 'migrate -> postgres:5432', 'migrate -> supertokens:3567',
    'seeder -> backend:8000', 'seeder -> mongodb:27017', 'seeder -> postgres:5432', 'seeder -> supertokens:3567',
    'supertokens -> postgres:5432',
  ],
};

networkSweep(renderAll(), INTENDED);

test('optional services join the graph when switched on (loc8 with PostgreSQL and Redis)', () => {
  const { render } = require('../lib/synth');
  const { LOC8 } = require('../charts/loc8');
  const { PRODUCTION } = require('../lib/profiles/production');
  const [r] = render({ stacks: [LOC8], profiles: [PRODUCTION], options: { loc8: { postgres: true, redis: true } } });
  expect(reachability(r.objects)).toEqual(['backend -> postgres:5432', 'backend -> redis:6379']);
});

test('only the SMTP relay and the monitor reach outside the cluster, on their ports only', () => {
  const outside = renderAll().filter(r => r.environment === 'production').flatMap(r => all(r.objects, 'NetworkPolicy').flatMap(p =>
    (p.spec.egress ?? []).filter((rule: any) => (rule.to ?? []).some((peer: any) => peer.ipBlock !== undefined))
      .map((rule: any) => `${r.stack}/${p.spec.podSelector.matchLabels['app.kubernetes.io/name']} -> ${rule.to.map((t: any) => t.ipBlock.cidr).join(',')}:${rule.ports.map((x: any) => x.port).join(',')}`)));
  expect(outside.sort()).toEqual(['enabledrm/monitor -> 0.0.0.0/0:443,6443', 'project-management/backend -> 0.0.0.0/0:587']);
});
