import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordProvenance } from '../../../main/archive/provenance';
import { getSource, insertSource, updateSource } from '../../../main/archive/sources';
import { dispatch } from '../../../main/dispatch';
import { sourceHandlers } from '../../../main/handlers/sourceHandlers';
import { attachmentsBeside } from '../../../main/interchange/attachments';
import { importReferences } from '../../../main/interchange/importReferences';
import { searchSources } from '../../../main/search/searchSources';
import type { Handlers } from '../../../shared/contract';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const bytes = (text: string) => new TextEncoder().encode(text);

/** A clipping imported with little metadata: a title guessed from its first sentence, nothing else. */
function clipping(db: ReturnType<typeof tempArchive>['db'], fields: Partial<Record<string, string>> = {}) {
  const outcome = insertSource(db, {
    title: 'Housing starts fall',
    outlet: null,
    author: null,
    publishedAt: null,
    url: null,
    language: null,
    ...fields,
    body: 'Housing starts fell in January to their lowest level in three years.',
    original: 'Housing starts fell.',
    fileName: 'clip.txt',
  });
  if (outcome.kind !== 'inserted') throw new Error('not inserted');
  recordProvenance(db, outcome.id, { title: 'first-sentence', url: 'meta-tag' });
  return outcome.id;
}

// As Zotero exports them.
const ZOTERO_RIS = `TY  - NEWS
TI  - Housing starts fall to lowest level in three years
AU  - Tremblay, Jane
T2  - The Globe and Mail
DA  - 2025/02/05/
PY  - 2025
UR  - https://www.example.ca/housing/
LA  - en
ER  - 
`;

describe('importing a reference manager’s library', () => {
  it('fills the missing and weakly founded metadata of the source with the same URL', async () => {
    const { db } = tempArchive();
    const id = clipping(db, { url: 'https://example.ca/housing' });
    const outcome = await importReferences(db, 'My Library.ris', bytes(ZOTERO_RIS));
    expect(outcome.updated).toEqual([
      {
        id,
        title: 'Housing starts fall to lowest level in three years',
        fields: ['title', 'outlet', 'author', 'publishedAt', 'language'],
      },
    ]);
    expect(getSource(db, id)).toMatchObject({
      title: 'Housing starts fall to lowest level in three years',
      author: 'Jane Tremblay',
      outlet: 'The Globe and Mail',
      publishedAt: '2025-02-05',
      // Strong evidence already there is kept.
      url: 'https://example.ca/housing',
      provenance: { author: { from: 'reference-manager', strength: 'strong' }, url: { from: 'meta-tag' } },
      format: 'txt',
    });
  });

  it('never overwrites what the analyst set, and matches by title and date or by DOI', async () => {
    const { db } = tempArchive();
    const byTitle = clipping(db, {
      title: 'Housing starts fall to lowest level in three years',
      publishedAt: '2025-02-05',
    });
    updateSource(db, byTitle, { author: 'J. Tremblay (Globe)' });
    const byDoi = insertSource(db, {
      title: 'Working paper',
      outlet: null,
      author: null,
      publishedAt: null,
      url: 'https://doi.org/10.1234/ABC.5678',
      language: null,
      body: 'A working paper on rents.',
      original: 'A working paper on rents.',
      fileName: 'paper.txt',
    });
    const json = JSON.stringify([
      {
        id: 'a',
        type: 'article-newspaper',
        title: 'Housing Starts Fall to Lowest Level in Three Years',
        author: [{ family: 'Tremblay', given: 'Jane' }],
        issued: { 'date-parts': [['2025', '2', '5']] },
      },
      {
        id: 'b',
        type: 'report',
        title: 'Rents and vacancies',
        DOI: '10.1234/abc.5678',
        issued: { 'date-parts': [[2024]] },
      },
    ]);
    const outcome = await importReferences(db, 'Exported Items.json', bytes(json));
    expect(outcome.created).toEqual([]);
    expect(getSource(db, byTitle)).toMatchObject({
      author: 'J. Tremblay (Globe)',
      provenance: { author: { from: 'user' } },
    });
    // The title guessed from a first sentence is replaced; the analyst's author is not.
    expect(outcome.updated).toEqual([
      { id: byTitle, title: 'Housing Starts Fall to Lowest Level in Three Years', fields: ['title'] },
    ]);
    const paperId = byDoi.kind === 'inserted' ? byDoi.id : 0;
    expect(outcome.unchanged).toEqual([{ id: paperId, title: 'Working paper' }]);
    // A title stored before evidence was recorded is not replaced; a year alone is not a day:
    // the date stays empty rather than becoming 1 January.
    expect(getSource(db, paperId)).toMatchObject({ title: 'Working paper', publishedAt: null });
  });

  it('turns an entry with no match into a citable source with no text, once', async () => {
    const { db } = tempArchive();
    const bib = `@techreport{cmhc2025,
  title = {Rental Market Report: {Fall} 2024},
  author = {{Canada Mortgage and Housing Corporation}},
  year = {2025}, month = jan, date = {2025-01-31},
  file = {Full Text PDF:/nowhere/cmhc.pdf:application/pdf}
}`;
    const first = await importReferences(db, 'refs.bib', bytes(bib));
    expect(first.created).toHaveLength(1);
    const source = getSource(db, first.created[0]!.id)!;
    expect(source).toMatchObject({
      format: 'reference',
      body: '',
      wordCount: 0,
      title: 'Rental Market Report: Fall 2024',
      outlet: 'Canada Mortgage and Housing Corporation',
      author: null,
      publishedAt: '2025-01-31',
      provenance: { title: { from: 'reference-manager' }, outlet: { from: 'reference-manager' } },
    });
    const again = await importReferences(db, 'refs.bib', bytes(bib));
    expect(again).toMatchObject({ created: [], unchanged: [{ id: source.id }] });
    // Found by its title, never by text it does not have.
    expect(searchSources(db, { query: 'rental market', limit: 20, offset: 0, sort: 'relevance' }).total).toBe(1);
  });

  it('imports an attached file that exists as the source, with the entry’s metadata', async () => {
    const { db } = tempArchive();
    const dir = tempDir();
    mkdirSync(join(dir, 'files', '7'), { recursive: true });
    writeFileSync(
      join(dir, 'files', '7', 'housing.txt'),
      'Housing starts fell in January to their lowest level in three years.\n',
    );
    const ris = ZOTERO_RIS.replace('ER  - ', 'L1  - files/7/housing.txt\nL1  - files/8/missing.pdf\nER  - ');
    const library = join(dir, 'library.ris');
    writeFileSync(library, ris);
    const outcome = await importReferences(db, 'library.ris', bytes(ris), attachmentsBeside(library));
    const [changed] = outcome.updated;
    expect(getSource(db, changed!.id)).toMatchObject({
      format: 'txt',
      title: 'Housing starts fall to lowest level in three years',
      author: 'Jane Tremblay',
      publishedAt: '2025-02-05',
      body: 'Housing starts fell in January to their lowest level in three years.',
    });
  });

  it('refuses a file that is not what its name says, in one line', async () => {
    const { db } = tempArchive();
    await expect(importReferences(db, 'x.json', bytes('{ not json'))).rejects.toThrow(/not a CSL-JSON file/);
    await expect(importReferences(db, 'x.ris', bytes('hello'))).rejects.toThrow(/not a RIS file/);
    await expect(importReferences(db, 'x.bib', bytes('hello'))).rejects.toThrow(/not a BibTeX file/);
    // Through the contract, the refusal is an outcome the page shows, like any file's.
    const handlers = sourceHandlers(db);
    const input = { name: 'notes/x.ris', base64: Buffer.from('hello').toString('base64') };
    expect(await dispatch(handlers as Handlers, 'importFile', input)).toEqual({
      ok: true,
      value: { kind: 'failed', error: 'not a RIS file (no entry begins with a TY tag)' },
    });
  });
});

describe('npx precis sources --format and import of a library', () => {
  it('exports the chosen sources and imports them into another archive through the CLI', () => {
    const launcher = join(__dirname, '..', '..', '..', 'bin', 'precis.cjs');
    const precis = (args: string[], dataDir: string) =>
      spawnSync(process.execPath, [launcher, ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 60_000 });
    const from = tempDir();
    const to = tempDir();
    const dir = tempDir();
    const seeded = precis(['sources', '--json'], from);
    expect(seeded.status, seeded.stderr).toBe(0);
    const ids = (JSON.parse(seeded.stdout) as { id: number }[]).map((s) => s.id).slice(0, 2);
    const bib = precis(['sources', '--format', 'bibtex', '--ids', ids.join(',')], from);
    expect(bib.status, bib.stderr).toBe(0);
    expect(bib.stdout.match(/^@\w+\{/gm)).toHaveLength(2);
    writeFileSync(join(dir, 'picked.bib'), bib.stdout);
    const imported = precis(['import', join(dir, 'picked.bib'), '--json'], to);
    expect(imported.status, imported.stderr).toBe(0);
    // The seeded archive already holds these sources (same title, no date): the library confirms
    // them, and a title guessed from a first sentence now rests on the library's word.
    const report = JSON.parse(imported.stdout);
    expect(report).toMatchObject({ failed: [], imported: [] });
    expect(report.duplicates.length + report.updated.length).toBe(2);

    expect(precis(['sources', '--format', 'endnote'], from).status).toBe(2);
    expect(precis(['sources', '--ids', '1'], from).status).toBe(2);
    const absent = precis(['sources', '--format', 'ris', '--ids', '99999'], from);
    expect([absent.status, absent.stderr]).toEqual([1, expect.stringContaining('Source 99999 is not in the archive')]);
  });
});
