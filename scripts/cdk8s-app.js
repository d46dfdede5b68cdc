#!/usr/bin/env node
/**
 * The app `cdk8s synth` runs (cdk8s.yaml). Plain JavaScript, so that it can
 * run before anything is compiled: it compiles the TypeScript sources only
 * when one of them changed since the last good build (scripts/build.js), then
 * runs the compiled synth (build/main.js) in this process. A failed compile
 * prints tsc's diagnostics and exits 1, leaving no build to run.
 */
const path = require('path');
const { ensureBuilt } = require('./build');

if (ensureBuilt(line => console.error(line.replace(/^stackport:/, 'synth:')))) {
  require(path.resolve(__dirname, '..', 'build', 'main.js'));
} else {
  process.exitCode = 1;
}
