import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeHtmlPages } from '../../../bench/htmlPages';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { seedIfEmpty } from '../../../main/archive/seed';
import { importPaths } from '../../../main/importers/importPaths';
import { poolSize } from '../../../main/importers/parsePool';
import { ROOT } from '../../support/browserSession';
import { buildPdf } from '../importers/fixtures';
import { cleanUpTemp, SEEDS_DIR, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

/*
 * The built CLI runs its code from dist/main/cli-chunks/ (main/cli/chunkLoader.ts), one folder
 * below the parse worker it must find (dist/main/parseWorker.cjs). When it did not find it,
 * `precis import` parsed every file on its one thread: HTML without the parse pool's second core,
 * and PDF and Word without their time and memory limits. A preload notes every worker thread the
 * process starts, by its script. The data folder is new, so the command seeds it first: five small
 * text files, parsed in process (a pool's threads cost ~0.4 s of CPU each to start).
 */
const CLI = join(ROOT, 'dist', 'main', 'cli.cjs');
const WORKER = join(ROOT, 'dist', 'main', 'parseWorker.cjs');
const PRELOAD = `const fs = require('node:fs');
const threads = require('node:worker_threads');
const Worker = threads.Worker;
threads.Worker = class extends Worker {
  constructor(script, options) {
    fs.writeSync(2, 'precis-worker ' + String(script) + '\\n');
    super(script, options);
  }
};`;

function importWithWorkersNoted(folder: string): { status: number | null; stdout: string; workers: string[] } {
  const preload = join(tempDir(), 'noteWorkers.cjs');
  writeFileSync(preload, PRELOAD);
  const result = spawnSync(process.execPath, ['--require', preload, CLI, 'import', folder, '--data-dir', tempDir()], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const workers = [...result.stderr.matchAll(/^precis-worker (.+)$/gm)].map((m) => m[1]!);
  return { status: result.status, stdout: result.stdout, workers };
}

describe('precis import reads files in worker threads', () => {
  it('parses HTML in one parse pool and a PDF in a worker of its own, all from dist/main/parseWorker.cjs; seeding starts none', () => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    const folder = join(tempDir(), 'pages');
    mkdirSync(folder);
    for (const n of [1, 2, 3]) {
      writeFileSync(
        join(folder, `page-${n}.html`),
        `<!doctype html><html><head><title>Harbour report ${n}</title></head><body><article><h1>Harbour report ${n}</h1>` +
          `<p>The harbour authority counted ${n * 40} vessels in the third week of the survey, more than the year before.</p>` +
          '<p>Dredging of the eastern channel is to start once the ice is out of the bay.</p></article></body></html>',
      );
    }
    writeFileSync(
      join(folder, 'transcript.pdf'),
      buildPdf([{ lines: ['The committee heard twelve witnesses over three days of hearings in Iqaluit.'] }]),
    );
    const run = importWithWorkersNoted(folder);
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain('4 imported, 0 duplicates, 0 failed');
    // One parse pool (a worker per core beside the writer's: 1–4), and the PDF's own worker.
    expect(run.workers).toEqual(Array.from({ length: poolSize() + 1 }, () => WORKER));
  }, 180_000);
});

/** What an import stores, without the time it was imported at. */
const STORED = [
  `SELECT id, title, outlet, author, published_at, language, url, body, original, original_packed, content_hash, file_name,
     word_count, format, page_starts, cluster_id FROM sources ORDER BY id`,
  'SELECT source_id, bucket FROM source_lsh_buckets ORDER BY source_id, bucket',
  'SELECT * FROM source_provenance ORDER BY 1, 2',
  'SELECT term, source_id, title_count, body_count, doc_length FROM search_impacts ORDER BY term, source_id',
];

describe('precis import in workers stores what parsing in process stores', () => {
  it('the same sources (sanitised originals included), clusters, fingerprints, provenance and ranking lists', async () => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    const folder = join(tempDir(), 'pages');
    mkdirSync(folder);
    writeHtmlPages(folder, 150);
    const dataDir = tempDir();
    const run = spawnSync(process.execPath, [CLI, 'import', folder, '--data-dir', dataDir], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status, run.stderr).toBe(0);
    // Vitest runs the TypeScript sources, where no bundled worker exists: every page parses in process.
    const { db } = tempArchive();
    await seedIfEmpty(db, SEEDS_DIR);
    await importPaths(db, [folder]);
    const cli = new Database(join(dataDir, ARCHIVE_FILE_NAME), { readonly: true });
    try {
      for (const query of STORED) expect(cli.prepare(query).all()).toEqual(db.prepare(query).all());
      const clustered = db.prepare('SELECT count(*) FROM sources WHERE cluster_id IS NOT NULL').pluck().get();
      expect(clustered).toBeGreaterThan(0);
    } finally {
      cli.close();
    }
  }, 300_000);
});

describe('the parse pool', () => {
  it('leaves one core to the writer: one worker on 1 or 2 cores, at most four', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => poolSize(cores))).toEqual([1, 1, 2, 3, 4, 4]);
  });
});
