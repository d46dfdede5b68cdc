/**
 * Every imported fixture synthesizes for local as written and for production
 * with no problem but its unpinned images; pinned, it passes the invariant
 * sweep, the Kubernetes schemas and the NetworkPolicy rules.
 */
import { render } from '../../lib/synth';
import { ValidationError } from '../../lib/spec/validate';
import { invariantSweep } from '../sweeps/invariants';
import { networkSweep } from '../sweeps/network';
import { schemaSweep } from '../sweeps/schema';
import { LOCAL, PRODUCTION } from '../util';
import { IMPORTED, importFixture, pinned } from './util';

const specs = IMPORTED.map(f => importFixture(f).spec);
const credentials = IMPORTED.flatMap(f => f.credentials);

test('every fixture renders for local with its images as written', () => {
  expect(render({ stacks: specs, profiles: [LOCAL] }).map(r => r.stack)).toEqual(IMPORTED.map(f => f.dir));
});

test('production refuses exactly the unpinned images, naming each', () => {
  let problems: readonly string[] = [];
  try {
    render({ stacks: specs, profiles: [PRODUCTION] });
  } catch (e) {
    problems = (e as ValidationError).problems;
  }
  expect(problems).toEqual([
    "stack 'seed-task-app', service 'backend': 'image' 'task-management-backend:latest' is not pinned; name an exact version tag (for example 'task-management-backend:1.2.3') in charts/seed-task-app.ts, or with x-stackport.image in the compose file it is imported from",
    "stack 'seed-task-app', service 'frontend': 'image' 'task-management-frontend:latest' is not pinned; name an exact version tag (for example 'task-management-frontend:1.2.3') in charts/seed-task-app.ts, or with x-stackport.image in the compose file it is imported from",
    "stack 'seed-pm', service 'keycloak': 'image' 'quay.io/keycloak/keycloak:latest' is not pinned; name an exact version tag (for example 'quay.io/keycloak/keycloak:1.2.3') in charts/seed-pm.ts, or with x-stackport.image in the compose file it is imported from",
    "stack 'seed-pm', service 'mailhog': 'image' 'mailhog/mailhog:latest' is not pinned; name an exact version tag (for example 'mailhog/mailhog:1.2.3') in charts/seed-pm.ts, or with x-stackport.image in the compose file it is imported from",
  ]);
});

const pinnedSpecs = specs.map(pinned);
const rendered = render({ stacks: pinnedSpecs, profiles: [LOCAL, PRODUCTION] });
invariantSweep(rendered, pinnedSpecs, credentials);
schemaSweep(rendered);

/**
 * The connections each whole application makes, written out by hand from its
 * compose file (every app service of the web shop gets both URLs from the
 * shared anchor; a policy admits every port of the service it allows).
 */
const INTENDED: Record<string, string[]> = {
  'webapp': [
    'beat -> db:5432', 'beat -> redis:6379', 'migrate -> db:5432', 'migrate -> redis:6379',
    'web -> db:5432', 'web -> redis:6379', 'worker -> db:5432', 'worker -> redis:6379',
  ],
  'monitoring': ['grafana -> prometheus:9090', 'snapshot -> prometheus:9090'],
  'broker': [
    'consumer -> rabbitmq:15672', 'consumer -> rabbitmq:5672', 'dead-letters -> rabbitmq:15672', 'dead-letters -> rabbitmq:5672',
    'producer -> rabbitmq:15672', 'producer -> rabbitmq:5672',
  ],
  'seed-task-app': ['backend -> db:5432', 'backend -> frontend:3000', 'frontend -> backend:5000'],
};
// Every fixture gets the general policy rules; the whole applications also their exact connections.
networkSweep(rendered, INTENDED);
