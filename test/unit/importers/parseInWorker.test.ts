import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../../main/importers/parseFile';
import { bundledParseWorker, parseFileIsolated } from '../../../main/importers/parseInWorker';
import { buildDocx, buildPdf } from './fixtures';

const ROOT = join(__dirname, '..', '..', '..');
const PARAGRAPH = 'The committee heard twelve witnesses over three days of hearings in Iqaluit and Ottawa.';

/*
 * Unit tests run the TypeScript sources, where no bundled worker sits next to the code, so
 * importBuffer parses in process there (checked below). These tests build the worker on demand,
 * exactly as tooling/build.mjs does, and pass its path explicitly.
 */
describe('parsing PDF and Word documents in a worker thread', () => {
  let dir: string;
  let workerPath: string;
  beforeAll(async () => {
    // Inside the checkout, so the worker resolves pdfjs-dist and mammoth from node_modules.
    const cache = join(ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, 'precis-worker-'));
    workerPath = join(dir, 'parseWorker.cjs');
    await build({
      entryPoints: [join(ROOT, 'main', 'importers', 'parseWorker.ts')],
      outfile: workerPath,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
      external: ['better-sqlite3', 'electron', 'pdfjs-dist', 'tesseract.js'],
    });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs in process when no bundled worker is found (the vitest path)', () => {
    expect(bundledParseWorker()).toBeNull();
  });

  it('gives the same result as parsing in process', async () => {
    const pdf = buildPdf([{ lines: [PARAGRAPH] }, { lines: ['Page two says they ended.'] }], { Title: 'Transcript' });
    const docx = await buildDocx({
      title: 'Word report',
      paragraphs: [{ heading: 1, text: 'Word report' }, PARAGRAPH],
    });
    for (const [name, bytes] of [
      ['transcript.pdf', pdf],
      ['report.docx', docx],
    ] as const) {
      expect(await parseFileIsolated(name, bytes, { workerPath })).toEqual(await parseFile(name, bytes));
    }
  });

  it('reports a reader error as the same one-line reason', async () => {
    await expect(parseFileIsolated('fake.pdf', Buffer.from('hello'), { workerPath })).rejects.toThrow(
      'file is not a PDF',
    );
    await expect(parseFileIsolated('empty.docx', new Uint8Array(0), { workerPath })).rejects.toThrow('file is empty');
  });

  it('terminates a parse that runs past the time limit, with a one-line reason', async () => {
    const pdf = buildPdf([{ lines: [PARAGRAPH] }]);
    const started = Date.now();
    await expect(parseFileIsolated('slow.pdf', pdf, { workerPath, timeLimitMs: 5 })).rejects.toThrow(
      /^took longer than 0\.005 s to read; skipped$/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('terminates a parse that runs out of its heap, with a one-line reason', async () => {
    const pdf = buildPdf(Array.from({ length: 200 }, (_, i) => ({ lines: [`${PARAGRAPH} Page ${i}.`] })));
    await expect(parseFileIsolated('big.pdf', pdf, { workerPath, memoryLimitMb: 2 })).rejects.toThrow(
      /^(needed more than 2 MB of memory to read; skipped|the reader stopped unexpectedly)/,
    );
  });

  it('reads scanned pages by OCR in the worker, reporting each page and giving each its own time', async () => {
    const scan = readFileSync(join(ROOT, 'test', 'fixtures', 'scanned', 'scanned-en.pdf'));
    const progress: string[] = [];
    // Too little time for the whole file (its OCR takes several seconds), but enough to reach
    // the first page; each page read by OCR then brings its own minute.
    const started = Date.now();
    const parsed = await parseFileIsolated('scan.pdf', scan, {
      workerPath,
      timeLimitMs: 3_000,
      ocrPageTimeLimitMs: 60_000,
      onProgress: (message) => progress.push(message.message),
    });
    expect(progress).toEqual(['OCR page 1 of 2', 'OCR page 2 of 2']);
    expect(parsed.ocrPages).toEqual([1, 2]);
    expect(parsed.body).toContain('The minister approved the coastal patrol budget on the third of March.');
    console.log(`OCR of 2 pages in the worker: ${Date.now() - started} ms (base limit 3000 ms)`);
  }, 120_000);

  it('leaves text and HTML in process', async () => {
    const parsed = await parseFileIsolated('notes.txt', Buffer.from(`Notes\n\n${PARAGRAPH}`), {
      workerPath: join(dir, 'missing.cjs'),
    });
    expect(parsed.format).toBe('txt');
  });
});
