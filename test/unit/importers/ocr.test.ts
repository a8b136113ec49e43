import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getSource } from '../../../main/archive/sources';
import { parsePdf } from '../../../main/importers/formats/pdf';
import { importBuffer } from '../../../main/importers/importBuffer';
import { onImportProgress } from '../../../main/importers/importProgress';
import { largestPageImage } from '../../../main/importers/ocr/pageImage';
import { searchSources } from '../../../main/search/searchSources';
import { pageAt } from '../../../shared/source';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';
import { buildPdf } from './fixtures';

afterEach(cleanUpTemp);

// Made by test/fixtures/scanned/make.sh: LibreOffice pages rendered to images by pdftoppm and
// wrapped by img2pdf, so the PDFs have no text layer at all.
const SCANNED = join(__dirname, '..', '..', 'fixtures', 'scanned');

async function importScan(fileName: string) {
  const { db } = tempArchive();
  const progress: string[] = [];
  const stop = onImportProgress((message) => progress.push(message));
  const outcome = await importBuffer(db, fileName, readFileSync(join(SCANNED, fileName))).finally(stop);
  if (outcome.kind !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
  return { db, id: outcome.id, progress, source: getSource(db, outcome.id)! };
}

/** The page a sentence is quoted from, as a footnote would give it ("p. 2"). */
function pageOf(source: { body: string; pageStarts: number[] | null }, words: string): number | null {
  const at = source.body.indexOf(words);
  return at < 0 ? null : pageAt(source.pageStarts, at);
}

describe('scanned PDFs are read by OCR', () => {
  it('finds an English sentence on its page, searchable and quotable as "p. 2"', async () => {
    const { db, source, progress } = await importScan('scanned-en.pdf');
    expect(source.title).toBe('Access to Information Release');
    expect(source.format).toBe('pdf');
    expect(source.ocrPages).toEqual([1, 2]);
    expect(source.language).toBe('en');
    expect(progress).toEqual(['OCR page 1 of 2', 'OCR page 2 of 2']);
    expect(source.body).toContain('The minister approved the coastal patrol budget on the third of March.');
    expect(pageOf(source, 'The minister approved the coastal patrol budget')).toBe(2);
    expect(pageOf(source, 'This letter answers the request received in January')).toBe(1);
    const found = searchSources(db, {
      query: '"coastal patrol budget" minister',
      limit: 10,
      offset: 0,
      sort: 'relevance',
    });
    expect(found.results.map((hit) => hit.id)).toEqual([source.id]);
  }, 120_000);

  it('reads a French scan with the French model, accents included', async () => {
    const { db, source } = await importScan('scanned-fr.pdf');
    expect(source.ocrPages).toEqual([1, 2]);
    expect(source.language).toBe('fr');
    const sentence = 'Le ministre a approuvé le budget des patrouilles côtières le trois mars.';
    expect(source.body).toContain(sentence);
    expect(pageOf(source, sentence)).toBe(2);
    const found = searchSources(db, { query: 'patrouilles côtières', limit: 10, offset: 0, sort: 'relevance' });
    expect(found.results.map((hit) => hit.id)).toEqual([source.id]);
  }, 120_000);

  it('reads a scan stamped with a line of real text (a thin text layer), keeping the stamp', async () => {
    // Page 2 of the English scan, as pixels, painted under an access-to-information stamp.
    const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(readFileSync(join(SCANNED, 'scanned-en.pdf'))) }).promise;
    const scan = await largestPageImage((await doc.getPage(2)) as never, OPS.paintImageXObject);
    await doc.destroy();
    const stamp = 'Released under the ATIA - unclassified information';
    const pdf = buildPdf([{ lines: [stamp], scan: scan! }]);
    const parsed = await parsePdf(new Uint8Array(pdf), 'stamped.pdf');
    expect(parsed.ocrPages).toEqual([1]);
    const sentence = 'The minister approved the coastal patrol budget on the third of March.';
    expect(parsed.body).toContain(sentence);
    // The stamp stays, as a line of its own, where it is printed among the recognised lines.
    expect(parsed.original.split('\n')).toContain(stamp);
  }, 120_000);
});
