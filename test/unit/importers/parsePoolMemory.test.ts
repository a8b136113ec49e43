import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getSource, listSources } from '../../../main/archive/sources';
import { closeParsePool, importBuffer } from '../../../main/importers/importBuffer';
import { ParsePool, PoolOutOfMemory } from '../../../main/importers/parsePool';
import { ROOT } from '../../support/browserSession';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(async () => {
  await closeParsePool();
  cleanUpTemp();
});

// The worker as the app runs it (built by `npm test` before the tests, as importWorkers.test.ts uses it).
const WORKER = join(ROOT, 'dist', 'main', 'parseWorker.cjs');
const encode = (html: string) => new TextEncoder().encode(html);
/** Room for the worker's own code and a short page, not for the long report's DOM. */
const CAP_MB = 24;

/** A long report as one HTML page: ~4 MB, far more DOM than CAP_MB holds. */
function longReport(): Uint8Array {
  const paragraphs = Array.from(
    { length: 40_000 },
    (_, i) =>
      `<p>Paragraph ${i} of the harbour survey counted vessels, moorings and the ice in the eastern channel.</p>`,
  );
  return encode(
    `<!doctype html><html><head><title>Harbour survey</title></head><body><article><h1>Harbour survey</h1>${paragraphs.join('')}<p>The last paragraph says the dredging starts in May.</p></article></body></html>`,
  );
}

const shortPage = encode(
  '<!doctype html><html><head><title>Ice report</title></head><body><article><h1>Ice report</h1>' +
    '<p>The ice left the bay in the second week of April, a week before the year before.</p>' +
    '<p>Ferries are to run from the first of May, the authority said on Tuesday.</p></article></body></html>',
);

/*
 * The parse pool's workers have a cap on their old generation (parsePool.ts): without one, V8 let
 * a worker's heap grow to 183 MB in about one import of the benchmark's pages in five. A page that
 * needs more than the cap must still be imported: read again in process, as without the pool.
 */
describe("the parse pool's memory cap", () => {
  it('fails the files of a worker that ran out of memory as PoolOutOfMemory, and replaces the worker', async () => {
    expect(existsSync(WORKER), 'run `npm run build` first').toBe(true);
    const pool = new ParsePool(WORKER, 1, CAP_MB);
    try {
      await expect(pool.parse('survey.html', longReport())).rejects.toBeInstanceOf(PoolOutOfMemory);
      const prepared = await pool.parse('ice.html', shortPage);
      expect(prepared.parsed.title).toBe('Ice report');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('imports a page larger than the cap by reading it again in process', async () => {
    const { db } = tempArchive();
    const options = { workerPath: WORKER, poolMemoryLimitMb: CAP_MB };
    const outcomes = await Promise.all([
      importBuffer(db, 'survey.html', longReport(), options),
      importBuffer(db, 'ice.html', shortPage, options),
    ]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['imported', 'imported']);
    const survey = listSources(db).find((source) => source.title === 'Harbour survey')!;
    const body = getSource(db, survey.id)!.body;
    expect(body).toContain('Paragraph 39999 of the harbour survey');
    expect(body).toContain('The last paragraph says the dredging starts in May.');
  }, 60_000);
});
