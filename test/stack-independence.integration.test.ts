/**
 * The tests do not depend on which stacks exist (CONTRIBUTING.md: a new stack needs no
 * other change): in a copy of the project, `stackport import` of a new stack
 * and a synth (as `npm run synth` runs it), then the test files that read the
 * registry pass there. Integration tier: it compiles and runs jest in the copy.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES } from './import/util';

/** The test files whose checks range over every stack of charts/index.ts. */
const REGISTRY_TESTS = ['golden', 'gitops', 'sync-waves', 'network', 'spec/validate', 'docs', 'invariants', 'add-a-stack', 'import/cli.integration', 'import/names']
  .map(t => `build/test/${t}.test.js`);
/** What the copy needs to build, synthesize and test. */
const PROJECT = ['README.md', 'CONTRIBUTING.md', 'docs', 'cdk8s.yaml', 'cli.ts', 'main.ts', 'package.json', 'tsconfig.json', 'bin', 'charts', 'dist', 'environments', 'imports', 'lib', 'scripts', 'test'];

test('after stackport import of a new stack and a synth, the tests that read the registry pass', () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-new-stack-'));
  try {
    for (const entry of PROJECT) {
      fs.cpSync(path.resolve(entry), path.join(copy, entry), { recursive: true });
    }
    fs.symlinkSync(path.resolve('node_modules'), path.join(copy, 'node_modules'));
    const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: copy, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, INIT_CWD: path.join(FIXTURES, 'webapp') } });
    node([path.resolve('build/cli.js'), '--', 'import', '--offline', 'docker-compose.yml', '--name', 'newcomer']);
    node(['scripts/build.js']);
    node(['build/scripts/docs.js']);
    node(['build/main.js']);
    expect(fs.readdirSync(path.join(copy, 'dist/production'))).toContain('newcomer');
    const r = spawnSync(process.execPath, [path.join(copy, 'node_modules/jest/bin/jest.js'), '--runInBand', ...REGISTRY_TESTS], { cwd: copy, encoding: 'utf8' });
    expect([r.status, r.status === 0 ? '' : r.stderr]).toEqual([0, '']);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}, 600_000);
