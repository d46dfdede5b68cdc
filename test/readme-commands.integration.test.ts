/**
 * Every `stackport`, `npm` and `npx` command of the documentation (README.md,
 * docs/*.md, CONTRIBUTING.md) runs exactly as written (options after `--`
 * included), in the order of the pages and of each page, in a temporary copy
 * of the project, and each has a check that its options took effect. kubectl,
 * kind and minikube lines are left to the e2e. Integration tier: each command
 * is a process of its own.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CHECKS, docCommands, PROJECT } from './readme-commands';

test('every command of the documentation, run as written in a copy of the project, does what its options say', () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-readme-'));
  try {
    for (const entry of PROJECT) {
      fs.cpSync(path.resolve(entry), path.join(copy, entry), { recursive: true, preserveTimestamps: true });
    }
    fs.symlinkSync(path.resolve('node_modules'), path.join(copy, 'node_modules'));
    // The compose files the README's import lines name, and a kubectl that records its calls.
    fs.writeFileSync(path.join(copy, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx:1.27.3\n    ports: ["8080:8080"]\n    environment:\n      GREETING: ${GREETING:-hello}\n');
    fs.writeFileSync(path.join(copy, 'docker-compose.prod.yml'), 'services:\n  web:\n    image: nginx:1.27.4\n');
    fs.writeFileSync(path.join(copy, '.env.prod'), 'GREETING=from-env-prod\n');
    const fakes = path.join(copy, 'fake-bin');
    fs.mkdirSync(fakes);
    fs.writeFileSync(path.join(fakes, 'kubectl'), `#!/bin/sh\necho "$*" >> ${path.join(copy, 'kubectl-calls')}\ncat > /dev/null\n`, { mode: 0o755 });
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.join(copy, 'bin')}:${fakes}:${process.env.PATH}`, CDK8S_CHECK_UPGRADE: 'false' };
    delete env.INIT_CWD;
    delete env.IMAGE_TAG;
    const failures: string[] = [];
    for (const [command, file] of docCommands(copy)) {
      const check = CHECKS[command];
      if (check === undefined || 'exempt' in check) {
        continue;
      }
      const r = spawnSync('sh', ['-c', command], { cwd: copy, env, encoding: 'utf8' });
      try {
        check(r, copy);
      } catch (e) {
        failures.push(`${file}: ${command}\n  status ${r.status}\n  stdout ${r.stdout.slice(-600)}\n  stderr ${r.stderr.slice(-600)}\n  ${(e as Error).message.split('\n').slice(0, 6).join('\n  ')}`);
      }
    }
    expect(failures).toEqual([]);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}, 600_000);
