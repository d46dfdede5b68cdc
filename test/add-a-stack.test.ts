/**
 * Adding a stack is one chart file and its line in charts/index.ts (then
 * `npm run synth` writes its dist/ folders and rows of docs/stacks.md). This registers a
 * small stack as that line would, then runs the sweeps that the suites over
 * the registered stacks run (invariants, network, schema) on it, rendered in
 * every environment, which must hold for it with no other change.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { STACKS } from '../charts';
import { DEFAULT_ENVIRONMENTS as PROFILES, ENVIRONMENTS } from '../environments';
import { APP_USER, postgres, postgresUrl } from '../lib/catalog';
import { renderGitOps } from '../lib/gitops';
import { MARKER_FILE } from '../lib/output';
import { StackSpec } from '../lib/spec/types';
import { render, synthesize } from '../lib/synth';
import { renderDocs } from '../scripts/docs';
import { invariantSweep, optionsOnSweep, SEED_CREDENTIALS } from './sweeps/invariants';
import { environmentNetworkSweep } from './sweeps/network';
import { crdSchemas, missingDefaults, present, schemaSweep } from './sweeps/schema';

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

// The sweeps of the suites over every registered stack, on the new one.
const shop = render({ stacks: [SHOP], profiles: ENVIRONMENTS });
invariantSweep(shop, [SHOP], SEED_CREDENTIALS);
optionsOnSweep(shop);
environmentNetworkSweep(shop, [SHOP]);
schemaSweep([...shop, ...renderGitOps(shop).map(r => ({ ...r, objects: r.objects.filter(o => o.kind !== 'AppProject') }))]);

test('every custom resource of the new stack writes out the fields its CRD defaults', () => {
  if (!present) {
    return;
  }
  const crds = crdSchemas();
  const custom = shop.flatMap(r => r.objects.filter(o => crds.has(`${o.apiVersion}/${o.kind}`)).map(o => ({ where: r.environment, o })));
  expect(custom.length).toBeGreaterThan(0);
  expect(custom.flatMap(({ where, o }) => missingDefaults(o.spec, crds.get(`${o.apiVersion}/${o.kind}`).properties.spec, `${where} ${o.kind}/${o.metadata.name}.spec`))).toEqual([]);
});
