/**
 * `node bench/run.mjs ocr [--smoke] [--pages N]`: OCR speed and memory on a scanned PDF, read
 * the way an import reads it (the bundled parse worker, one page at a time). The PDF is made here
 * from a committed fixture's full page of text (about 450 words; pdftoppm, then img2pdf: no text
 * layer), repeated to N pages (12 by default; --smoke: 2). Prints pages per second, the time per page once the model
 * is loaded, and the process's peak RSS, then a line to paste into the README.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledParseWorker, parseFileIsolated } from '../main/importers/parseInWorker';
import { ROOT } from '../test/support/browserSession';

const SMOKE = process.argv.includes('--smoke');
const pagesArg = process.argv.indexOf('--pages');
const PAGES = pagesArg > 0 ? Number(process.argv[pagesArg + 1]) : SMOKE ? 2 : 12;

async function main(): Promise<void> {
  const workerPath = bundledParseWorker();
  if (!workerPath) throw new Error('no bundled parse worker (dist/main/parseWorker.cjs): run node tooling/build.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'precis-bench-ocr-'));
  try {
    const fixture = join(ROOT, 'test', 'fixtures', 'scanned', 'dense-en.pdf');
    execFileSync('pdftoppm', ['-r', '100', '-gray', '-png', '-f', '2', '-l', '2', fixture, join(dir, 'page')]);
    const images = readdirSync(dir)
      .filter((name) => name.endsWith('.png'))
      .sort()
      .map((name) => join(dir, name));
    const pages = Array.from({ length: PAGES }, (_, i) => images[i % images.length]!);
    const scan = join(dir, 'scan.pdf');
    execFileSync('img2pdf', ['--nodate', '-o', scan, ...pages]);
    const bytes = readFileSync(scan);

    const started = performance.now();
    let firstPageAt = 0;
    const parsed = await parseFileIsolated('scan.pdf', bytes, {
      workerPath,
      onProgress: (message) => {
        if (message.message === `OCR page 1 of ${PAGES}`) firstPageAt = performance.now();
      },
    });
    const seconds = (performance.now() - started) / 1000;
    if (parsed.ocrPages?.length !== PAGES)
      throw new Error(`OCR read ${parsed.ocrPages?.length ?? 0} of ${PAGES} pages`);
    const peakMb = process.resourceUsage().maxRSS / 1024;
    const perPage = (performance.now() - firstPageAt) / 1000 / PAGES;
    console.log(`pages: ${PAGES} (A4, about 450 words each, at 100 dpi, greyscale), ${cpus().length} cores`);
    console.log(
      `wall time: ${Math.round(seconds * 1000)} ms, ${(PAGES / seconds).toFixed(2)} pages/s (model load included)`,
    );
    console.log(`per page from the first OCR page on (model load included): ${Math.round(perPage * 1000)} ms`);
    console.log(`peak RSS of the process (parse worker and Tesseract thread included): ${peakMb.toFixed(0)} MB`);
    console.log(
      `README: OCR of a ${PAGES}-page scan: ${(PAGES / seconds).toFixed(2)} pages/s (${perPage.toFixed(1)} s a page), peak memory ${peakMb.toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
