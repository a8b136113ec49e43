import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/browserSession';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

/*
 * Issue 13: `precis --help` and `precis search` load only what they need (docs/startup.md). The
 * CLI is ES module chunks; an ESM loader hook prints every chunk the process really loads, and
 * each chunk's source map lists the files it was built from, so which libraries it holds (the
 * chunks are minified: no comments left to read).
 */
const CLI = join(ROOT, 'dist', 'main', 'cli.cjs');
const HOOK = `import { writeSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) writeSync(2, 'precis-loaded ' + url + '\\n');
  return next(url, context);
}`;
const REGISTER = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;
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

/** Runs the built CLI; returns its exit code and the libraries in the chunks it loaded. */
function run(args: string[]): { status: number | null; libraries: Set<string>; chunks: number } {
  const result = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, CLI, ...args],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  const chunks = [...result.stderr.matchAll(/^precis-loaded (file:\S+)$/gm)].map((m) => fileURLToPath(m[1]!));
  const libraries = new Set<string>();
  for (const chunk of chunks) {
    if (!chunk.endsWith('.mjs')) continue;
    const { sources } = JSON.parse(readFileSync(`${chunk}.map`, 'utf8')) as { sources: string[] };
    for (const source of sources) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
      if (m) libraries.add(m[1]!);
    }
  }
  return { status: result.status, libraries, chunks: chunks.length };
}

describe('each command loads what it needs', () => {
  it('--help loads no library at all', () => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.chunks).toBeGreaterThan(0);
    expect([...help.libraries]).toEqual([]);
  });

  it('search loads the contract (zod) but none of the import, export or citation libraries', () => {
    const dataDir = tempDir();
    // The first use seeds the archive through the importers; the search after it is the one timed.
    expect(run(['sources', '--data-dir', dataDir]).status).toBe(0);
    const search = run(['search', 'housing', '--data-dir', dataDir]);
    expect(search.status).toBe(0);
    expect(search.libraries.has('zod')).toBe(true);
    expect(HEAVY.filter((library) => search.libraries.has(library))).toEqual([]);
  });
});
