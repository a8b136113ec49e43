import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../../main/importers/importPaths';
import { ImportItemOutcome } from '../../../shared/contract';
import { cleanUpTemp, tempDir } from '../support/tempArchive';
import { archiveEnginesPerFile, type EngineArchive, importBytes, importPathsInto } from '../team/support/engineArchive';
import { ENGINES } from '../team/support/teamFixture';
import { buildDocx, buildPdf, buildZipBomb } from './fixtures';

afterEach(cleanUpTemp);

const freshArchive = archiveEnginesPerFile();

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

/** The stored columns of every source, in order, as the administrator reads them. */
const storedRows = (target: EngineArchive) => {
  const columns = 'title, outlet, author, published_at, language, url, body, original, format, page_starts, file_name';
  return target.rows({
    sqlite: `SELECT ${columns} FROM sources ORDER BY id`,
    postgres: `SELECT ${columns} FROM sources ORDER BY id`,
  });
};

// The same tests against the embedded archive and a team archive, as `import --archive` sends files to it.
describe.each(ENGINES)('importPaths across formats (%s)', (engine) => {
  it('imports every supported format, recording each one’s format and original', async () => {
    const target = await freshArchive(engine);
    const dir = tempDir();
    writeAll(dir, await goodFiles());
    const progress: number[] = [];
    const report = await importPathsInto(target, [dir], ({ done }) => progress.push(done));

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
    const sources = await Promise.all(report.imported.map((item) => target.archive.getSource(item.id)));
    expect(sources.map((source) => source?.format)).toEqual(['txt', 'md', 'html', 'html', 'docx', 'pdf']);
    const pdf = sources[5]!;
    expect(pdf.pageStarts).toEqual([0, pdf.body.indexOf('Page two')]);
    const names = await target.rows<{ file_name: string }>({
      sqlite: 'SELECT file_name FROM sources ORDER BY id',
      postgres: 'SELECT file_name FROM sources ORDER BY id',
    });
    expect(names.map((row) => row.file_name)).toEqual(Object.keys(await goodFiles()));
    const ids = report.imported.map((item) => item.id);
    expect(await target.original(ids[0]!)).toBe(readFileSync(join(dir, 'a-notes.txt'), 'utf8'));
    expect(await target.original(ids[2]!)).toMatch(/^<!DOCTYPE html>/);
  });

  it('gives each unreadable file a one-line reason and imports the rest of the batch', async () => {
    const target = await freshArchive(engine);
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
    const report = await importPathsInto(target, [dir]);

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
    expect(await target.archive.count()).toBe(1);
  });
});

describe.each(ENGINES)('importBuffer (%s)', (engine) => {
  it('behaves exactly as importing the same file from disk', async () => {
    const files = await goodFiles();
    const dir = tempDir();
    // One archive at a time (the team archive is emptied for each): first from disk, then from bytes.
    const fromDisk = await freshArchive(engine);
    const fromDiskOutcomes: ImportItemOutcome[] = [];
    for (const [name, content] of Object.entries(files)) {
      const [path] = writeAll(dir, { [name]: content });
      const report = await importPathsInto(fromDisk, [path!]);
      const { id, title } = report.imported[0]!;
      fromDiskOutcomes.push({ kind: 'imported', id, title });
    }
    const diskRows = await storedRows(fromDisk);
    const fromBytes = await freshArchive(engine);
    const outcomes = [];
    for (const [name, content] of Object.entries(files)) {
      const outcome = await importBytes(fromBytes, name, content);
      expect(ImportItemOutcome.parse(outcome)).toEqual(outcome);
      outcomes.push(outcome);
    }
    expect(outcomes).toEqual(fromDiskOutcomes);
    expect(await storedRows(fromBytes)).toEqual(diskRows);
  });

  it('reports duplicates and failures as outcomes, never by throwing', async () => {
    const target = await freshArchive(engine);
    const text = new TextEncoder().encode(`Budget notes\n\n${PARAGRAPH}`);
    const first = await importBytes(target, 'notes.txt', text);
    expect(first).toEqual({ kind: 'imported', id: expect.any(Number), title: 'Budget notes' });
    expect(await importBytes(target, 'copy.md', text)).toEqual({
      kind: 'duplicate',
      duplicateOf: (first as { id: number }).id,
    });
    expect(await importBytes(target, 'huge.pdf', new Uint8Array(MAX_IMPORT_BYTES + 1))).toEqual({
      kind: 'failed',
      error: 'file is too large (10.0 MB; the limit is 10 MB)',
      errorText: { id: 'import.failure.tooLarge', values: { size: '10.0 MB', limit: '10 MB' } },
    });
    expect(await importBytes(target, 'empty.docx', new Uint8Array(0))).toEqual({
      kind: 'failed',
      error: 'file is empty',
      errorText: { id: 'import.failure.empty' },
    });
    expect(await importBytes(target, 'noextension', text)).toEqual({
      kind: 'failed',
      error: 'unsupported format (no extension) (Précis imports .txt, .md, .markdown, .html, .htm, .docx and .pdf)',
      errorText: { id: 'import.failure.noExtension', values: { extension: '', formats: expect.any(String) } },
    });
  });

  it('keeps only the base name of whatever name it is given', async () => {
    const target = await freshArchive(engine);
    const text = new TextEncoder().encode(`Budget notes\n\n${PARAGRAPH}`);
    const outcome = await importBytes(target, 'C:\\Users\\analyst\\..\\Desktop\\notes.txt', text);
    if (outcome.kind !== 'imported') throw new Error('expected an import');
    const rows = await target.rows(
      {
        sqlite: 'SELECT file_name FROM sources WHERE id = ?',
        postgres: 'SELECT file_name FROM sources WHERE id = $1',
      },
      [outcome.id],
    );
    expect(rows).toEqual([{ file_name: 'notes.txt' }]);
  });
});
