import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportReferences } from '../../../main/interchange/exportReferences';
import { importReferences } from '../../../main/interchange/importReferences';
import { itWithCommands } from '../support/itWithCommands';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

// A library as Zotero exports it, with what the archive's own fields cannot hold: dates of a year
// or a month, DOIs apart from URLs, kinds the archive would not guess.
const ZOTERO = [
  {
    id: 'lee2023',
    type: 'article-journal',
    title: 'Housing supply elasticity in Canadian cities',
    'container-title': 'Canadian Public Policy',
    author: [{ family: 'Lee', given: 'Min' }],
    issued: { 'date-parts': [[2023]] },
    DOI: '10.3138/cpp.2022-041',
  },
  {
    id: 'smith2021',
    type: 'book',
    title: 'The Affordable City',
    publisher: 'Island Press',
    author: [{ family: 'Smith', given: 'Shane' }],
    issued: { 'date-parts': [[2021, 3]] },
    DOI: '10.5822/978-1-64283-000-0',
    URL: 'https://islandpress.org/books/affordable-city',
  },
  {
    id: 'cmhc2024',
    type: 'report',
    title: 'Housing Supply Report',
    author: [{ literal: 'Canada Mortgage and Housing Corporation' }],
    issued: { 'date-parts': [[2024, 6, 12]] },
    DOI: '10.1234/cmhc.2024.06',
    URL: 'https://doi.org/10.1234/cmhc.2024.06',
  },
  {
    id: 'fraser2024',
    type: 'speech',
    title: 'Remarks on the housing accelerator fund',
    author: [{ family: 'Fraser', given: 'Sean' }],
    issued: { 'date-parts': [[2024]] },
  },
];

interface Item {
  type: string;
  title: string;
  issued?: { 'date-parts': number[][] };
  DOI?: string;
  URL?: string;
  'container-title'?: string;
  publisher?: string;
}
const kept = (items: Item[]) =>
  items.map((item) => ({
    type: item.type,
    title: item.title,
    issued: item.issued?.['date-parts'][0] ?? null,
    DOI: item.DOI ?? null,
    URL: item.URL ?? null,
    outlet: item['container-title'] ?? item.publisher ?? null,
  }));
const EXPECTED = [
  {
    type: 'article-journal',
    title: ZOTERO[0]!.title,
    issued: [2023],
    DOI: '10.3138/cpp.2022-041',
    URL: null,
    outlet: 'Canadian Public Policy',
  },
  {
    type: 'book',
    title: ZOTERO[1]!.title,
    issued: [2021, 3],
    DOI: '10.5822/978-1-64283-000-0',
    URL: 'https://islandpress.org/books/affordable-city',
    outlet: 'Island Press',
  },
  // The URL was only the DOI's address: the DOI says it.
  {
    type: 'report',
    title: ZOTERO[2]!.title,
    issued: [2024, 6, 12],
    DOI: '10.1234/cmhc.2024.06',
    URL: null,
    outlet: null,
  },
  { type: 'speech', title: ZOTERO[3]!.title, issued: [2024], DOI: null, URL: null, outlet: null },
];

async function imported(name: string, text: string) {
  const { db } = tempArchive();
  const outcome = await importReferences(db, name, new TextEncoder().encode(text));
  expect(outcome.failed).toEqual([]);
  return db;
}

describe('what a reference manager says beyond the archive’s fields', () => {
  it('keeps partial dates, DOIs and item kinds from a Zotero CSL-JSON file to the archive’s export', async () => {
    const db = await imported('zotero.json', JSON.stringify(ZOTERO));
    const exported = JSON.parse(exportReferences(db, 'csl-json').text) as Item[];
    expect(kept(exported)).toEqual(EXPECTED);
    // The archive's own fields: no invented day, the DOI's address to follow.
    const row = db.prepare('SELECT published_at, url FROM sources WHERE title = ?').get(ZOTERO[0]!.title);
    expect(row).toEqual({ published_at: null, url: 'https://doi.org/10.3138/cpp.2022-041' });
  });

  for (const [format, name] of [
    ['ris', 'library.ris'],
    ['bibtex', 'library.bib'],
  ] as const) {
    it(`carries them through ${format} and back`, async () => {
      const db = await imported('zotero.json', JSON.stringify(ZOTERO));
      const first = JSON.parse(exportReferences(db, 'csl-json').text) as Item[];
      const again = await imported(name, exportReferences(db, format).text);
      const back = JSON.parse(exportReferences(again, 'csl-json').text) as Item[];
      // BibTeX has no kind for a speech (it is written @misc): it comes back as the archive guesses it.
      if (format === 'bibtex') expect(back[3]!.type).toBe('report');
      if (format === 'bibtex') back[3]!.type = 'speech';
      expect(back).toEqual(first);
    });
  }

  it('lets a second library fill what the first left out, never overwrite it', async () => {
    const db = await imported('zotero.json', JSON.stringify([{ ...ZOTERO[0], DOI: undefined }]));
    await importReferences(db, 'more.json', new TextEncoder().encode(JSON.stringify([{ ...ZOTERO[0], type: 'book' }])));
    const [item] = JSON.parse(exportReferences(db, 'csl-json').text) as Item[];
    expect(item).toMatchObject({ type: 'article-journal', DOI: '10.3138/cpp.2022-041' });
  });
});

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('readers other than ours', () => {
  itWithCommands(
    ['pandoc'],
    'pandoc reads the kinds, partial dates and DOIs from our CSL-JSON and BibTeX',
    async () => {
      const db = await imported('zotero.json', JSON.stringify(ZOTERO));
      const dir = tempDir();
      for (const [format, from, file] of [
        ['csl-json', 'csljson', 'library.json'],
        ['bibtex', 'biblatex', 'library.bib'],
      ] as const) {
        const path = join(dir, file);
        writeFileSync(path, exportReferences(db, format).text);
        const items = JSON.parse(run('pandoc', ['-f', from, '-t', 'csljson', path])) as Item[];
        const seen = items.map((item) => ({
          type: item.type,
          issued: item.issued?.['date-parts'][0] ?? null,
          DOI: item.DOI ?? null,
        }));
        // BibLaTeX has no speech: pandoc gives our @misc no type.
        const expected = EXPECTED.map(({ type, issued, DOI }) => ({
          type: format === 'bibtex' && type === 'speech' ? '' : type,
          issued,
          DOI,
        }));
        expect(seen, format).toEqual(expected);
      }
    },
  );

  itWithCommands(['ris2xml'], 'bibutils reads the RIS file with its kinds, partial dates and DOIs', async () => {
    const db = await imported('zotero.json', JSON.stringify(ZOTERO));
    const path = join(tempDir(), 'library.ris');
    writeFileSync(path, exportReferences(db, 'ris').text);
    const mods = run('ris2xml', ['-i', 'utf8', path]);
    expect([...mods.matchAll(/<dateIssued>([^<]*)<\/dateIssued>/g)].map((m) => m[1])).toEqual([
      '2023',
      '2021-03',
      '2024-06-12',
      '2024',
    ]);
    expect([...mods.matchAll(/<identifier type="doi">([^<]*)<\/identifier>/g)].map((m) => m[1])).toEqual([
      '10.3138/cpp.2022-041',
      '10.5822/978-1-64283-000-0',
      '10.1234/cmhc.2024.06',
    ]);
    expect(mods).toMatch(/<genre[^>]*>academic journal<\/genre>/);
    expect(mods).toMatch(/<genre[^>]*>book<\/genre>/);
  });
});
