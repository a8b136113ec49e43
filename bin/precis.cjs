#!/usr/bin/env node
// `precis` (npm link) and `npx precis` entry: rebuilds the CLI bundle only if it is stale (the check
// `npm start` uses), then runs it. Kept to what every start needs: child_process loads only to build.
const { join } = require('node:path');
const { root, isStale } = require('../tooling/staleness.cjs');

if (isStale('cli')) {
  const build = join(root, 'tooling', 'build.mjs');
  const { spawnSync } = require('node:child_process');
  const result = spawnSync(process.execPath, [build, '--only', 'cli', '--quiet'], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write('precis: could not build the CLI (see above).\n');
    process.exit(1);
  }
}
require(join(root, 'dist', 'main', 'cli.cjs'));
