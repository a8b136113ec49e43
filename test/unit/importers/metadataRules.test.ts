import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../main/importers/formats/pdf';
import { parsePlainText } from '../../../main/importers/plainText';
import { findDate, readDateLine } from '../../../main/importers/printedDates';
import { readWireHeader } from '../../../main/importers/wireCopy';
import { buildPdf } from './fixtures';

const REPORTING = [
  'The federal government is weighing tariffs on steel imports, officials said on Thursday after a cabinet meeting.',
  'The minister is expected to announce a decision next week after consultations with industry and the provinces.',
];

describe('printed dates, English and French', () => {
  it('reads the forms documents print', () => {
    const cases: [string, string | null][] = [
      ['Published January 23, 2025', '2025-01-23'],
      ['Updated May 9, 2025 4:15 p.m.', '2025-05-09'],
      ['Publié le 5 février 2025', '2025-02-05'],
      ['Le 1er mars 2025', '2025-03-01'],
      ['jeudi 27 février 2025', '2025-02-27'],
      ['Feb. 27, 2025', '2025-02-27'],
      ['Posted: 2025-06-03', '2025-06-03'],
      ['Ottawa, Ontario, April 3, 2025', '2025-04-03'],
      // A month alone stays a month: no day is made up.
      ['février 2025', '2025-02'],
      ['March 2025', '2025-03'],
      ['The talks began on January 23, 2025, in Seoul.', null],
      ['Budget 2025', null],
    ];
    for (const [line, date] of cases) expect(readDateLine(line)?.date ?? null, line).toBe(date);
    expect(readDateLine('février 2025')?.monthOnly).toBe(true);
    expect(findDate('on 31 February 2025')).toBeNull();
  });

  it('reads wire headers, and not datelines or sentences', () => {
    expect(readWireHeader('CanWire -- 2025-02-27 14:12 ET')).toEqual({ outlet: 'CanWire', date: '2025-02-27' });
    expect(readWireHeader('REUTERS | 27 February 2025 | 09:14 GMT')).toEqual({ outlet: 'Reuters', date: '2025-02-27' });
    expect(readWireHeader('La Presse Canadienne — 5 mars 2025 à 9 h 30')).toEqual({
      outlet: 'La Presse Canadienne',
      date: '2025-03-05',
    });
    expect(readWireHeader('Ottawa, February 27, 2025')).toBeNull();
    expect(readWireHeader('The minister spoke on February 27, 2025 at 2:00 p.m. in Ottawa.')).toBeNull();
  });
});

describe('wire copy', () => {
  it('takes the agency, date and author from the header and byline, not the header as the title', () => {
    const text = [
      'CanWire -- 2025-02-27 14:12 ET',
      'BC-CDN-Tariffs-Ottawa',
      'Ottawa weighs retaliatory tariffs on steel imports',
      'By Tom Henderson',
      `OTTAWA — ${REPORTING[0]}`,
      REPORTING[1]!,
      '-30-',
    ].join('\n\n');
    const parsed = parsePlainText(text, 'canwire.txt');
    expect(parsed).toMatchObject({
      title: 'Ottawa weighs retaliatory tariffs on steel imports',
      outlet: 'CanWire',
      author: 'Tom Henderson',
      publishedAt: '2025-02-27',
      provenance: { title: 'headline', outlet: 'wire-header', author: 'byline', publishedAt: 'wire-header' },
    });
    expect(parsed.body).toBe(`OTTAWA — ${REPORTING[0]}\n\n${REPORTING[1]}`);
  });

  it('reads French wire copy: "Par", "(PC)", the closing credit with its date', () => {
    const parsed = parsePlainText(
      [
        'Québec veut accélérer la construction de logements sociaux',
        'Par Sophie Gagnon',
        'QUÉBEC (PC) — Le gouvernement du Québec veut accélérer la construction de logements sociaux dans les régions.',
        'La ministre a présenté son plan aux maires réunis à Québec pour la journée de mardi.',
        'Ce texte de La Presse Canadienne a été publié pour la première fois le 22 avril 2025.',
      ].join('\n\n'),
      'pc.txt',
    );
    expect(parsed).toMatchObject({
      outlet: 'La Presse Canadienne',
      author: 'Sophie Gagnon',
      publishedAt: '2025-04-22',
      language: 'fr',
    });
    expect(parsed.body).not.toContain('première fois');
  });
});

describe('page furniture', () => {
  it('keeps captions with credits, repeated date lines and syndication credits out of the body', () => {
    const parsed = parsePlainText(
      [
        'Arctic radar upgrade delayed again',
        'Published January 23, 2025',
        'A radar station near Inuvik, N.W.T. (Photo: Dan Kowal/The Northern Ledger)',
        REPORTING[0]!,
        'Published January 23, 2025',
        REPORTING[1]!,
        'This article was originally published by The Northern Ledger.',
        '— With files from The Canadian Press',
      ].join('\n\n'),
      'radar.txt',
    );
    expect(parsed.publishedAt).toBe('2025-01-23');
    expect(parsed.body).toBe(REPORTING.join('\n\n'));
  });

  it('keeps a lone date that is part of the text, such as a chronology heading', () => {
    const parsed = parsePlainText(
      ['Chronology of the talks', REPORTING[0]!, 'February 2025', REPORTING[1]!].join('\n\n'),
      'chronology.txt',
    );
    expect(parsed.body).toBe([REPORTING[0], 'February 2025', REPORTING[1]].join('\n\n'));
  });
});

describe('PDF properties and covers', () => {
  const cover = (lines: string[], sizes: Record<number, number>) => ({ lines: [...lines, '', ...REPORTING], sizes });

  it('reads an Author property that lists several people (it was ignored unless it was one name)', async () => {
    const pdf = buildPdf(
      [cover(['Public Safety Canada', 'National Cyber Resilience Review', 'November 2024'], { 1: 24 })],
      {
        Author: 'Priya Raman, Thomas Lee',
        CreationDate: 'D:20160812090000Z',
      },
    );
    const parsed = await parsePdf(pdf, 'review.pdf');
    expect(parsed).toMatchObject({
      title: 'National Cyber Resilience Review',
      outlet: 'Public Safety Canada',
      author: 'Priya Raman and Thomas Lee',
      // The printed cover date, not the template's creation date: a month, with no day made up.
      publishedAt: null,
      issued: '2024-11',
      provenance: {
        title: 'cover-page',
        outlet: 'cover-page',
        author: 'document-property',
        publishedAt: 'printed-date',
      },
    });
  });

  it('reads authors as properties list them', async () => {
    const { readAuthorList } = await import('../../../main/importers/coverPage');
    expect(readAuthorList('Raman, Priya')).toBe('Priya Raman');
    expect(readAuthorList('Priya Raman; Thomas Lee')).toBe('Priya Raman and Thomas Lee');
    expect(readAuthorList('J.R. Smith, Ann Lee and Dr. Marc Roy')).toBe('J.R. Smith and Ann Lee and Marc Roy');
    for (const generic of [
      'Microsoft Office User',
      'Administrator',
      'Word',
      'user',
      'Utilisateur Windows',
      'Finance Canada',
    ]) {
      expect(readAuthorList(generic), generic).toBeNull();
    }
  });

  it("ignores generic authors, and never takes today's creation date as a publication date", async () => {
    const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const pdf = buildPdf([cover(['Search and Rescue in the Arctic'], { 0: 24 })], {
      Author: 'Microsoft Office User',
      CreationDate: `D:${today}101500Z`,
    });
    const parsed = await parsePdf(pdf, 'sar.pdf');
    expect(parsed).toMatchObject({ title: 'Search and Rescue in the Arctic', author: null, publishedAt: null });
  });

  it('uses an older creation date only as weak evidence', async () => {
    const pdf = buildPdf([cover(['Search and Rescue in the Arctic'], { 0: 24 })], {
      CreationDate: 'D:20240610090000Z',
    });
    const parsed = await parsePdf(pdf, 'sar.pdf');
    expect(parsed).toMatchObject({ publishedAt: '2024-06-10', provenance: { publishedAt: 'property-date' } });
  });

  it('drops running heads and page numbers from a two-page report', async () => {
    const page = (n: number, text: string) => ({ lines: ['Northern Policy Institute', '', text, '', String(n)] });
    const pdf = buildPdf([page(1, REPORTING[0]!), page(2, REPORTING[1]!)]);
    const parsed = await parsePdf(pdf, 'npi.pdf');
    expect(parsed.body).toBe(REPORTING.join('\n\n'));
    expect(parsed.outlet).toBe('Northern Policy Institute');
  });
});
