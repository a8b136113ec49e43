import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads the CLI's chunks (CommonJS, built by tooling/build.mjs from esbuild's code-split output)
 * with a V8 code cache beside them, so that a command's start does not compile again what the
 * last one compiled. Node 20 has no compile cache of its own (module.enableCompileCache came in
 * 22.1), and none at all for ES modules: the chunks are CommonJS to be loaded through vm.Script,
 * which takes V8's cached data. Measured in docs/startup.md.
 *
 * A chunk's cache is written when the process exits, after the command ran (so it holds the
 * functions the command compiled), and only when the chunk had none or V8 refused it. It is keyed
 * by the chunk's size and modification time: V8 itself checks only the source's length, and a
 * cache of other code would run that other code. Files are private to the user (0600 in a 0700
 * folder); a folder the process cannot write (an installed copy) only means no cache.
 */

/** Dynamic import() in a chunk: a chunk by its relative name, anything else a real import. */
type ChunkImport = (specifier: string) => Promise<unknown>;
type ChunkFunction = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
  chunkImport: ChunkImport,
) => void;

interface LoadedChunk {
  script: Script;
  cacheFile: string;
  /** The cache was missing or V8 refused it: write one at exit. */
  writeCache: boolean;
}

/** The folder, below the chunks', that holds their code cache. */
export const CODE_CACHE_DIR = 'code-cache';

export interface ChunkLoader {
  /** Runs a chunk (once; later calls return its exports). */
  load(name: string): unknown;
  /** Writes the code cache of the chunks that had none; what it wrote. */
  saveCache(): string[];
}

export function chunkLoader(dir: string): ChunkLoader {
  const modules = new Map<string, { exports: unknown }>();
  const loaded: LoadedChunk[] = [];
  const cacheDir = join(dir, CODE_CACHE_DIR);

  // Chunk names are relative to their folder (./chunk-X.cjs); everything else is Node's to find.
  const chunkName = (specifier: string) => (specifier.startsWith('./') ? specifier.slice(2) : null);

  const chunkImport: ChunkImport = (specifier) => {
    const name = chunkName(specifier);
    // A real import() here, in a module Node loaded: vm.Script code cannot import (Node 20 needs
    // --experimental-vm-modules for that). pdfjs-dist is an ES module only.
    return name === null ? import(specifier) : Promise.resolve().then(() => load(name));
  };

  function load(name: string): unknown {
    const known = modules.get(name);
    if (known) return known.exports;
    const file = join(dir, name);
    const { size, mtimeMs } = statSync(file);
    const cacheFile = join(cacheDir, `${name}.${size}.${Math.floor(mtimeMs)}.v8`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const source = readFileSync(file, 'utf8');
    const script = new Script(
      `(function (exports, require, module, __filename, __dirname, __precisImport) {${source}\n})`,
      { filename: file, cachedData },
    );
    loaded.push({ script, cacheFile, writeCache: cachedData === undefined || script.cachedDataRejected === true });
    const module = { exports: {} };
    // Set before it runs: a chunk that imports one still loading gets its exports (as CommonJS does).
    modules.set(name, module);
    const nodeRequire = createRequire(file);
    const chunkRequire = Object.assign((specifier: string) => {
      const chunk = chunkName(specifier);
      return chunk === null ? nodeRequire(specifier) : load(chunk);
    }, nodeRequire) as NodeJS.Require;
    (script.runInThisContext() as ChunkFunction)(
      module.exports,
      chunkRequire,
      module,
      file,
      dirname(file),
      chunkImport,
    );
    return module.exports;
  }

  function saveCache(): string[] {
    const written: string[] = [];
    for (const chunk of loaded.filter((c) => c.writeCache)) {
      try {
        mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
        const temporary = `${chunk.cacheFile}.${process.pid}`;
        writeFileSync(temporary, chunk.script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, chunk.cacheFile);
        written.push(chunk.cacheFile);
      } catch {
        // No cache (a read-only install, a full disk): the next start compiles, as Node would.
      }
      chunk.writeCache = false;
    }
    return written;
  }

  return { load, saveCache };
}

/** The CLI's entry (dist/main/cli.cjs): runs the entry chunk; the cache is saved as the process ends. */
export function runChunks(dir: string, entry: string): void {
  const loader = chunkLoader(dir);
  process.once('exit', () => loader.saveCache());
  loader.load(entry);
}
