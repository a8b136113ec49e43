import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countSources, getSource } from '../../../main/archive/sources';
import { importBuffer } from '../../../main/importers/importBuffer';
import { importPaths, MAX_IMPORT_BYTES } from '../../../main/importers/importPaths';
import { ImportItemOutcome } from '../../../shared/contract';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';
import { buildDocx, buildPdf, buildZipBomb } from './fixtures';

afterEach(cleanUpTemp);

const PARAGRAPH =
  'The committee heard twelve witnesses over three days of hearings in Iqaluit and Ottawa, and it concluded that surveillance gaps remain serious.';

async function goodFiles(): Promise<Record<string, Uint8Array | string>> {
  return {
    'a-notes.txt': `Budget notes\n\n${PARAGRAPH} The text file says so.`,
    'b-brief.md': `# Markdown brief\n\n${PARAGRAPH} The markdown file says so.`,
    'c-page.html': `<html><head><title>Web page</title></head><body><article><h1>Web page</h1><p>${PARAGRAPH} The web page says so.</p></article></body></html>`,
    'd-old-page.htm': `<html><head><title>Old page</title></head><body><p>${PARAGRAPH} The old page says so.</p></body></html>`,
    'e-report.docx': await buildDocx({
      title: 'Word report',
      paragraphs: [{ heading: 1, text: 'Word report' }, `${PARAGRAPH} The Word report says so.`],
    }),
    'f-transcript.pdf': buildPdf(
      [{ lines: ['PDF transcript page one says the hearings began.'] }, { lines: ['Page two says they ended.'] }],
      { Title: 'PDF transcript' },
    ),
  };
}

function writeAll(dir: string, files: Record<string, Uint8Array | string>): string[] {
  return Object.entries(files).map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
}

describe('importPaths across formats', () => {
  it('imports every supported format, recording each one’s format and original', async () => {
    const { db } = tempArchive();
    const dir = tempDir();
    writeAll(dir, await goodFiles());
    const progress: number[] = [];
    const report = await importPaths(db, [dir], ({ done }) => progress.push(done));

    expect(report.failed).toEqual([]);
    expect(report.imported.map((item) => item.title)).toEqual([
      'Budget notes',
      'Markdown brief',
      'Web page',
      'Old page',
      'Word report',
      'PDF transcript',
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    const formats = report.imported.map((item) => getSource(db, item.id)?.format);
    expect(formats).toEqual(['txt', 'md', 'html', 'html', 'docx', 'pdf']);
    const pdf = getSource(db, report.imported[5]!.id)!;
    expect(pdf.pageStarts).toEqual([0, pdf.body.indexOf('Page two')]);
    const originals = db.prepare('SELECT file_name, original FROM sources ORDER BY id').all() as {
      file_name: string;
      original: string;
    }[];
    expect(originals.map((row) => row.file_name)).toEqual(Object.keys(await goodFiles()));
    expect(originals[0]!.original).toBe(readFileSync(join(dir, 'a-notes.txt'), 'utf8'));
    expect(originals[2]!.original).toMatch(/^<!DOCTYPE html>/);
  });

  it('gives each unreadable file a one-line reason and imports the rest of the batch', async () => {
    const { db } = tempArchive();
    const dir = tempDir();
    const good = await buildDocx({ paragraphs: [`${PARAGRAPH} This one imports.`] });
    const pdf = buildPdf([{ lines: ['A transcript that will be cut short before its end.'] }]);
    const files: Record<string, Uint8Array | string> = {
      'a-corrupt.docx': good.subarray(0, 400),
      'b-bomb.docx': await buildZipBomb(65),
      'c-not-a-zip.docx': 'Plain notes under a Word name.',
      'd-truncated.pdf': pdf.subarray(0, pdf.length - 60),
      'e-text.pdf': 'Plain notes under a PDF name.',
      'f-empty.html': '',
      'g-binary.txt': Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]),
      'h-huge.html': Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61),
      'i-pdf-named.txt': pdf,
      'j-slides.pptx': 'whatever',
      'k-old.doc': 'whatever',
      'l-good.docx': good,
    };
    const paths = writeAll(dir, files);
    const report = await importPaths(db, [dir]);

    expect(report.failed).toEqual([
      {
        path: paths[0],
        error: 'the Word document is damaged (its ZIP directory is missing: the file may be cut short)',
      },
      { path: paths[1], error: 'the Word document expands to more than 64 MB when unpacked: it may be a zip bomb' },
      { path: paths[2], error: 'file is not a Word document: a .docx is a ZIP package, and this is plain text' },
      { path: paths[3], error: 'the PDF is incomplete (it has no end-of-file marker): it may have been cut short' },
      { path: paths[4], error: 'file is not a PDF: it is plain text' },
      { path: paths[5], error: 'file is empty' },
      { path: paths[6], error: 'file looks binary (it contains NUL bytes), not plain text' },
      { path: paths[7], error: 'file is too large (10.0 MB; the limit is 10 MB)' },
      { path: paths[8], error: 'file is a PDF, not plain text: rename it to .pdf' },
      {
        path: paths[9],
        error: 'unsupported format .pptx (Précis imports .txt, .md, .markdown, .html, .htm, .docx and .pdf)',
      },
      { path: paths[10], error: 'unsupported format .doc: save it as .docx in Word first' },
    ]);
    for (const failure of report.failed) expect(failure.error).not.toMatch(/\n/);
    expect(report.imported).toEqual([{ path: paths[11], id: expect.any(Number), title: expect.any(String) }]);
    expect(countSources(db)).toBe(1);
  });
});

describe('importBuffer', () => {
  it('behaves exactly as importing the same file from disk', async () => {
    const files = await goodFiles();
    const fromBytes = tempArchive().db;
    const fromDisk = tempArchive().db;
    const dir = tempDir();
    for (const [name, content] of Object.entries(files)) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      const outcome = await importBuffer(fromBytes, name, bytes);
      expect(ImportItemOutcome.parse(outcome)).toEqual(outcome);
      const [path] = writeAll(dir, { [name]: content });
      const report = await importPaths(fromDisk, [path!]);
      expect(outcome).toEqual({ kind: 'imported', ...report.imported[0], path: undefined });
    }
    const columns =
      'title, outlet, author, published_at, language, url, body, original, format, page_starts, file_name';
    const rows = (db: typeof fromBytes) => db.prepare(`SELECT ${columns} FROM sources ORDER BY id`).all();
    expect(rows(fromBytes)).toEqual(rows(fromDisk));
  });

  it('reports duplicates and failures as outcomes, never by throwing', async () => {
    const { db } = tempArchive();
    const text = new TextEncoder().encode(`Budget notes\n\n${PARAGRAPH}`);
    const first = await importBuffer(db, 'notes.txt', text);
    expect(first).toEqual({ kind: 'imported', id: expect.any(Number), title: 'Budget notes' });
    expect(await importBuffer(db, 'copy.md', text)).toEqual({
      kind: 'duplicate',
      duplicateOf: (first as { id: number }).id,
    });
    expect(await importBuffer(db, 'huge.pdf', new Uint8Array(MAX_IMPORT_BYTES + 1))).toEqual({
      kind: 'failed',
      error: 'file is too large (10.0 MB; the limit is 10 MB)',
      errorText: { id: 'import.failure.tooLarge', values: { size: '10.0 MB', limit: '10 MB' } },
    });
    expect(await importBuffer(db, 'empty.docx', new Uint8Array(0))).toEqual({
      kind: 'failed',
      error: 'file is empty',
      errorText: { id: 'import.failure.empty' },
    });
    expect(await importBuffer(db, 'noextension', text)).toEqual({
      kind: 'failed',
      error: 'unsupported format (no extension) (Précis imports .txt, .md, .markdown, .html, .htm, .docx and .pdf)',
      errorText: { id: 'import.failure.noExtension', values: { extension: '', formats: expect.any(String) } },
    });
  });

  it('keeps only the base name of whatever name it is given', async () => {
    const { db } = tempArchive();
    const text = new TextEncoder().encode(`Budget notes\n\n${PARAGRAPH}`);
    const outcome = await importBuffer(db, 'C:\\Users\\analyst\\..\\Desktop\\notes.txt', text);
    if (outcome.kind !== 'imported') throw new Error('expected an import');
    expect(db.prepare('SELECT file_name FROM sources WHERE id = ?').get(outcome.id)).toEqual({
      file_name: 'notes.txt',
    });
  });
});
