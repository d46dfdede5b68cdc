/** main.js and the stackport command, run as processes, read their options through the one table. */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { usage } from '../../lib/cli/options';

test('main.js and the stackport command print the same synth usage, from the table', () => {
  const main = spawnSync(process.execPath, [path.resolve('build/main.js'), '--help'], { encoding: 'utf8' });
  const cli = spawnSync(process.execPath, [path.resolve('build/cli.js'), '--', 'synth', '--help'], { encoding: 'utf8' });
  expect([main.status, main.stdout]).toEqual([0, usage('synth')]);
  expect([cli.status, cli.stdout]).toEqual([0, usage('synth')]);
  expect(usage('synth')).toContain('--repo-url URL');
});

test('main.js and the stackport command refuse a misused option with the same line', () => {
  const main = spawnSync(process.execPath, [path.resolve('build/main.js'), '--out', '--env', 'local'], { encoding: 'utf8' });
  const cli = spawnSync(process.execPath, [path.resolve('build/cli.js'), '--', 'synth', '--out', '--env', 'local'], { encoding: 'utf8' });
  const line = "synth: '--out' needs a value, e.g. --out /tmp/dist (a value starting with '-' is written --out=VALUE)\n";
  expect([main.status, main.stderr]).toEqual([2, line]);
  expect([cli.status, cli.stderr]).toEqual([2, line]);
});
