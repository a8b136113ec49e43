import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CODE_CACHE_DIR, chunkLoader } from '../../../main/cli/chunkLoader';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

/*
 * Issue 13: the CLI's chunks run through a V8 code cache (main/cli/chunkLoader.ts). The cache
 * must never run other code than the chunk's own (V8 checks only the source's length), must be
 * private to the user, and a cache that cannot be used or written must cost nothing but speed.
 */

/** Three chunks as the build writes them: a static require, a dynamic import of a chunk and of Node's. */
function chunks(): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'entry.cjs'),
    'const b = require("./b.cjs"); exports.value = b.twice(21);\n' +
      'exports.later = () => __precisImport("./c.cjs");\n' +
      'exports.os = () => __precisImport("node:os");\n',
  );
  writeFileSync(join(dir, 'b.cjs'), 'exports.twice = (n) => n * 2;\n');
  writeFileSync(join(dir, 'c.cjs'), 'exports.name = "c"; exports.file = __filename;\n');
  return dir;
}

const cacheFiles = (dir: string) => readdirSync(join(dir, CODE_CACHE_DIR)).sort();

describe('the CLI chunk loader', () => {
  it('runs chunks once each, imports chunks and Node modules, and caches what it compiled privately', async () => {
    const dir = chunks();
    const loader = chunkLoader(dir);
    const entry = loader.load('entry.cjs') as { value: number; later(): Promise<unknown>; os(): Promise<unknown> };
    expect(entry.value).toBe(42);
    expect(loader.load('entry.cjs')).toBe(entry);
    expect(await entry.later()).toEqual({ name: 'c', file: join(dir, 'c.cjs') });
    expect(typeof ((await entry.os()) as { cpus: unknown }).cpus).toBe('function');

    expect(loader.saveCache()).toHaveLength(3);
    expect(loader.saveCache()).toEqual([]);
    expect(statSync(join(dir, CODE_CACHE_DIR)).mode & 0o777).toBe(0o700);
    for (const file of cacheFiles(dir)) expect(statSync(join(dir, CODE_CACHE_DIR, file)).mode & 0o777).toBe(0o600);

    // Found by the next loader: nothing to write (across processes: commandLoading.test.ts).
    const next = chunkLoader(dir);
    expect((next.load('entry.cjs') as { value: number }).value).toBe(42);
    await (next.load('entry.cjs') as { later(): Promise<unknown> }).later();
    expect(next.saveCache()).toEqual([]);
  });

  it('never runs a cache of other code: a chunk rebuilt to the same length runs as rebuilt', () => {
    const dir = chunks();
    const file = join(dir, 'factor.cjs');
    // Top-level code: what a code cache holds compiled (a function not yet run is compiled later, from the source).
    writeFileSync(file, 'exports.factor = 2;\n');
    const first = chunkLoader(dir);
    expect((first.load('factor.cjs') as { factor: number }).factor).toBe(2);
    expect(first.saveCache()).toHaveLength(1);
    // Same length, other code, a later time (a rebuild): V8 checks only the length, and would run the old.
    writeFileSync(file, 'exports.factor = 3;\n');
    const later = new Date(statSync(file).mtimeMs + 5_000);
    utimesSync(file, later, later);
    const rebuilt = chunkLoader(dir);
    expect((rebuilt.load('factor.cjs') as { factor: number }).factor).toBe(3);
    expect(rebuilt.saveCache()).toHaveLength(1);
    expect(cacheFiles(dir)).toHaveLength(2);
  });

  it('replaces a cache V8 refuses, and runs without one where it cannot write', () => {
    const dir = chunks();
    // A chunk this process never compiled (V8 would otherwise take it from its own memory).
    const file = join(dir, 'damaged.cjs');
    writeFileSync(file, `exports.made = ${Date.now()};\n`);
    const { size, mtimeMs } = statSync(file);
    const cache = join(dir, CODE_CACHE_DIR, `damaged.cjs.${size}.${Math.floor(mtimeMs)}.v8`);
    mkdirSync(join(dir, CODE_CACHE_DIR), { mode: 0o700 });
    writeFileSync(cache, 'not a code cache');
    const loader = chunkLoader(dir);
    expect(typeof (loader.load('damaged.cjs') as { made: number }).made).toBe('number');
    expect(loader.saveCache()).toEqual([cache]);
    expect(readFileSync(cache).toString()).not.toBe('not a code cache');

    // A folder it cannot write (here: a file where the cache folder would be).
    const readOnly = chunks();
    writeFileSync(join(readOnly, CODE_CACHE_DIR), '');
    const unwritable = chunkLoader(readOnly);
    expect((unwritable.load('entry.cjs') as { value: number }).value).toBe(42);
    expect(unwritable.saveCache()).toEqual([]);
  });
});
