// Builds what is stale: the CLI/core bundle, the Electron main + preload bundles, the renderer.
// Usage: node tooling/build.mjs [--only cli|electron|renderer] [--force] [--quiet]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import staleness from './staleness.cjs';

const { root, TARGETS, isStale } = staleness;
const at = (...parts) => join(root, ...parts);

const BUILDERS = { cli: buildCli, electron: buildElectron, renderer: buildRenderer };

/*
 * zod's namespace (`import { z } from 'zod'`) re-exports its error messages in 60-odd languages
 * (370 KB, half of zod in the bundle): a namespace keeps every export, so nothing is tree-shaken, and
 * every command parsed them at start. Précis words its own errors (shared/i18n) and never calls
 * z.config(z.locales.xx()); zod sets English itself. So `z.locales` holds English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'english-only.js'), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
    }));
  },
};

/** esbuild settings of every Node bundle: the app's and the benchmarks' (bench/run.mjs). */
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Native and Electron modules load at run time from node_modules (or the Electron runtime).
  // pdfjs-dist is ESM-only and loaded lazily on the first PDF: kept external, its import() stays a
  // real dynamic import of node_modules/pdfjs-dist (see main/importers/formats/pdf.ts).
  // tesseract.js starts its worker thread and WebAssembly core from its own files in node_modules.
  // pg (the team archive) is loaded only by the commands given --archive; its optional pg-native is never used.
  external: ['better-sqlite3', 'electron', 'pdfjs-dist', 'tesseract.js', 'pg', 'pg-native'],
  plugins: [zodEnglishOnly],
};

/*
 * The CLI is ES modules split into chunks (dist/main/cli.mjs and chunk-*.mjs): each command's
 * `await import()` loads only its own chunks, so `precis --help` and `precis search` never parse
 * the PDF, Word, HTML and citation libraries (docs/startup.md). The bundled CommonJS packages
 * call require(), and our code uses __dirname/__filename; the banner gives every chunk those.
 * dist/main/cli.cjs, the entry everything runs (and the staleness marker), is written last.
 */
const ESM_BANNER = [
  "import { createRequire as __precisRequire } from 'node:module';",
  "import { dirname as __precisDirname } from 'node:path';",
  "import { fileURLToPath as __precisPath } from 'node:url';",
  'const require = __precisRequire(import.meta.url);',
  'const __filename = __precisPath(import.meta.url);',
  'const __dirname = __precisDirname(__filename);',
].join(' ');

async function buildCli() {
  const { build } = await import('esbuild');
  const { readdirSync, rmSync, writeFileSync } = await import('node:fs');
  // The PDF/Word parsing worker (main/importers/parseInWorker.ts) is found next to cli.cjs; it is
  // built first, so a fresh cli.cjs (the staleness marker) always has a worker as fresh beside it.
  await build({
    ...nodeBundle,
    entryPoints: [at('main', 'importers', 'parseWorker.ts')],
    outfile: at('dist', 'main', 'parseWorker.cjs'),
  });
  const outdir = at('dist', 'main');
  for (const name of readdirSync(outdir, { withFileTypes: true }).map((entry) => entry.name)) {
    if (/^(chunk-.*|cli)\.mjs(\.map)?$/.test(name)) rmSync(join(outdir, name));
  }
  await build({
    ...nodeBundle,
    entryPoints: { cli: at('main', 'cli.ts') },
    outdir,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    banner: { js: ESM_BANNER },
    // Every command parses its chunks at start (Node 20 keeps no compile cache for ES modules):
    // whitespace and syntax minified, a quarter fewer bytes; names kept, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  writeFileSync(
    at('dist', 'main', 'cli.cjs'),
    "// Built by tooling/build.mjs: the CLI's entry, a CommonJS door onto its ES module chunks.\n" +
      "import(require('node:url').pathToFileURL(require('node:path').join(__dirname, 'cli.mjs')).href);\n",
  );
}

async function buildElectron() {
  const { build } = await import('esbuild');
  await build({
    ...nodeBundle,
    entryPoints: [at('main', 'electron', 'main.ts')],
    outfile: at('dist', 'electron', 'main.cjs'),
  });
  // A sandboxed preload can load only Electron's own module: everything else must be bundled in.
  await build({
    ...nodeBundle,
    entryPoints: [at('main', 'electron', 'preload.ts')],
    outfile: at('dist', 'electron', 'preload.cjs'),
  });
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: at('tooling', 'renderer.vite.config.mts'), logLevel: 'warn' });
}

export async function buildStale({ only, force = false, quiet = false } = {}) {
  const names = only ? [only] : Object.keys(TARGETS);
  for (const name of names) {
    if (!force && !isStale(name)) continue;
    const started = performance.now();
    await BUILDERS[name]();
    if (!quiet) console.error(`built ${name} in ${Math.round(performance.now() - started)} ms`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, force: { type: 'boolean' }, quiet: { type: 'boolean' } },
  });
  if (values.only && !TARGETS[values.only]) {
    console.error(`Unknown target ${values.only}; choose one of ${Object.keys(TARGETS).join(', ')}`);
    process.exit(2);
  }
  await buildStale({ only: values.only, force: values.force, quiet: values.quiet });
}
