#!/usr/bin/env node
// `npx precis` entry: rebuilds the CLI bundle only if a source is newer than it, then runs it.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const bundle = join(root, 'dist', 'main', 'cli.cjs');

function newerThan(path, time) {
  const info = statSync(path);
  if (info.mtimeMs > time) return true;
  return info.isDirectory() && readdirSync(path).some((entry) => newerThan(join(path, entry), time));
}

const builtAt = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
if (!builtAt || ['main', 'shared', 'package.json'].some((p) => newerThan(join(root, p), builtAt))) {
  const build = join(root, 'main', 'tooling', 'build.mjs');
  const result = spawnSync(process.execPath, [build, '--only', 'cli', '--quiet'], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write('precis: could not build the CLI (see above).\n');
    process.exit(1);
  }
}
require(bundle);
