import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlignmentType, Document, Footer, Header, LevelFormat, Packer, Paragraph } from 'docx';
import { afterEach, describe, expect, it } from 'vitest';
import { renderBriefDocx } from '../../../main/export/docxExport';
import { readWordReference } from '../../../main/export/wordReference';
import { libreOfficePdfText } from '../../support/docxReaders';
import { itWithCommands } from '../support/itWithCommands';
import { cleanUpTemp, tempDir } from '../support/tempArchive';
import { block, text, xmlParts } from './docxKit';

afterEach(cleanUpTemp);

// A department's template as Word (here the docx library) writes one: a letterhead on the first
// page, its own header on even pages, a running head on the others, and its own list formats.
const HEAD = { first: 'Letterhead of the Department', even: 'Even page head', default: 'Running head' };
const FOOT = { first: 'First page foot', even: 'Even page foot', default: 'Running foot' };

async function departmentTemplate(): Promise<Uint8Array> {
  const line = (words: string) => new Paragraph({ text: words });
  const doc = new Document({
    evenAndOddHeaderAndFooters: true,
    numbering: {
      config: [
        {
          reference: 'dept-bullets',
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '➢', alignment: AlignmentType.LEFT }],
        },
        {
          reference: 'dept-numbers',
          levels: [{ level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1)', alignment: AlignmentType.LEFT }],
        },
      ],
    },
    sections: [
      {
        properties: { titlePage: true },
        headers: Object.fromEntries(Object.entries(HEAD).map(([k, v]) => [k, new Header({ children: [line(v)] })])),
        footers: Object.fromEntries(Object.entries(FOOT).map(([k, v]) => [k, new Footer({ children: [line(v)] })])),
        children: [
          new Paragraph({ text: 'A point', numbering: { reference: 'dept-bullets', level: 0 } }),
          new Paragraph({ text: 'A step', numbering: { reference: 'dept-numbers', level: 0 } }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const LONG = 'The committee heard from officials on the state of the housing market and the outlook. '.repeat(12);
const content = {
  root: block('root', [
    block('list', [block('listitem', [text('First bullet')])], { listType: 'bullet' }),
    block('list', [block('listitem', [text('First step')])], { listType: 'number' }),
    ...Array.from({ length: 24 }, (_, i) => block('paragraph', [text(`${i + 1}. ${LONG}`)])),
  ]),
};

async function exported(): Promise<Uint8Array> {
  const reference = readWordReference('department.docx', await departmentTemplate());
  expect(reference).toMatchObject({ titlePage: true, evenAndOddHeaders: true });
  return renderBriefDocx(
    { title: 'Housing outlook', content, classification: 'PROTECTED B', language: 'en' },
    { reference, now: new Date('2024-03-05T14:30:00Z') },
  );
}

describe('a template’s first-page and even-page furniture and its lists', () => {
  it('writes each kind of header and footer with the template’s words and our marking, and its list formats', async () => {
    const parts = xmlParts(await exported());
    const document = parts['word/document.xml']!;
    expect(document).toMatch(/<w:titlePg\/>/);
    expect(parts['word/settings.xml']).toContain('<w:evenAndOddHeaders w:val="true"/>');
    for (const [kind, words] of [
      ['header', HEAD],
      ['footer', FOOT],
    ] as const) {
      for (const pages of ['default', 'first', 'even'] as const) {
        const rId = new RegExp(`<w:${kind}Reference w:type="${pages}" r:id="([^"]+)"/>`).exec(document)?.[1];
        const target = new RegExp(`Id="${rId}"[^>]*Target="([^"]+)"`).exec(parts['word/_rels/document.xml.rels']!)?.[1];
        const xml = parts[`word/${target}`]!;
        expect({ kind, pages, words: xml.includes(words[pages]), marking: xml.includes('PROTECTED B') }).toEqual({
          kind,
          pages,
          words: true,
          marking: true,
        });
      }
    }
    const numbering = parts['word/numbering.xml']!;
    const abstract = (id: number) =>
      new RegExp(`<w:abstractNum w:abstractNumId="${id}"[\\s\\S]*?</w:abstractNum>`).exec(numbering)![0];
    expect(abstract(1)).toContain('<w:lvlText w:val="➢"/>');
    expect(abstract(2)).toContain('<w:numFmt w:val="upperRoman"/>');
  });

  itWithCommands(
    ['soffice', 'pdftotext'],
    'LibreOffice prints the letterhead on page 1, the even head on page 2, the running head on page 3',
    async () => {
      const file = join(tempDir(), 'note.docx');
      writeFileSync(file, await exported());
      const pages = libreOfficePdfText(file).text.split('\f');
      expect(pages.length).toBeGreaterThanOrEqual(4);
      const seen = pages.slice(0, 3).map((page) => ({
        marking: page.includes('PROTECTED B'),
        head: Object.values(HEAD).filter((words) => page.includes(words)),
        foot: Object.values(FOOT).filter((words) => page.includes(words)),
      }));
      expect(seen).toEqual([
        { marking: true, head: [HEAD.first], foot: [FOOT.first] },
        { marking: true, head: [HEAD.even], foot: [FOOT.even] },
        { marking: true, head: [HEAD.default], foot: [FOOT.default] },
      ]);
      expect(pages[0]).toMatch(/➢\s+First bullet/);
      expect(pages[0]).toMatch(/I\)\s+First step/);
    },
  );
});
