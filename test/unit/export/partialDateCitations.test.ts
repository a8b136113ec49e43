import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { getSource } from '../../../main/archive/sources';
import { createBrief, getBrief, saveBrief } from '../../../main/briefs/briefs';
import { setCitationStyle } from '../../../main/briefs/citationStyle';
import { citationFacts } from '../../../main/export/citationFacts';
import { exportBriefDocx } from '../../../main/export/exportBrief';
import { importPaths } from '../../../main/importers/importPaths';
import { importReferences } from '../../../main/interchange/importReferences';
import { collectFootnoteSources, numberFootnotes, type SerializedNode } from '../../../shared/briefDocument';
import { citationOf } from '../../../shared/citationNode';
import { excerptOf } from '../../../shared/excerpt';
import { buildPdf } from '../importers/fixtures';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';
import { block, footnoteReferenceIds, footnoteTexts, NOW, runText, text, xmlParts } from './docxKit';

afterEach(cleanUpTemp);

// What Zotero exports for a report known only by its year and an article known by its month:
// the archive keeps no day for them (migration 150), and their citations must not invent one.
const LIBRARY = [
  {
    id: 'statcan2024',
    type: 'report',
    title: 'Housing Economic Account',
    author: [{ literal: 'Statistics Canada' }],
    issued: { 'date-parts': [[2024]] },
  },
  {
    id: 'tremblay2024',
    type: 'article-newspaper',
    title: 'Rents climb again in Halifax',
    'container-title': 'The Chronicle Herald',
    author: [{ family: 'Tremblay', given: 'Jane' }],
    issued: { 'date-parts': [[2024, 3]] },
    URL: 'https://example.ca/rents',
  },
];

async function archiveWithLibrary(): Promise<{ db: Db; report: number; article: number }> {
  const { db } = tempArchive();
  const outcome = await importReferences(db, 'zotero.json', new TextEncoder().encode(JSON.stringify(LIBRARY)));
  expect(outcome.failed).toEqual([]);
  const id = (title: string) =>
    (db.prepare('SELECT id FROM sources WHERE title = ?').get(title) as { id: number | bigint }).id;
  return { db, report: Number(id(LIBRARY[0]!.title)), article: Number(id(LIBRARY[1]!.title)) };
}

/** A note citing the report twice and the article once, as the reader's Cite source makes them. */
function noteCiting(db: Db, report: number, article: number) {
  const cite = (id: number) => citationOf(getSource(db, id)!, null) as unknown as SerializedNode;
  return {
    root: block('root', [
      block('paragraph', [text('Supply lags demand.'), cite(report)]),
      block('paragraph', [text('Rents rose.'), cite(article), text(' Again.'), cite(report)]),
    ]),
  };
}

function storedBrief(db: Db, template: 'briefing-note-en' | 'briefing-note-fr', style: string, content: object) {
  const brief = createBrief(db, { template });
  saveBrief(db, {
    id: brief.id,
    baseRevision: brief.revision,
    title: 'Housing',
    classification: 'UNCLASSIFIED',
    content: content as never,
  });
  setCitationStyle(db, brief.id, style);
  return brief.id;
}

const EXPECTED = {
  'chicago-fullnote-bibliography': {
    en: {
      notes: [
        'Statistics Canada, “Housing Economic Account,” 2024.',
        'Jane Tremblay, “Rents Climb Again in Halifax,” The Chronicle Herald, March 2024, https://example.ca/rents.',
        'Statistics Canada, “Housing Economic Account.”',
      ],
      sources: [
        'Statistics Canada. “Housing Economic Account,” 2024.',
        'Tremblay, Jane. “Rents Climb Again in Halifax.” The Chronicle Herald, March 2024. https://example.ca/rents.',
      ],
    },
    fr: {
      notes: [
        'Statistics Canada, « Housing Economic Account », 2024.',
        'Jane Tremblay, « Rents climb again in Halifax », The Chronicle Herald, mars 2024, https://example.ca/rents.',
        'Statistics Canada, « Housing Economic Account ».',
      ],
      sources: [
        'Statistics Canada. « Housing Economic Account », 2024.',
        'Tremblay, Jane. « Rents climb again in Halifax ». The Chronicle Herald, mars 2024. https://example.ca/rents.',
      ],
    },
  },
  apa: {
    en: {
      notes: ['(Statistics Canada, 2024)', '(Tremblay, 2024)', '(Statistics Canada, 2024)'],
      sources: [
        'Statistics Canada. (2024). Housing Economic Account.',
        'Tremblay, J. (2024, March). Rents climb again in Halifax. The Chronicle Herald. https://example.ca/rents',
      ],
    },
    fr: {
      notes: ['(Statistics Canada, 2024)', '(Tremblay, 2024)', '(Statistics Canada, 2024)'],
      sources: [
        'Statistics Canada. (2024). Housing Economic Account.',
        'Tremblay, J. (2024, mars). Rents climb again in Halifax. The Chronicle Herald. https://example.ca/rents',
      ],
    },
  },
} as const;

// French typography puts a no-break space inside « »; the expectations are written with plain ones.
const plainSpaces = (value: string) => value.replace(/[\u00a0\u202f]/g, ' ');

describe('a source dated to its year or month, cited from the archive', () => {
  it('snapshots the partial date from the archive into the note', async () => {
    const { db, report, article } = await archiveWithLibrary();
    expect(getSource(db, report)).toMatchObject({ publishedAt: null, issued: '2024' });
    expect(getSource(db, article)).toMatchObject({ publishedAt: null, issued: '2024-03' });
    const excerpt = excerptOf({ ...getSource(db, article)!, body: 'Rents rose.' }, 0, 5, 'inline');
    expect(excerpt.source).toMatchObject({ publishedAt: null, issued: '2024-03' });
  });

  for (const style of ['chicago-fullnote-bibliography', 'apa'] as const)
    for (const language of ['en', 'fr'] as const) {
      it(`${style}, ${language}: the editor's list, the Word footnotes and the Sources list print the year or month`, async () => {
        const { db, report, article } = await archiveWithLibrary();
        const id = storedBrief(db, `briefing-note-${language}`, style, noteCiting(db, report, article));
        const brief = getBrief(db, id)!;
        // The editor's list: the same shared numbering over the stored nodes.
        const listed = numberFootnotes(collectFootnoteSources(brief.content), {}, { style, language });
        expect(listed.map((note) => plainSpaces(note.text))).toEqual(EXPECTED[style][language].notes);

        const exported = await exportBriefDocx(db, id, { includeSourceList: true, includeGrades: false }, NOW);
        const parts = xmlParts(exported!.bytes);
        const footnotes = footnoteTexts(parts['word/footnotes.xml']!);
        const inOrder = footnoteReferenceIds(parts['word/document.xml']!).map((n) => footnotes.get(n)!.trim());
        expect(inOrder).toEqual(listed.map((note) => note.text));
        const body = plainSpaces(runText(parts['word/document.xml']!));
        for (const entry of EXPECTED[style][language].sources) expect(body).toContain(entry);
        expect(body).not.toMatch(/n\.\s?d\.|s\.\s?d\./);
      });
    }
});

describe('a report whose cover prints a month alone', () => {
  it('is stored with that month and cited with it, never with a made-up first day', async () => {
    const { db } = tempArchive();
    const file = join(tempDir(), 'review.pdf');
    const reporting =
      'Officials assess that coverage of the archipelago remains incomplete until the end of the decade.';
    writeFileSync(
      file,
      buildPdf([
        {
          lines: ['Public Safety Canada', 'National Cyber Resilience Review', 'November 2024', '', reporting],
          sizes: { 1: 24 },
        },
      ]),
    );
    await importPaths(db, [file]);
    const id = Number((db.prepare('SELECT id FROM sources').get() as { id: number }).id);
    expect(getSource(db, id)).toMatchObject({ publishedAt: null, issued: '2024-11' });
    const note = citationOf(getSource(db, id)!, null);
    const cite = (style: string, language: 'en' | 'fr') =>
      plainSpaces(numberFootnotes([note], {}, { style, language })[0]!.text);
    expect(cite('chicago-fullnote-bibliography', 'en')).toBe(
      'Public Safety Canada, “National Cyber Resilience Review,” November 2024.',
    );
    expect(cite('chicago-fullnote-bibliography', 'fr')).toBe(
      'Public Safety Canada, « National Cyber Resilience Review », novembre 2024.',
    );
    expect(cite('apa', 'en')).toBe('(Public Safety Canada, 2024)');
  });
});

describe('a brief saved before snapshots held partial dates', () => {
  it('prints the archive’s year or month for a note whose snapshot has no date, in the list and in Word', async () => {
    const { db, report, article } = await archiveWithLibrary();
    // Version-1 citation nodes, as the previous build wrote them: no date in the snapshot.
    const old = (id: number) => {
      const { title, outlet, author, url } = getSource(db, id)!;
      const source = { title, outlet, author, publishedAt: null, url };
      return { type: 'precis-citation', version: 1, sourceId: id, source, anchor: null } as unknown as SerializedNode;
    };
    const content = { root: block('root', [block('paragraph', [text('Rents rose.'), old(report), old(article)])]) };
    const id = storedBrief(db, 'briefing-note-en', 'chicago-fullnote-bibliography', content);
    const brief = getBrief(db, id)!;
    const listed = numberFootnotes(collectFootnoteSources(brief.content), citationFacts(db, brief.content, false), {
      style: 'chicago-fullnote-bibliography',
      language: 'en',
    });
    expect(listed.map((note) => note.text)).toEqual([
      'Statistics Canada, “Housing Economic Account,” 2024.',
      'Jane Tremblay, “Rents Climb Again in Halifax,” The Chronicle Herald, March 2024, https://example.ca/rents.',
    ]);
    const exported = await exportBriefDocx(db, id, { includeSourceList: true, includeGrades: false }, NOW);
    const parts = xmlParts(exported!.bytes);
    const footnotes = footnoteTexts(parts['word/footnotes.xml']!);
    const inOrder = footnoteReferenceIds(parts['word/document.xml']!).map((n) => footnotes.get(n)!.trim());
    expect(inOrder).toEqual(listed.map((note) => note.text));
    expect(runText(parts['word/document.xml']!)).toContain('Statistics Canada. “Housing Economic Account,” 2024.');
  });
});
