#!/usr/bin/env node
/**
 * Compiles the TypeScript sources into build/ only when one of them changed
 * since the last good build, for every command (bin/stackport, the npm
 * scripts, scripts/cdk8s-app.js). Plain JavaScript, so that it runs before
 * anything is compiled.
 *
 * - `tsc --incremental` (its state in build/.tsbuildinfo) recompiles only what changed.
 * - A good build is marked by build/.built; the sources are compared with its time.
 * - Compiled files whose source is gone (a test file moved or deleted) are removed, so that
 *   jest never finds a test that no longer exists.
 * - A failed tsc prints its diagnostics (file(line,col): error ...) as they are and
 *   removes build/, so that no stale build is left to run; the next command compiles again.
 *
 *   node scripts/build.js      compile if needed; exit 1 when tsc fails
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const build = path.join(root, 'build');
const stamp = path.join(build, '.built');
/** Everything tsconfig.json compiles, and the settings of the compile. */
const SOURCES = ['main.ts', 'cli.ts', 'tsconfig.json', 'package-lock.json', 'charts', 'environments', 'lib', 'imports', 'scripts', 'test'];

/** The newest modification time of the TypeScript sources and settings below `p`, folders included (a deleted file changes its folder). */
function newest(p) {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (stat === undefined) {
    return 0;
  }
  if (!stat.isDirectory()) {
    return /\.(ts|json)$/.test(p) ? stat.mtimeMs : 0;
  }
  return Math.max(stat.mtimeMs, ...fs.readdirSync(p).map(name => newest(path.join(p, name))));
}

/** Whether build/ is older than a source. */
function stale() {
  const built = fs.statSync(stamp, { throwIfNoEntry: false });
  return built === undefined || built.mtimeMs < Math.max(...SOURCES.map(s => newest(path.join(root, s))));
}

/** Removes every compiled .js file below `dir` whose TypeScript source (the same path below the project) no longer exists. */
function removeOrphans(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removeOrphans(file);
    } else if (entry.name.endsWith('.js') && !fs.existsSync(path.join(root, path.relative(build, file)).replace(/\.js$/, '.ts'))) {
      fs.rmSync(file);
    }
  }
}

/**
 * Compiles when a source changed. `say` gets one line before a compile.
 * Returns true when build/ is good, false when tsc failed (its diagnostics printed, build/ removed).
 */
function ensureBuilt(say = line => console.error(line)) {
  if (!stale()) {
    return true;
  }
  say('stackport: compiling (sources changed since the last build)');
  const started = Date.now();
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', root,
    '--incremental', '--tsBuildInfoFile', path.join(build, '.tsbuildinfo'), '--noEmitOnError'], { stdio: 'inherit' });
  if (r.status !== 0) {
    fs.rmSync(build, { recursive: true, force: true });
    say(`stackport: tsc failed${r.error === undefined ? '' : ` (${r.error.message})`}; fix the errors above; build/ is removed, so nothing stale runs`);
    return false;
  }
  removeOrphans(build);
  fs.writeFileSync(stamp, `built in ${Date.now() - started} ms\n`);
  return true;
}

module.exports = { ensureBuilt };

if (require.main === module) {
  process.exitCode = ensureBuilt() ? 0 : 1;
}
