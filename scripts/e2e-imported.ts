/**
 * Imports a few compose fixtures of test/import/fixtures and synthesizes them
 * for every environment into OUT/<environment>/<stack>/, for test/e2e/run.sh
 * to apply next to dist/: `node build/scripts/e2e-imported.js OUT`.
 */
import * as path from 'path';
import { convert } from '../lib/compose/import';
import { DEFAULT_ENVIRONMENTS as PROFILES } from '../environments';
import { writeTree } from '../lib/output';
import { render } from '../lib/synth';

/**
 * Whole applications (a Job waited for, single files), headless and alias Services, ConfigMap folders and binary
 * files, catalog images (a kept NET_BIND_SERVICE): pinned images, so production renders too.
 */
const FIXTURES = ['webapp', 'monitoring', 'reach-by-name', 'files', 'web-tools'];

const out = process.argv[2];
if (out === undefined) {
  console.error('e2e-imported: name the output folder, e.g. node build/scripts/e2e-imported.js /tmp/imported');
  process.exitCode = 2;
} else {
  const root = path.resolve(__dirname, '..', '..');
  const specs = FIXTURES.map(dir => convert({ files: ['docker-compose.yml'], name: `imported-${dir}`, cwd: path.join(root, 'test', 'import', 'fixtures', dir) }).spec);
  const rendered = render({ stacks: specs, profiles: PROFILES });
  writeTree(out, rendered);
  console.log(`e2e-imported: ${rendered.map(r => `${r.environment}/${r.stack}`).join(', ')}`);
}
