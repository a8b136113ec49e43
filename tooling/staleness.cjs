// What each build target is made from and whether it is stale: the one check behind `npm run build`,
// `npm start` (tooling/build.mjs) and `npx precis` (bin/precis.cjs, which must stay CommonJS and cheap).
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

/** Inputs are paths relative to the repository root; a folder counts by its newest file. */
const TARGETS = {
  cli: {
    inputs: ['main', 'shared', 'package.json', 'tooling/build.mjs'],
    output: join(root, 'dist', 'main', 'cli.cjs'),
  },
  electron: {
    inputs: ['main', 'shared', 'package.json', 'tooling/build.mjs'],
    output: join(root, 'dist', 'electron', 'main.cjs'),
  },
  renderer: {
    inputs: ['renderer', 'shared', 'package.json', 'tooling/renderer.vite.config.mts'],
    output: join(root, 'dist', 'renderer', 'index.html'),
  },
};

function newestMtime(full) {
  if (!existsSync(full)) return 0;
  const info = statSync(full);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(full)) newest = Math.max(newest, newestMtime(join(full, entry)));
  return newest;
}

/** True when the target's output is missing or older than any of its inputs. */
function isStale(name) {
  const target = TARGETS[name];
  if (!target) throw new Error(`Unknown build target ${name}; choose one of ${Object.keys(TARGETS).join(', ')}`);
  if (!existsSync(target.output)) return true;
  const built = statSync(target.output).mtimeMs;
  return target.inputs.some((input) => newestMtime(join(root, input)) > built);
}

module.exports = { root, TARGETS, isStale };
