// Builds what is stale: the CLI/core bundle, the Electron main + preload bundles, the renderer.
// Usage: node tooling/build.mjs [--only cli|electron|renderer] [--force] [--quiet]
import { readFile } from 'node:fs/promises';
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

/*
 * linkedom (the importers' DOM) gives every node it builds, text and element alike, a WeakMap
 * entry holding an empty Map of event listeners, in the EventTarget constructor. Nothing in an
 * import ever listens to a node, yet that allocation, and the ephemeron tables the collector must
 * then walk, were 10-15% of a parse worker's CPU on the benchmark's pages (docs/search.md, stop
 * 27). The bundled copy makes that Map on the first addEventListener instead; every other use
 * already treats a node without one as a node without listeners. Each edit must match, so a
 * linkedom that changed this file fails the build instead of being bundled unpatched.
 */
export const LINKEDOM_LAZY_LISTENER_EDITS = [
  ['    wm.set(this, new Map);\n', ''],
  [
    '  addEventListener(type, listener, options) {\n    const map = wm.get(this);\n',
    '  addEventListener(type, listener, options) {\n    let map = wm.get(this);\n    if (!map) wm.set(this, (map = new Map));\n',
  ],
  [
    '  removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map.has(type)) {\n',
    '  removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map && map.has(type)) {\n',
  ],
];

const linkedomLazyListeners = {
  name: 'linkedom-lazy-listeners',
  setup(build) {
    build.onLoad({ filter: /[\\/]linkedom[\\/](?:esm|cjs)[\\/]interface[\\/]event-target\.js$/ }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      for (const [from, to] of LINKEDOM_LAZY_LISTENER_EDITS) {
        if (!contents.includes(from)) throw new Error(`${args.path} changed: revisit linkedomLazyListeners`);
        contents = contents.replace(from, to);
      }
      return { contents, loader: 'js' };
    });
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
  plugins: [zodEnglishOnly, linkedomLazyListeners],
};

/*
 * The CLI is split into chunks by esbuild (code splitting): each command's `await import()` loads
 * only its own chunks, so `precis --help` and `precis search` never parse the PDF, Word, HTML and
 * citation libraries (docs/startup.md). esbuild splits ES modules only; each chunk is then turned
 * into CommonJS, so that main/cli/chunkLoader.ts can run it through vm.Script with a V8 code cache
 * (Node 20 caches no compiled code of its own, and none for ES modules). The chunks go to
 * dist/main/cli-chunks/; dist/main/cli.cjs, the entry everything runs (and the staleness marker),
 * is the loader, written last.
 */
const CHUNKS_DIR = 'cli-chunks';

/** An ES module chunk as CommonJS: its imports of chunks become the loader's, `import()` too. */
async function chunkAsCommonJs(transform, name, text) {
  // Chunk files are named ./name-HASH.mjs; as CommonJS they are .cjs.
  const renamed = text.replace(/"\.\/([\w.-]+)\.mjs"/g, '"./$1.cjs"');
  // import() cannot run in vm.Script code on Node 20: the loader's __precisImport does it.
  const imports = renamed.replace(/\bimport\("([^"]+)"\)/g, '__precisImport("$1")');
  if (/\bimport\(/.test(imports)) throw new Error(`${name}: an import() the CLI's chunk loader cannot take`);
  return transform(imports, {
    format: 'cjs',
    platform: 'node',
    target: nodeBundle.target,
    sourcefile: name,
    // The split build's map is inline in its text: the chunk's map leads back to the sources.
    sourcemap: 'external',
    minifyWhitespace: true,
    minifySyntax: true,
  });
}

async function buildCli() {
  const { build, transform } = await import('esbuild');
  const { mkdirSync, rmSync, writeFileSync } = await import('node:fs');
  const { basename } = await import('node:path');
  // The PDF/Word parsing worker (main/importers/parseInWorker.ts) is found next to cli.cjs; it is
  // built first, so a fresh cli.cjs (the staleness marker) always has a worker as fresh beside it.
  await build({
    ...nodeBundle,
    entryPoints: [at('main', 'importers', 'parseWorker.ts')],
    outfile: at('dist', 'main', 'parseWorker.cjs'),
  });
  const outdir = at('dist', 'main', CHUNKS_DIR);
  const split = await build({
    ...nodeBundle,
    entryPoints: { cli: at('main', 'cli.ts') },
    outdir,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    sourcemap: 'inline',
    write: false,
    // Every command parses its chunks at start: whitespace and syntax minified, a quarter fewer
    // bytes; names kept, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // The chunks of an older build, and their code cache, go.
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  for (const file of split.outputFiles) {
    const name = basename(file.path).replace(/\.mjs$/, '.cjs');
    const { code, map } = await chunkAsCommonJs(transform, name, file.text);
    writeFileSync(join(outdir, name), `${code}//# sourceMappingURL=${name}.map\n`);
    writeFileSync(join(outdir, `${name}.map`), map);
  }
  await build({
    ...nodeBundle,
    stdin: {
      contents: `require('./cli/chunkLoader').runChunks(require('node:path').join(__dirname, '${CHUNKS_DIR}'), 'cli.cjs');`,
      resolveDir: at('main'),
      sourcefile: 'cli-entry.cjs',
    },
    outfile: at('dist', 'main', 'cli.cjs'),
  });
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
