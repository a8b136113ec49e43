import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { poolSize } from '../../../main/importers/parsePool';
import { ROOT } from '../../support/browserSession';
import { buildPdf } from '../importers/fixtures';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

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

describe('the parse pool', () => {
  it('leaves one core to the writer: one worker on 1 or 2 cores, at most four', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => poolSize(cores))).toEqual([1, 1, 2, 3, 4, 4]);
  });
});
