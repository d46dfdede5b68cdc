/**
 * Adding a stack is one chart file and its line in charts/index.ts (then
 * `npm run synth` writes its dist/ folders and rows of docs/stacks.md). This registers a
 * small stack as that line would, then runs the suites that iterate over the
 * registered stacks, which must hold for it with no other change.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { STACKS } from '../charts';
import { DEFAULT_ENVIRONMENTS as PROFILES } from '../environments';
import { APP_USER, postgres, postgresUrl } from '../lib/catalog';
import { StackSpec } from '../lib/spec/types';
import { MARKER_FILE } from '../lib/output';
import { synthesize } from '../lib/synth';
import { renderDocs } from '../scripts/docs';

/** What charts/shop.ts would hold. */
const SHOP: StackSpec = {
  name: 'shop',
  source: 'test',
  description: 'a web shop: API and PostgreSQL',
  secrets: [{ key: 'postgres-password', description: 'password of PostgreSQL user shop' }],
  routes: [{ name: 'api', path: '/', service: 'api' }],
  services: [
    postgres({ flavour: 'alpine', database: 'shop', user: 'shop', passwordKey: 'postgres-password' }),
    {
      kind: 'web',
      name: 'api',
      image: { build: 'api' },
      ports: [{ name: 'http', port: 8000 }],
      env: { POSTGRES_PASSWORD: { secret: 'postgres-password' }, DATABASE_URL: { expand: postgresUrl('shop', 'postgres', 'shop') } },
      dependsOn: [{ service: 'postgres', condition: 'healthy' }],
      healthcheck: { test: { httpGet: '/health' }, intervalSeconds: 10, timeoutSeconds: 5, retries: 3 },
      user: APP_USER,
    },
  ],
};

// The registration line: `export const STACKS = [..., SHOP]`.
(STACKS as StackSpec[]).push(SHOP);

test('the new stack is synthesized into every environment and listed in the tables of docs/stacks.md', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-add-'));
  try {
    synthesize({ stacks: STACKS, profiles: PROFILES }, path.join(tmp, 'dist'));
    expect(fs.readdirSync(path.join(tmp, 'dist')).sort()).toEqual([MARKER_FILE, 'gitops', ...PROFILES.map(p => p.name)].sort());
    for (const p of PROFILES) {
      expect(fs.readdirSync(path.join(tmp, 'dist', p.name, 'shop'))).toContain('30-deployment-api.yaml');
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const readme = renderDocs('docs/stacks.md', fs.readFileSync('docs/stacks.md', 'utf8'));
  expect(readme).toContain('| shop | api | Deployment, Service; routes `…/` | local, production, production-gateway |');
  expect(readme).toContain('| shop | `postgres-password` | password of PostgreSQL user shop | postgres, api |');
});

// The suites over every registered stack, now with the new one among them.
require('./invariants.test');
require('./network.test');
require('./schema.test');
