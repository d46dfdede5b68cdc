/** The wait container's shell script, run in a shell. */
import { spawnSync } from 'child_process';
import { APP_USER, postgres } from '../../lib/catalog';
import { JobSpec } from '../../lib/spec/types';
import { find, podSpec, PRODUCTION, synthServices } from '../util';

const PG = postgres({ flavour: 'alpine', database: 'shop', user: 'shop', passwordKey: 'pg' });
const SECRETS = [{ key: 'pg', description: 'pg' }];
const migrate = (overrides: Partial<JobSpec> = {}): JobSpec => ({
  kind: 'job', name: 'migrate', image: { build: 'backend' }, args: ['alembic', 'upgrade', 'head'], user: APP_USER,
  dependsOn: [{ service: 'postgres', condition: 'healthy' }], ...overrides,
});

describe('OneShotJob', () => {
  test('a wait container that gives up logs the last error of the command it retried', () => {
    const api = { kind: 'web' as const, name: 'api', image: { build: 'backend' }, ports: [{ name: 'http', port: 8000 }] as [{ name: string; port: number }],
      user: APP_USER, dependsOn: [{ service: 'migrate', condition: 'completed' as const }] };
    const check = 'echo "KeyError: SECRET_KEY" >&2; echo "line two" >&2; false';
    const objects = synthServices([PG, migrate({ completionCheck: check }), api], { ...PRODUCTION, waitTimeoutSeconds: 2 }, { secrets: SECRETS });
    const [wait] = podSpec(find(objects, 'Deployment', 'api')).initContainers;
    const run = spawnSync(wait.command[0], wait.command.slice(1), { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe([
      'waiting for migrate to complete (timeout 2s)',
      'still waiting for migrate to complete after 0s: line two',
      "gave up on migrate to complete after 2s; the check's last output:",
      'KeyError: SECRET_KEY',
      'line two',
      '',
    ].join('\n'));
  });
});
