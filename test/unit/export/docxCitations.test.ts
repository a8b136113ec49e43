import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { getSource } from '../../../main/archive/sources';
import { exportBriefDocx } from '../../../main/export/exportBrief';
import { briefHandlers } from '../../../main/handlers/briefHandlers';
import { settingsHandlers } from '../../../main/handlers/settingsHandlers';
import { collectFootnoteSources, numberFootnotes } from '../../../shared/briefDocument';
import { formatCitation, gradeLabel } from '../../../shared/citation';
import { contract } from '../../../shared/contract';
import { pandocMarkdown } from '../../support/docxReaders';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';
import { type ArchiveFixture, fillArchive, realisticNote, storeBrief } from './archiveBrief';
import { asMarkdown, block, citation, excerpt, expectAllXmlValid, GLOBE, NOW, text, xmlParts } from './docxKit';

afterEach(() => {
  vi.useRealTimers();
  cleanUpTemp();
});

async function archiveWithBrief(): Promise<{ db: Db; fixture: ArchiveFixture; id: number }> {
  const { db } = tempArchive();
  const fixture = await fillArchive(db);
  const id = storeBrief(db, realisticNote(db, fixture), 'PROTECTED B');
  return { db, fixture, id };
}

function saveTemp(bytes: Uint8Array, name = 'note.docx'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, bytes);
  return file;
}

/** pandoc's footnote definitions, in order: `[^n]: text`. */
function pandocFootnotes(markdown: string): string[] {
  // pandoc escapes brackets in text: \[B2\] is the footnote's [B2].
  return [...markdown.matchAll(/^\[\^(\d+)\]: (.*)$/gm)].map(
    (match) => `${match[1]}: ${match[2]!.replace(/\\([[\]])/g, '$1')}`,
  );
}

describe('citation text with page and grade', () => {
  it('adds the page (Chicago: the bare number) and "[B2]" to both forms, and reads as before without them', () => {
    expect(formatCitation(GLOBE, 'full', { page: 3, grade: 'B2' })).toBe(
      'Jane Tremblay, “Housing Starts Fall to Lowest Level in Three Years,” The Globe and Mail, February 15, 2024, 3, https://example.ca/housing-starts. [B2]',
    );
    expect(formatCitation(GLOBE, 'short', { page: 3 })).toBe('Tremblay, “Housing Starts Fall,” 3.');
    expect(formatCitation(GLOBE, 'short', { grade: 'B2' })).toBe('Tremblay, “Housing Starts Fall.” [B2]');
    expect(formatCitation(GLOBE, 'full', {})).toBe(formatCitation(GLOBE));
    expect(formatCitation(GLOBE, 'full', { page: 3 }, { style: 'apa' })).toBe('(Tremblay, 2024, p. 3)');
    expect(gradeLabel('B', 2)).toBe('B2');
    expect(gradeLabel('B', null)).toBeNull();
  });

  it('numberFootnotes computes the page from the anchor and leaves the editor’s call unchanged', () => {
    const sources = collectFootnoteSources({
      root: block('root', [block('paragraph', [excerpt(7, GLOBE, 'starts fell'), citation(7, GLOBE)])]),
    });
    // The fixture's anchor starts at offset 120: page 2 of a source whose page 2 starts at 100.
    const facts = { pageStarts: new Map([[7, [0, 100, 500]]]), grades: new Map([[7, 'A1']]) };
    expect(numberFootnotes(sources, facts).map((note) => note.text)).toEqual([
      formatCitation(GLOBE, 'full', { page: 2, grade: 'A1' }),
      formatCitation(GLOBE, 'short', { grade: 'A1' }),
    ]);
    expect(numberFootnotes(sources).map((note) => note.text)).toEqual([
      formatCitation(GLOBE),
      formatCitation(GLOBE, 'short'),
    ]);
  });
});

describe('export options, read back by pandoc', () => {
  it('gives every footnote in order, "p. 3" for the PDF source, headings and lists as such', async () => {
    const { db, fixture, id } = await archiveWithBrief();
    const exported = (await exportBriefDocx(db, id, { includeSourceList: false, includeGrades: false }, NOW))!;
    const markdown = pandocMarkdown(saveTemp(exported.bytes));
    const expected = numberFootnotes(collectFootnoteSources(exported.brief.content), {
      pageStarts: new Map([[fixture.reportId, getSource(db, fixture.reportId)!.pageStarts]]),
    });
    expect(pandocFootnotes(markdown)).toEqual(expected.map((note) => `${note.number}: ${asMarkdown(note.runs)}`));
    expect(markdown).toMatch(/Department of National Defence, “Arctic Surveillance Review,” November 2, 2023, 3\./);
    expect(markdown).not.toContain('[B2]');
    expect(markdown).not.toMatch(/^# Sources$/m);
    expect(markdown).toMatch(/^## Purpose$/m);
    expect(markdown).toMatch(/^## Recommendation\(s\)$/m);
    expect(markdown).toMatch(/^- +Approve the modernisation plan in principle\n\n?- +Direct officials/m);
    expect(markdown).toMatch(/^> /m);
  });

  it('appends the grade from the archive and ends with the sorted list of sources', async () => {
    const { db, id } = await archiveWithBrief();
    const exported = (await exportBriefDocx(db, id, { includeSourceList: true, includeGrades: true }, NOW))!;
    expectAllXmlValid(xmlParts(exported.bytes));
    const markdown = pandocMarkdown(saveTemp(exported.bytes));
    const report = pandocFootnotes(markdown).find((note) => note.includes('Arctic Surveillance Review'));
    expect(report).toMatch(/November 2, 2023, 3\. \[B2\]$/);
    // Ungraded seeds get no brackets.
    expect(pandocFootnotes(markdown).filter((note) => note.endsWith(']'))).toEqual([report]);
    const list = markdown.slice(markdown.search(/^# Sources$/m), markdown.search(/^\[\^1\]/m));
    const entries = list.split('\n').filter((line) => line.includes('“'));
    const cited = new Set(collectFootnoteSources(exported.brief.content).map((node) => node.sourceId));
    expect(entries).toHaveLength(cited.size);
    // Chicago's bibliography: by author's surname (or the organisation), else title.
    expect(entries.map((line) => line.slice(0, 12))).toEqual([
      '“Canada, Sou',
      'Department o',
      'Robertson, D',
      '“When Marine',
    ]);
    expect(list).toContain('Department of National Defence. “Arctic Surveillance Review,” November 2, 2023. \\[B2\\]');
    expect(list).toContain(
      'Robertson, Dylan. “Canada, Japan Begin Formal Talks on Intelligence-Sharing Pact, Further Military Ties.” *The Canadian Press*, n.d.',
    );
  });

  it('writes the author from settings, the subject from the title block, and the marking centred top and bottom', async () => {
    const { db, id } = await archiveWithBrief();
    expect(settingsHandlers(db).getSettings({})).toEqual({ authorName: '', language: null });
    let parts = xmlParts(
      (await exportBriefDocx(db, id, { includeSourceList: false, includeGrades: false }, NOW))!.bytes,
    );
    expect(parts['docProps/core.xml']).toContain('<dc:creator>Précis</dc:creator>');
    const input = contract.saveSettings.input.parse({ authorName: '  Jane Doe ' });
    expect(settingsHandlers(db).saveSettings(input)).toEqual({ authorName: 'Jane Doe', language: null });
    parts = xmlParts((await exportBriefDocx(db, id, { includeSourceList: false, includeGrades: false }, NOW))!.bytes);
    const core = parts['docProps/core.xml']!;
    expect(core).toContain('<dc:creator>Jane Doe</dc:creator>');
    expect(core).toContain('<dc:title>Arctic radar modernisation</dc:title>');
    expect(core).toContain('<dc:subject>Arctic radar modernisation</dc:subject>');
    expect(core).toContain('<dc:language>en-CA</dc:language>');
    const header = Object.entries(parts).find(([name]) => /^word\/header\d*\.xml$/.test(name))![1];
    const footer = Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name))![1];
    for (const part of [header, footer]) {
      expect(part).toMatch(/<w:jc w:val="center"\/>[\s\S]*<w:b\/>[\s\S]*PROTECTED B/);
    }
    expect(footer).toMatch(/PAGE[\s\S]*NUMPAGES/);
  });

  it('is byte for byte the same document exported twice a second apart, core.xml dates aside', async () => {
    const { db, id } = await archiveWithBrief();
    const handlers = briefHandlers(db);
    // Two clocks a second and more apart: DOS zip times have 2 s steps, and dates in core.xml 1 s.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-05-01T09:00:00.400Z'));
    const first = await handlers.exportBrief({ id, includeSourceList: true, includeGrades: true });
    vi.setSystemTime(new Date('2024-05-01T09:00:03.900Z'));
    const second = await handlers.exportBrief({ id, includeSourceList: true, includeGrades: true });
    vi.useRealTimers();
    if (first.kind !== 'download' || second.kind !== 'download') throw new Error('expected downloads');
    const [a, b] = [first, second].map((outcome) => unzipSync(Buffer.from(outcome.base64, 'base64')));
    expect(Object.keys(a!)).toEqual(Object.keys(b!));
    for (const name of Object.keys(a!)) {
      if (name === 'docProps/core.xml') continue;
      expect({ name, same: Buffer.compare(a![name]!, b![name]!) === 0 }).toEqual({ name, same: true });
    }
    const stamps = (parts: typeof a) => strFromU8(parts!['docProps/core.xml']!).replace(/\d{4}-\d\d-\d\dT[\d:]+Z/g, '');
    expect(stamps(a)).toBe(stamps(b));
    // With the same clock the whole file is identical, zip entry dates included.
    const again = [0, 1].map(
      async () => (await exportBriefDocx(db, id, { includeSourceList: false, includeGrades: false }, NOW))!.bytes,
    );
    const [x, y] = await Promise.all(again);
    expect(Buffer.compare(x!, y!)).toBe(0);
  });
});

describe('a paraphrase citation with no anchor', () => {
  it('gets no page even from a paginated source', () => {
    const sources = collectFootnoteSources({
      root: block('root', [block('paragraph', [text('x'), citation(6, GLOBE)])]),
    });
    expect(numberFootnotes(sources, { pageStarts: new Map([[6, [0, 10]]]) })[0]!.text).toBe(formatCitation(GLOBE));
  });
});
