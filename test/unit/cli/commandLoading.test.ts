import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/browserSession';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

/*
 * Issue 13: `precis --help` and `precis search` load only what they need (docs/startup.md). The
 * CLI is chunks that main/cli/chunkLoader.ts reads itself; a preload notes every chunk the process
 * reads, and each chunk's source map lists the files it was built from, so which libraries it
 * holds (the chunks are minified: no comments left to read).
 */
const CLI = join(ROOT, 'dist', 'main', 'cli.cjs');
const CHUNKS = join(ROOT, 'dist', 'main', 'cli-chunks');
const PRELOAD = `const fs = require('node:fs');
const readFileSync = fs.readFileSync;
fs.readFileSync = function (path, ...rest) {
  if (typeof path === 'string' && path.startsWith(${JSON.stringify(`${CHUNKS}/`)}) && path.endsWith('.cjs')) {
    fs.writeSync(2, 'precis-loaded ' + path + '\\n');
  }
  return readFileSync.call(this, path, ...rest);
};
// Node's own modules the process loaded (process.moduleLoadList: undocumented, but Node's own record).
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13));
  fs.writeSync(2, 'precis-builtins ' + builtins.join(' ') + '\\n');
});`;
const HEAVY = [
  'citeproc',
  'docx',
  'mammoth',
  'linkedom',
  'pdfjs-dist',
  '@mozilla/readability',
  'jszip',
  'tesseract.js',
];

const HEAVY_BUILTINS = ['crypto', 'worker_threads', 'http', 'https', 'zlib'];
/** What process.stdout builds for a pipe (net) or a terminal (tty): the CLI writes to fd 1 itself. */
const STDOUT_BUILTINS = ['net', 'tty', 'stream'];

/** Runs the built CLI; returns its exit code and the libraries in the chunks it loaded. */
function run(args: string[]): { status: number | null; libraries: Set<string>; chunks: number; builtins: string[] } {
  const preload = join(tempDir(), 'noteChunks.cjs');
  writeFileSync(preload, PRELOAD);
  const result = spawnSync(process.execPath, ['--require', preload, CLI, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const chunks = [...result.stderr.matchAll(/^precis-loaded (\S+)$/gm)].map((m) => m[1]!);
  const libraries = new Set<string>();
  for (const chunk of chunks) {
    const { sources } = JSON.parse(readFileSync(`${chunk}.map`, 'utf8')) as { sources: string[] };
    for (const source of sources) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
      if (m) libraries.add(m[1]!);
    }
  }
  const builtins = /^precis-builtins (.*)$/m.exec(result.stderr)?.[1]?.split(' ') ?? [];
  return { status: result.status, libraries, chunks: chunks.length, builtins };
}

describe('each command loads what it needs', () => {
  it('--help loads no library at all', () => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.chunks).toBeGreaterThan(0);
    expect([...help.libraries]).toEqual([]);
    // stdout is a pipe here, as in bench:startup: no stream built for it (main/cli/output.ts).
    expect(help.builtins.filter((name) => STDOUT_BUILTINS.includes(name))).toEqual([]);
  });

  it('search loads the contract (zod) but none of the import, export or citation libraries', () => {
    const dataDir = tempDir();
    // The first use seeds the archive through the importers; the search after it is the one timed.
    expect(run(['sources', '--data-dir', dataDir]).status).toBe(0);
    const search = run(['search', 'housing', '--data-dir', dataDir]);
    expect(search.status).toBe(0);
    expect(search.libraries.has('zod')).toBe(true);
    expect(HEAVY.filter((library) => search.libraries.has(library))).toEqual([]);
    // Node's modules cost a start too: crypto ~15 ms of CPU, worker_threads, http and zlib ~10 ms each.
    expect(search.builtins).toContain('fs');
    expect(search.builtins.filter((name) => HEAVY_BUILTINS.includes(name))).toEqual([]);
    expect(search.builtins.filter((name) => STDOUT_BUILTINS.includes(name))).toEqual([]);
  });
});

describe("the CLI's code cache", () => {
  it('is written by the first start, private, and taken by the next (V8 refuses none of it)', () => {
    // A copy of the built CLI, so that other tests' runs write nothing into its cache meanwhile.
    const dir = tempDir();
    cpSync(CLI, join(dir, 'cli.cjs'));
    cpSync(CHUNKS, join(dir, 'cli-chunks'), { recursive: true, filter: (path) => !path.includes('code-cache') });
    const help = () => spawnSync(process.execPath, [join(dir, 'cli.cjs'), '--help'], { encoding: 'utf8' });
    expect(help().status).toBe(0);
    const cacheDir = join(dir, 'cli-chunks', 'code-cache');
    const written = readdirSync(cacheDir).map((name) => [name, statSync(join(cacheDir, name))] as const);
    expect(written.length).toBeGreaterThan(0);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    for (const [, stat] of written) expect(stat.mode & 0o777).toBe(0o600);

    const second = help();
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Usage: precis');
    // A refused cache would be written again: same files, same inodes, same times.
    expect(readdirSync(cacheDir).sort()).toEqual(written.map(([name]) => name).sort());
    for (const [name, stat] of written) {
      const now = statSync(join(cacheDir, name));
      expect([now.ino, now.mtimeMs]).toEqual([stat.ino, stat.mtimeMs]);
    }
  });
});
