/** lib/lock.ts: takeovers of stale, empty and unreadable locks, and waits that say what they wait for; time counted in polls. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { acquireLock, LockError, POLL_MS } from '../lib/lock';

let tmp: string;
let file: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stackport-lock-'));
  file = path.join(tmp, 'x.lock');
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('takes a free lock, writing its process id whole, and releases it', () => {
  const release = acquireLock(file, { holder: 'import', pid: 4242 });
  expect(fs.readFileSync(file, 'utf8')).toBe('4242\n');
  expect(fs.readdirSync(tmp)).toEqual(['x.lock']);
  release();
  expect(fs.readdirSync(tmp)).toEqual([]);
});

test.each([
  ['of a process that no longer runs', '99999999\n', 'process 99999999 no longer runs'],
  ['that is empty', '', 'it is empty (a full disk or a crash while it was written)'],
  ['that holds no process id', 'garbage\n', "it holds 'garbage', not a process id"],
])('a lock %s is taken over, with a message, without waiting', (_what, text, why) => {
  fs.writeFileSync(file, text);
  const said: string[] = [];
  const release = acquireLock(file, { holder: 'import', pid: 4242, say: line => said.push(line), sleep: () => { throw new Error('slept'); }, alive: pid => pid === 4242 });
  expect(said).toEqual([`import: took over the lock '${file}': ${why}`]);
  expect(fs.readFileSync(file, 'utf8')).toBe('4242\n');
  release();
});

test('a lock that cannot be read and cannot be removed is one error saying to remove it by hand', () => {
  fs.mkdirSync(file);
  const said: string[] = [];
  expect(() => acquireLock(file, { holder: 'import', pid: 4242, say: line => said.push(line) }))
    .toThrow(new LockError(`the lock '${file}' is stale but cannot be removed (EISDIR: illegal operation on a directory, unlink '${file}'); remove it by hand`));
});

test('a wait says what it waits for at once and every 5 s, and ends when the holder releases', () => {
  fs.writeFileSync(file, '777\n');
  const said: string[] = [];
  let sleeps = 0;
  const releaseAfter = (12 * 1000) / POLL_MS;
  const release = acquireLock(file, {
    holder: 'synth', pid: 4242, say: line => said.push(line), alive: () => true,
    sleep: () => { if (++sleeps === releaseAfter) fs.rmSync(file); },
  });
  const waiting = `synth: waiting for another synth (process 777) to release '${file}'`;
  const fix = `; if no synth runs, remove '${file}'`;
  expect(said).toEqual([`${waiting}${fix}`, `${waiting} (5 s so far)${fix}`, `${waiting} (10 s so far)${fix}`]);
  expect(sleeps).toBe(releaseAfter);
  release();
});

test('a wait gives up after the timeout, counted in polls, naming the lock to remove', () => {
  fs.writeFileSync(file, '777\n');
  let sleeps = 0;
  expect(() => acquireLock(file, { holder: 'import', pid: 4242, timeoutSeconds: 1, alive: () => true, sleep: () => { sleeps++; } }))
    .toThrow(new LockError(`another import (process 777) has held '${file}' for 1 s; wait for it to finish or, if no import runs, remove '${file}'`));
  expect(sleeps).toBe(1000 / POLL_MS);
  expect(fs.readFileSync(file, 'utf8')).toBe('777\n');
});

test('release leaves a lock alone that another process took over meanwhile', () => {
  const release = acquireLock(file, { holder: 'import', pid: 4242 });
  fs.writeFileSync(file, '5151\n');
  release();
  expect(fs.readFileSync(file, 'utf8')).toBe('5151\n');
});

test('a lock that cannot be written is one error naming the lock file', () => {
  const missing = path.join(tmp, 'no-such-folder', 'x.lock');
  expect(() => acquireLock(missing, { holder: 'import' })).toThrow(`ENOENT: no such file or directory, open '${missing}'`);
});
