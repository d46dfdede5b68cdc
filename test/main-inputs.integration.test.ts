/** `node build/main.js` refuses inputs it used to ignore or misuse: options of stacks left out, CDK8S_OUTDIR empty or a folder of someone else's. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MARKER_FILE } from '../lib/output';

const main = path.resolve('build/main.js');
let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-inputs-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function synth(args: readonly string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [main, '--out', path.join(tmp, 'dist'), '--env', 'local', ...args], { encoding: 'utf8', cwd: tmp, env: { ...process.env, ...env } });
}

test('--option for a stack that --stack leaves out is refused, naming the stacks synthesized', () => {
  const r = synth(['--stack', 'task-app', '--option', 'loc8.postgres=true']);
  expect([r.status, r.stderr]).toEqual([1, "synth: 1 problem found:\n- '--option' names stack 'loc8', which '--stack' leaves out; synthesize it with --stack loc8, or use an option of: task-app\n"
    + `synth: nothing written; ${path.join(tmp, 'dist')}/ is as it was\n`]);
  expect(fs.readdirSync(tmp)).toEqual([]);
});

test('CDK8S_OUTDIR set but empty is refused, and nothing is written (it used to write ./local/)', () => {
  const r = synth([], { CDK8S_OUTDIR: '' });
  expect([r.status, r.stderr]).toEqual([1, "synth: 1 problem found:\n- 'CDK8S_OUTDIR' is set but empty; unset it, or name a folder (cdk8s synth sets it from its -o option)\n"
    + `synth: nothing written; ${path.join(tmp, 'dist')}/ is as it was\n`]);
  expect(fs.readdirSync(tmp)).toEqual([]);
});

test('CDK8S_OUTDIR naming a folder that is not a stackport output is refused as --out is, and the folder kept as it was', () => {
  fs.mkdirSync(path.join(tmp, 'mine'));
  fs.writeFileSync(path.join(tmp, 'mine', 'notes.txt'), 'mine\n');
  const r = synth([], { CDK8S_OUTDIR: 'mine' });
  expect([r.status, r.stderr]).toEqual([1, `synth: 1 problem found:\n- 'CDK8S_OUTDIR=mine' is a folder that is not a stackport output (it has no ${MARKER_FILE} file) and would be replaced as a whole; name a new or empty folder\n`
    + `synth: nothing written; ${path.join(tmp, 'dist')}/ is as it was\n`]);
  expect(fs.readdirSync(tmp).sort()).toEqual(['mine']);
  expect(fs.readdirSync(path.join(tmp, 'mine'))).toEqual(['notes.txt']);
});

test('a CDK8S_OUTDIR copy is marked, so the next synth into it is allowed', () => {
  expect(synth([], { CDK8S_OUTDIR: 'copy' }).status).toBe(0);
  expect(fs.existsSync(path.join(tmp, 'copy', MARKER_FILE))).toBe(true);
  expect(synth([], { CDK8S_OUTDIR: 'copy' }).status).toBe(0);
});
