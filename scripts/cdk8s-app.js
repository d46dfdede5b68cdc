#!/usr/bin/env node
/**
 * The app `cdk8s synth` runs (cdk8s.yaml). Plain JavaScript, so that it can
 * run before anything is compiled: it compiles the TypeScript sources with
 * `tsc` only when one of them is newer than the last build, then runs the
 * compiled synth in this process. A second `npx cdk8s synth` with nothing
 * changed skips tsc (type-checking on every run took 2.7 s of 4.3).
 * `npm run synth` and `npm test` always rebuild from scratch.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'build', 'main.js');
const SOURCES = ['main.ts', 'tsconfig.json', 'package-lock.json', 'charts', 'environments', 'lib', 'imports', 'scripts'];

/** The newest modification time of the TypeScript sources and build settings below `p`. */
function newest(p) {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (stat === undefined) {
    return 0;
  }
  if (!stat.isDirectory()) {
    return p.endsWith('.ts') || p.endsWith('.json') ? stat.mtimeMs : 0;
  }
  return Math.max(0, ...fs.readdirSync(p).map(name => newest(path.join(p, name))));
}

const built = fs.statSync(stamp, { throwIfNoEntry: false });
const sourcesTime = Math.max(...SOURCES.map(s => newest(path.join(root, s))));
if (built === undefined || built.mtimeMs < sourcesTime) {
  console.error('synth: compiling (sources changed since the last build)');
  // Without --incremental, tsc writes every output file, so build/main.js is newer than the sources afterwards.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });
}
require(stamp);
