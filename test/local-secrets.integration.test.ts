import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { STACKS } from '../charts';

const USE = 'stackport secrets <stack> [--context NAME]';

/**
 * Runs the script against a fake kubectl that records its calls and answers
 * `get secret` with `existing` (a Secret holding these keys), nothing (no
 * Secret, as `--ignore-not-found` does) or the raw text given.
 */
function run(args: string[], existing?: Record<string, string> | string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-kubectl-'));
  const log = path.join(dir, 'calls');
  const answer = existing === undefined ? '' : typeof existing === 'string' ? existing : JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: existing });
  fs.writeFileSync(path.join(dir, 'answer'), answer);
  fs.writeFileSync(path.join(dir, 'kubectl'), [
    '#!/bin/sh',
    `echo "$*" >> ${log}`,
    'case "$*" in',
    `  *"get secret"*) cat ${path.join(dir, 'answer')} ;;`,
    `  *replace*|*create*) cat >> ${log}; echo >> ${log} ;;`,
    'esac',
  ].join('\n'), { mode: 0o755 });
  const r = spawnSync(process.execPath, [path.resolve('build/cli.js'), '--', 'secrets', ...args], {
    encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...r, calls };
}

test('creates the Secret with every key the local profile reads, random and never printed', () => {
  const r = run(['task-app']);
  expect(r.status).toBe(0);
  expect(r.stdout).toBe('secrets: task-app/task-app-secrets: added postgres-password, secret-key, jwt-secret-key\n');
  const created = JSON.parse(r.calls.split('\n').find(l => l.startsWith('{'))!);
  expect(Object.keys(created.stringData)).toEqual(['postgres-password', 'secret-key', 'jwt-secret-key']);
  expect(created.stringData['secret-key']).toMatch(/^[0-9a-f]{64}$/);
  expect(r.stdout).not.toContain(created.stringData['postgres-password']);
  expect(r.calls).toContain('apply -f dist/local/task-app/00-namespace.yaml');
  expect(r.calls).toContain('-n task-app create -f -');
});

test('adds only missing keys, keeping the existing ones as read, through standard input', () => {
  const r = run(['task-app'], { 'postgres-password': 'b2xk' });
  expect(r.status).toBe(0);
  const replaced = JSON.parse(r.calls.split('\n').find(l => l.startsWith('{'))!);
  expect(replaced.data).toEqual({ 'postgres-password': 'b2xk' });
  expect(Object.keys(replaced.stringData)).toEqual(['secret-key', 'jwt-secret-key']);
  expect(r.calls).toContain('-n task-app replace -f -');
});

test('changes nothing when every key exists', () => {
  const r = run(['task-app'], { 'postgres-password': 'a', 'secret-key': 'b', 'jwt-secret-key': 'c' });
  expect(r.stdout).toBe('secrets: task-app/task-app-secrets already holds all 3 keys; nothing changed\n');
  expect(r.calls).not.toMatch(/replace|create/);
});

test('passes --context to every kubectl call', () => {
  const r = run(['task-app', '--context', 'kind-dev']);
  expect(r.status).toBe(0);
  const calls = r.calls.split('\n').filter(l => l !== '' && !l.startsWith('{'));
  expect(calls.map(l => l.split(' ').slice(0, 2).join(' '))).toEqual(['--context kind-dev', '--context kind-dev', '--context kind-dev']);
});

test.each<[string, string[], string]>([
  ['an unknown stack', ['shop'], `secrets: unknown stack 'shop'; use one of: ${STACKS.map(s => s.name).join(', ')}\n`],
  ['no stack', [], `secrets: name the stack, e.g. stackport secrets ${STACKS[0].name}; use one of: ${STACKS.map(s => s.name).join(', ')}\n`],
  ['a misspelt flag', ['task-app', '--contxt', 'kind'], `secrets: unknown option '--contxt'; use: ${USE}\n`],
  ['a second stack', ['task-app', 'loc8'], `secrets: unexpected argument 'loc8'; use: ${USE}\n`],
  ['--context without a value', ['task-app', '--context'], "secrets: '--context' needs a value, e.g. --context kind-kind\n"],
  ['--context followed by a flag', ['--context', '--help', 'task-app'], "secrets: '--context' needs a value, e.g. --context kind-kind (a value starting with '-' is written --context=VALUE)\n"],
  ['--context empty', ['task-app', '--context', ''], "secrets: '--context' is empty; name a kubectl context, e.g. --context kind-kind\n"],
])('refuses %s, calling no kubectl', (_what, args, message) => {
  const r = run(args);
  expect([r.status, r.stderr, r.calls]).toEqual([2, message, '']);
});

test('refuses an existing value that would break the URIs it is pasted into, changing nothing and printing no value', () => {
  const r = run(['task-app'], { 'postgres-password': Buffer.from('p@ss/word').toString('base64') });
  expect([r.status, r.stderr]).toEqual([1,
    "secrets: task-app/task-app-secrets key 'postgres-password' holds a character outside A-Z a-z 0-9 . _ ~ -, which breaks the URIs it is pasted into (DATABASE_URL); set a URL-safe value (in the database too)\n"]);
  expect(r.calls).not.toMatch(/replace|create/);
});

test('generates URL-safe values for every key', () => {
  const r = run(['p2p-sandbox']);
  const created = JSON.parse(r.calls.split('\n').find(l => l.startsWith('{'))!);
  expect(Object.values<string>(created.stringData).filter(v => !/^[A-Za-z0-9._~-]+$/.test(v))).toEqual([]);
});

test('kubectl output that is not a Secret in JSON is a clear error, without printing it', () => {
  const r = run(['task-app'], 'error: You must be logged in to the server (Unauthorized)\n');
  expect([r.status, r.stderr]).toEqual([1,
    "secrets: 'kubectl get secret task-app-secrets' printed 58 characters that are not a Secret in JSON; check that 'kubectl' is kubectl and talks to your cluster\n"]);
  expect(r.calls).not.toMatch(/replace|create/);
});
