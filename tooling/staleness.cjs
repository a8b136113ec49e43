// What each build target is made from and whether it is stale: the one check behind `npm run build`,
// `npm start` (tooling/build.mjs) and `npx precis` (bin/precis.cjs, which must stay CommonJS and cheap).
const { readdirSync, statSync } = require('node:fs');
const { join, sep } = require('node:path');

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

/**
 * True when anything under `full` (the folder itself too: a deleted file changes it) was modified
 * after `built`. Runs before every `precis` command (bin/precis.cjs), so it is kept cheap: one stat
 * a file, names joined by hand (path.join costs more than the stat here), and it stops at the
 * first newer file.
 */
function changedSince(full, built) {
  const info = statSync(full, { throwIfNoEntry: false });
  if (!info) return false;
  if (info.mtimeMs > built) return true;
  if (!info.isDirectory()) return false;
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    const path = `${full}${sep}${entry.name}`;
    if (entry.isDirectory() ? changedSince(path, built) : statSync(path).mtimeMs > built) return true;
  }
  return false;
}

/** True when the target's output is missing or older than any of its inputs. */
function isStale(name) {
  const target = TARGETS[name];
  if (!target) throw new Error(`Unknown build target ${name}; choose one of ${Object.keys(TARGETS).join(', ')}`);
  const output = statSync(target.output, { throwIfNoEntry: false });
  if (!output) return true;
  return target.inputs.some((input) => changedSince(join(root, input), output.mtimeMs));
}

module.exports = { root, TARGETS, isStale, changedSince };
