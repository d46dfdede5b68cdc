import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Runs the script against a fake kubectl that records its calls and answers `get secret` with `existing`. */
function run(stack: string, existing?: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-kubectl-'));
  const log = path.join(dir, 'calls');
  const secret = existing === undefined ? '' : JSON.stringify({ data: existing });
  fs.writeFileSync(path.join(dir, 'kubectl'), [
    '#!/bin/sh',
    `echo "$*" >> ${log}`,
    'case "$*" in',
    `  *"get secret"*) ${existing === undefined ? 'echo "NotFound" >&2; exit 1' : `echo '${secret}'`} ;;`,
    `  *patch*|*create*) cat >> ${log}; echo >> ${log} ;;`,
    'esac',
  ].join('\n'), { mode: 0o755 });
  const r = spawnSync(process.execPath, [path.resolve('build/scripts/local-secrets.js'), stack], {
    encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...r, calls };
}

test('creates the Secret with every key the local profile reads, random and never printed', () => {
  const r = run('task-app');
  expect(r.status).toBe(0);
  expect(r.stdout).toBe('local:secrets: task-app/task-app-secrets: added postgres-password, secret-key, jwt-secret-key\n');
  const created = JSON.parse(r.calls.split('\n').find(l => l.startsWith('{'))!);
  expect(Object.keys(created.stringData)).toEqual(['postgres-password', 'secret-key', 'jwt-secret-key']);
  expect(created.stringData['secret-key']).toMatch(/^[0-9a-f]{64}$/);
  expect(r.stdout).not.toContain(created.stringData['postgres-password']);
  expect(r.calls).toContain('apply -f dist/local/task-app/00-namespace.yaml');
});

test('adds only missing keys and never rotates existing ones', () => {
  const r = run('task-app', { 'postgres-password': 'b2xk' });
  expect(r.status).toBe(0);
  const patch = JSON.parse(r.calls.split('\n').find(l => l.startsWith('{'))!);
  expect(Object.keys(patch.stringData)).toEqual(['secret-key', 'jwt-secret-key']);
  expect(r.calls).toContain('patch secret task-app-secrets --type merge --patch-file /dev/stdin');
});

test('changes nothing when every key exists', () => {
  const r = run('task-app', { 'postgres-password': 'a', 'secret-key': 'b', 'jwt-secret-key': 'c' });
  expect(r.stdout).toBe('local:secrets: task-app/task-app-secrets already holds all 3 keys; nothing changed\n');
  expect(r.calls).not.toMatch(/patch|create/);
});

test('names the stacks when given an unknown one', () => {
  const r = run('shop');
  expect(r.status).toBe(2);
  expect(r.stderr).toBe("local:secrets: unknown stack 'shop'; use one of: project-management, loc8, enabledrm, task-app, p2p-sandbox\n");
});
