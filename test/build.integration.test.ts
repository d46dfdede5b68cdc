/**
 * Every command compiles only when a source changed, and never runs a build
 * that failed: tsc's diagnostics are printed as they are and build/ is removed.
 * Integration tier: it compiles in a copy of the project.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const PROJECT = ['cdk8s.yaml', 'cli.ts', 'main.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'bin', 'build', 'charts', 'dist', 'environments', 'imports', 'lib', 'scripts', 'test'];

test('a built tree runs without compiling; a type error in a chart prints its diagnostics, removes build/ and fails every run until it is fixed', () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-build-'));
  try {
    for (const entry of PROJECT) {
      fs.cpSync(path.resolve(entry), path.join(copy, entry), { recursive: true, preserveTimestamps: true });
    }
    fs.symlinkSync(path.resolve('node_modules'), path.join(copy, 'node_modules'));
    // Copying gives the folders new times; the copy is of a good build, so its mark is made newer than any of them
    // (a second ahead: a folder copied in the same millisecond as the mark would otherwise count as newer).
    const marked = new Date(Date.now() + 1000);
    fs.utimesSync(path.join(copy, 'build', '.built'), marked, marked);
    const check = () => spawnSync(path.join(copy, 'bin/stackport'), ['check', '--env', 'local'], { cwd: copy, encoding: 'utf8' });
    const built = check();
    expect([built.status, built.stderr]).toEqual([0, '']);
    const chart = path.join(copy, 'charts/task-app.ts');
    fs.writeFileSync(chart, fs.readFileSync(chart, 'utf8').replace('healthcheck:', 'healthchek:'));
    const edited = new Date(marked.getTime() + 1000);
    fs.utimesSync(chart, edited, edited);
    for (let run = 0; run < 2; run++) {
      const broken = check();
      expect(broken.status).toBe(1);
      expect(broken.stdout).toMatch(/^charts\/task-app\.ts\(\d+,\d+\): error TS\d+: /m);
      expect(broken.stderr).toContain('stackport: tsc failed; fix the errors above; build/ is removed, so nothing stale runs');
      expect(broken.stdout + broken.stderr).not.toContain('check: ');
      expect(fs.existsSync(path.join(copy, 'build'))).toBe(false);
    }
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}, 300_000);
