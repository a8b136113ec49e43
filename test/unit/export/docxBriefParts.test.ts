import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBriefDocx } from '../../../main/export/docxExport';
import { collectFootnoteSources, numberFootnotes, type SerializedBriefState } from '../../../shared/briefDocument';
import { briefTemplate } from '../../../shared/briefTemplates';
import { formatCitation } from '../../../shared/citation';
import { titleBlockNode } from '../../../shared/titleBlock';
import { libreOfficePdfText, pandocMarkdown } from '../../support/docxReaders';
import { itWithCommands } from '../support/itWithCommands';
import {
  block,
  CMHC,
  citation,
  citationMarkdown,
  excerpt,
  expectAllXmlValid,
  footnoteReferenceIds,
  footnoteTexts,
  GLOBE,
  NOW,
  runText,
  styleOfParagraphWith,
  text,
  xmlParts,
} from './docxKit';

// The parts of a brief beyond prose and excerpts: the title block, citations without a
// quotation, the classification marking and the note's language.

const FIELDS = {
  for: 'The Minister of Housing',
  from: 'Jane Doe, Director General\nPolicy Branch',
  subject: 'Housing starts',
  date: '2024-05-01',
  fileNumber: 'HS-2024-0042',
};

/** A briefing note from the template, its title block filled in and a paraphrase cited twice. */
function filledNote(templateId: 'briefing-note-en' | 'briefing-note-fr'): SerializedBriefState {
  const { content } = briefTemplate(templateId, '2024-05-01');
  const [, ...sections] = content.root.children ?? [];
  sections[1] = block('paragraph', [
    text('Starts fell sharply in January'),
    citation(1, GLOBE),
    text('; rents keep rising: '),
    excerpt(2, CMHC, 'vacancy rates reached a record low'),
    text('. Builders blame rates'),
    citation(1, GLOBE),
    text('.'),
  ]);
  return { root: { ...content.root, children: [titleBlockNode(FIELDS), ...sections] } };
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
function writeTemp(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'precis-docx-parts-'));
  tempDirs.push(dir);
  const file = join(dir, 'note.docx');
  writeFileSync(file, bytes);
  return file;
}

/** The table's XML and the text of each of its rows' cells. */
function tableOf(documentXml: string): { xml: string; rows: string[][] } {
  const xml = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(documentXml)?.[0] ?? '';
  const rows = [...xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map(([row]) =>
    [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => runText(cell)),
  );
  return { xml, rows };
}

describe('renderBriefDocx: the parts of a briefing note', () => {
  const english = renderBriefDocx(
    { title: 'Housing', content: filledNote('briefing-note-en'), classification: 'PROTECTED B', language: 'en' },
    { now: NOW },
  );

  it('prints the title block as a borderless two-column table, before the first heading', async () => {
    const parts = xmlParts(await english);
    expectAllXmlValid(parts);
    const documentXml = parts['word/document.xml']!;
    const table = tableOf(documentXml);
    expect(table.rows).toEqual([
      ['For', 'The Minister of Housing'],
      ['From', 'Jane Doe, Director GeneralPolicy Branch'],
      ['Subject', 'Housing starts'],
      ['Date', 'May 1, 2024'],
      ['Classification', 'PROTECTED B'],
      ['File number', 'HS-2024-0042'],
    ]);
    expect(table.xml).toContain('<w:gridCol w:w="2400"/><w:gridCol w:w="6960"/>');
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']) {
      expect(table.xml).toMatch(new RegExp(`<w:${side} w:val="none"`));
    }
    // Labels bold; a value's second line is a line break, not a lost newline.
    expect(table.xml).toMatch(/<w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">For<\/w:t>/);
    expect(table.xml).toMatch(/Director General<\/w:t><\/w:r><w:r><w:br\/><w:t xml:space="preserve">Policy Branch/);
    expect(documentXml.indexOf('<w:tbl>')).toBeLessThan(documentXml.indexOf('>Purpose<'));
    expect(styleOfParagraphWith(documentXml, 'Purpose')).toBe('Heading2');
    expect(styleOfParagraphWith(documentXml, 'Recommendation(s)')).toBe('Heading2');
  });

  it('marks every page with the classification in the header', async () => {
    const parts = xmlParts(await english);
    const headers = Object.keys(parts).filter((name) => /^word\/header\d*\.xml$/.test(name));
    expect(headers).toHaveLength(1);
    expect(runText(parts[headers[0]!]!)).toBe('PROTECTED B');
    expect(parts['word/document.xml']).toMatch(/<w:headerReference w:type="default" r:id="[^"]+"\/>/);
  });

  it('gives a citation a footnote reference alone, numbered with the excerpts in document order', async () => {
    const parts = xmlParts(await english);
    const documentXml = parts['word/document.xml']!;
    expect(footnoteReferenceIds(documentXml)).toEqual([1, 2, 3]);
    const reference = (id: number) =>
      `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
    expect(documentXml).toContain(`Starts fell sharply in January</w:t></w:r>${reference(1)}`);
    expect(documentXml).toContain(`“vacancy rates reached a record low”</w:t></w:r>${reference(2)}`);
    expect(documentXml).toContain(`. Builders blame rates</w:t></w:r>${reference(3)}`);
    expect(runText(documentXml)).toContain(
      'Starts fell sharply in January; rents keep rising: “vacancy rates reached a record low”. Builders blame rates.',
    );
    expect([...footnoteTexts(parts['word/footnotes.xml']!).values()]).toEqual([
      ` ${formatCitation(GLOBE)}`,
      ` ${formatCitation(CMHC)}`,
      ` ${formatCitation(GLOBE, 'short')}`,
    ]);
  });

  it('writes a French note in French: language, labels, date and marking', async () => {
    const bytes = await renderBriefDocx(
      { title: 'Logement', content: filledNote('briefing-note-fr'), classification: 'PROTECTED B', language: 'fr' },
      { now: NOW },
    );
    const parts = xmlParts(bytes);
    expectAllXmlValid(parts);
    expect(parts['word/styles.xml']).toContain('<w:lang w:val="fr-CA"/>');
    expect(parts['docProps/core.xml']).toContain('<dc:language>fr-CA</dc:language>');
    expect(tableOf(parts['word/document.xml']!).rows.map(([label, value]) => `${label}: ${value}`)).toEqual([
      'Destinataire: The Minister of Housing',
      'Expéditeur: Jane Doe, Director GeneralPolicy Branch',
      'Objet: Housing starts',
      'Date: 1er mai 2024',
      'Classification: PROTÉGÉ B',
      'Numéro de dossier: HS-2024-0042',
    ]);
    const header = Object.entries(parts).find(([name]) => name.startsWith('word/header'))![1];
    expect(runText(header)).toBe('PROTÉGÉ B');
    expect(styleOfParagraphWith(parts['word/document.xml']!, 'Situation actuelle')).toBe('Heading2');
  });

  it('prints a block excerpt as a Quote paragraph without quotation marks, keeping its footnote', async () => {
    const quote = 'Vacancy rates reached a record low of 1.5 per cent.';
    const content: SerializedBriefState = {
      root: block('root', [
        block('paragraph', [text('CMHC reports:')]),
        block('quote', [{ ...excerpt(2, CMHC, quote), version: 2, display: 'block' }]),
      ]),
    };
    const documentXml = xmlParts(
      await renderBriefDocx({ title: 'Rents', content, classification: 'UNCLASSIFIED', language: 'en' }, { now: NOW }),
    )['word/document.xml']!;
    expect(styleOfParagraphWith(documentXml, quote)).toBe('Quote');
    expect(runText(documentXml)).toContain(`CMHC reports:${quote}`);
    expect(runText(documentXml)).not.toContain('“');
    expect(footnoteReferenceIds(documentXml)).toEqual([1]);
  });

  it('keeps an unreadable title block’s labels and gives an unreadable citation no number', async () => {
    const content: SerializedBriefState = {
      root: block('root', [
        { type: 'precis-title-block', version: 1, fields: 'damaged' },
        block('paragraph', [
          text('Broken'),
          { type: 'precis-citation', version: 1, sourceId: 'x' },
          text(' then fine'),
          citation(2, CMHC),
        ]),
      ]),
    };
    expect(numberFootnotes(collectFootnoteSources(content))).toHaveLength(1);
    const parts = xmlParts(
      await renderBriefDocx({ title: 'Odd', content, classification: 'SECRET', language: 'en' }, { now: NOW }),
    );
    expectAllXmlValid(parts);
    expect(tableOf(parts['word/document.xml']!).rows.map(([label]) => label)).toEqual([
      'For',
      'From',
      'Subject',
      'Date',
      'Classification',
      'File number',
    ]);
    expect(footnoteReferenceIds(parts['word/document.xml']!)).toEqual([1]);
    expect(runText(parts['word/document.xml']!)).toContain('Broken then fine');
  });

  itWithCommands(['pandoc'], 'reads back in pandoc with the table and the citations’ footnotes', async () => {
    const markdown = pandocMarkdown(writeTemp(await english));
    expect(markdown).toMatch(/\*\*For\*\*\s+The Minister of Housing/);
    expect(markdown).toMatch(/\*\*File number\*\*\s+HS-2024-0042/);
    expect(markdown).toContain('Starts fell sharply in January[^1]');
    expect(markdown).toContain(`[^1]: ${citationMarkdown(GLOBE)}`);
    expect(markdown).toContain(`[^3]: ${citationMarkdown(GLOBE, 'short')}`);
  });

  itWithCommands(
    ['soffice|libreoffice', 'pdftotext'],
    'prints in LibreOffice with the marking, the title block and the footnotes',
    async () => {
      const { text: pdfText } = libreOfficePdfText(writeTemp(await english));
      const squash = (value: string) => value.normalize('NFKC').replace(/\s+/g, '');
      const squashed = squash(pdfText);
      expect(squashed).toContain('PROTECTEDB');
      expect(pdfText).toMatch(/File number\s+HS-2024-0042/);
      for (const note of numberFootnotes(collectFootnoteSources(filledNote('briefing-note-en')))) {
        expect(squashed).toContain(squash(note.text));
      }
    },
    120_000,
  );
});
