#!/usr/bin/env node
/**
 * What bin/stackport runs: compiles when a source changed since the last good
 * build (scripts/build.js), then the command (build/cli.js), in one process.
 */
const path = require('path');
const { ensureBuilt } = require('./build');

if (ensureBuilt()) {
  require(path.resolve(__dirname, '..', 'build', 'cli.js'));
} else {
  process.exitCode = 1;
}
