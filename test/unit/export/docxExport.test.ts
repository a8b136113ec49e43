import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBriefDocx } from '../../../main/export/docxExport';
import {
  collectFootnoteSources,
  numberFootnotes,
  type SerializedBriefState,
  type SerializedNode,
} from '../../../shared/briefDocument';
import { formatCitation } from '../../../shared/citation';
import type { CitationFields } from '../../../shared/source';
import { libreOfficePdfText, pandocMarkdown } from '../../support/docxReaders';
import { itWithCommands } from '../support/itWithCommands';
import {
  asMarkdown,
  block,
  CMHC,
  decodeXml,
  excerpt,
  expectAllXmlValid,
  footnoteReferenceIds,
  footnoteTexts,
  forbiddenCharacter,
  GLOBE,
  NOW,
  runText,
  styleOfParagraphWith,
  text,
  xmlParts,
} from './docxKit';

// ---------------------------------------------------------------------------------------------
// Fixture: a brief as the Lexical editor saves it, extra fields and all.

const QUOTES = [
  'starts fell 14 per cent in January',
  'vacancy rates reached a record low of 1.5 per cent',
  'builders cited higher borrowing costs',
];

function realisticBrief(): SerializedBriefState {
  return {
    root: block('root', [
      block('heading', [text('Issue')], { tag: 'h1' }),
      block('paragraph', [
        text('Housing starts are '),
        text('declining sharply', 1),
        text(' and the trend is '),
        text('expected to continue', 2),
        text(' ('),
        text('not', 4),
        text(' '),
        text('reversing', 8),
        text('). The Globe reports that '),
        excerpt(1, GLOBE, QUOTES[0]!),
        text(', while CMHC notes that '),
        excerpt(2, CMHC, QUOTES[1]!),
        text('.'),
      ]),
      block('heading', [text('Background')], { tag: 'h2' }),
      block('quote', [text('The Minister has committed to doubling the pace of construction.')]),
      block('paragraph', []),
      block('paragraph', [
        text('Industry groups agree:'),
        { type: 'linebreak', version: 1 },
        excerpt(1, GLOBE, QUOTES[2]!),
        text(' is the main obstacle.'),
      ]),
    ]),
  };
}

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const TITLE = 'Housing supply: briefing for the Minister';

// ---------------------------------------------------------------------------------------------

describe('renderBriefDocx', () => {
  const content = realisticBrief();
  const footnotes = numberFootnotes(collectFootnoteSources(content));
  const exported = renderBriefDocx(
    { title: TITLE, content, classification: 'UNCLASSIFIED', language: 'en' },
    { creator: 'A. Analyst', now: NOW },
  );

  it('numbers the fixture the way the editor does: second citation of a source is short', () => {
    expect(footnotes.map((note) => note.number)).toEqual([1, 2, 3]);
    expect(footnotes[0]!.text).toBe(
      'Jane Tremblay, “Housing Starts Fall to Lowest Level in Three Years,” The Globe and Mail, February 15, 2024, https://example.ca/housing-starts.',
    );
    expect(footnotes[0]!.runs.find((run) => run.italic)?.text).toBe('The Globe and Mail');
    expect(footnotes[2]!.text).toBe(formatCitation(GLOBE, 'short'));
    expect(footnotes[2]!.text).toBe('Tremblay, “Housing Starts Fall.”');
  });

  it('writes a package whose every XML part is well formed', async () => {
    expectAllXmlValid(xmlParts(await exported));
  });

  it('puts one footnote reference right after each quotation, ids in document order', async () => {
    const documentXml = xmlParts(await exported)['word/document.xml']!;
    const ids = footnoteReferenceIds(documentXml);
    expect(ids).toEqual([1, 2, 3]);
    QUOTES.forEach((quote, index) => {
      const run = `<w:t xml:space="preserve">“${quote}”</w:t></w:r>`;
      const reference = `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${index + 1}"/></w:r>`;
      expect(documentXml).toContain(run + reference);
    });
    // The text around the excerpts survives, in order.
    expect(runText(documentXml)).toContain(
      `). The Globe reports that “${QUOTES[0]}”, while CMHC notes that “${QUOTES[1]}”.`,
    );
  });

  it('writes each citation, as numberFootnotes gives it, into the footnote with the matching id', async () => {
    const footnotesXml = xmlParts(await exported)['word/footnotes.xml']!;
    const notes = footnoteTexts(footnotesXml);
    expect([...notes.keys()]).toEqual([1, 2, 3]);
    for (const note of footnotes) {
      // A space between Word's number mark and the citation, as Word writes it.
      expect(notes.get(note.number)).toBe(` ${note.text}`);
    }
    expect(footnotesXml.match(/<w:footnoteRef\/>/g)).toHaveLength(3);
  });

  it('keeps number marks out of the separator notes, which Word would "repair"', async () => {
    const parts = xmlParts(await exported);
    for (const [part, kind] of [
      ['word/footnotes.xml', 'footnote'],
      ['word/endnotes.xml', 'endnote'],
    ] as const) {
      const separators = [...parts[part]!.matchAll(new RegExp(`<w:${kind} w:type="[^"]+"[\\s\\S]*?</w:${kind}>`, 'g'))];
      expect(separators).toHaveLength(2);
      for (const [separator] of separators) expect(separator).not.toMatch(/Ref\b|footnoteRef|endnoteRef/);
    }
  });

  it('maps title, headings, quote block and formatting to Word styles', async () => {
    const parts = xmlParts(await exported);
    const documentXml = parts['word/document.xml']!;
    expect(styleOfParagraphWith(documentXml, TITLE)).toBe('Title');
    expect(styleOfParagraphWith(documentXml, 'Issue')).toBe('Heading1');
    expect(styleOfParagraphWith(documentXml, 'Background')).toBe('Heading2');
    expect(styleOfParagraphWith(documentXml, 'doubling the pace')).toBe('Quote');
    expect(styleOfParagraphWith(documentXml, 'Housing starts are')).toBeNull();
    expect(documentXml).toMatch(/<w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">declining sharply</);
    expect(documentXml).toMatch(/<w:rPr><w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">expected to continue</);
    expect(documentXml).toMatch(/<w:rPr><w:strike\/><\/w:rPr><w:t xml:space="preserve">not</);
    expect(documentXml).toMatch(/<w:rPr><w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">reversing</);
    expect(documentXml).toContain('<w:r><w:br/></w:r>');
    expect(documentXml).toContain('<w:p/>');

    const styles = parts['word/styles.xml']!;
    const quoteStyle = /<w:style w:type="paragraph" w:styleId="Quote">[\s\S]*?<\/w:style>/.exec(styles)?.[0];
    expect(quoteStyle).toMatch(/<w:ind w:left="720" w:right="720"\/>/);
    expect(quoteStyle).toContain('<w:i/>');
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="Heading 1"\/>/);
    // The built-in body font is named, then the note's language (wordTemplate.test.ts: the look).
    expect(styles).toMatch(
      /<w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" [^>]*\/><w:sz w:val="22"\/><w:szCs w:val="22"\/><w:lang w:val="en-CA"\/><\/w:rPr><\/w:rPrDefault>/,
    );
  });

  it('writes title, creator, language and the given time into docProps/core.xml', async () => {
    const core = xmlParts(await exported)['docProps/core.xml']!;
    expect(core).toContain(`<dc:title>${TITLE}</dc:title>`);
    expect(core).toContain('<dc:creator>A. Analyst</dc:creator>');
    expect(core).toContain('<dc:language>en-CA</dc:language>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-05T14:30:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-05T14:30:00Z</dcterms:modified>');
  });

  it('defaults the creator to Précis and honours fr-CA', async () => {
    const parts = xmlParts(
      await renderBriefDocx({ title: 'Note', content, classification: 'UNCLASSIFIED', language: 'fr' }, { now: NOW }),
    );
    expect(parts['docProps/core.xml']).toContain('<dc:creator>Précis</dc:creator>');
    expect(parts['word/styles.xml']).toContain('<w:lang w:val="fr-CA"/>');
  });

  it('keeps the text of unknown nodes and survives malformed content', async () => {
    const odd = {
      root: block('root', [
        block('mystery-block', [text('Text inside an unknown block')]),
        null as unknown as SerializedNode,
        block('paragraph', [
          text('See '),
          {
            type: 'link',
            url: 'https://example.ca',
            children: [text('the link text'), excerpt(1, GLOBE, 'linked quote')],
          },
          { type: 'precis-excerpt', version: 1, quote: 'quote without a source' },
          42 as unknown as SerializedNode,
          { ...text('a text node with a child '), children: [excerpt(2, CMHC, 'nested in text')] },
          excerpt(2, CMHC, 'after the link'),
        ]),
        block('list', [block('listitem', [text('first point')]), block('listitem', [text('second point')])], {
          listType: 'number',
        }),
        { type: 'some-inline', text: 'stray inline at the root' },
      ]),
    } satisfies SerializedBriefState;
    const parts = xmlParts(
      await renderBriefDocx(
        { title: 'Odd', content: odd, classification: 'UNCLASSIFIED', language: 'en' },
        { now: NOW },
      ),
    );
    expectAllXmlValid(parts);
    const documentXml = parts['word/document.xml']!;
    const body = runText(documentXml);
    for (const expected of [
      'Text inside an unknown block',
      'the link text',
      '“linked quote”',
      '“quote without a source”',
      'first point',
      'second point',
      'stray inline at the root',
    ]) {
      expect(body).toContain(expected);
    }
    // The unreadable excerpt takes no number; the readable ones keep theirs, wherever they sit.
    expect(footnoteReferenceIds(documentXml)).toEqual([1, 2, 3]);
    expect(body).toContain('a text node with a child “nested in text”“after the link”');
    expect([...footnoteTexts(parts['word/footnotes.xml']!).values()]).toEqual([
      ` ${formatCitation(GLOBE)}`,
      ` ${formatCitation(CMHC)}`,
      ` ${formatCitation(CMHC, 'short')}`,
    ]);
    expect(documentXml.match(/<w:numPr>/g)).toHaveLength(2);
  });

  it('strips characters Word refuses and keeps emoji, RTL text and very long paragraphs', async () => {
    const hostile = 'A\u0001B\uFFFEC\uFFFFD\uD800E';
    const emoji = '🇨🇦👩🏽‍💼';
    const arabic = 'مرحبا بالعالم';
    const hebrew = 'שלום עולם';
    const long = 'Lorem ipsum dolor sit amet. '.repeat(8000).slice(0, 200_000);
    const source: CitationFields = { ...GLOBE, title: `Title\u0001 with ${emoji}\uFFFF`, author: `${hebrew}\uD800` };
    const content: SerializedBriefState = {
      root: block('root', [
        block('heading', [text(`Heading ${hostile}`)], { tag: 'h1' }),
        block('paragraph', [text(`${hostile} ${emoji}`), excerpt(1, source, `Quote ${hostile} ${emoji}`)]),
        block('paragraph', [text(arabic)], { direction: 'rtl' }),
        block('paragraph', [text(hebrew), excerpt(2, CMHC, `${arabic}\uFFFE`)], { direction: 'rtl' }),
        block('paragraph', [text(long)]),
      ]),
    };
    const bytes = await renderBriefDocx(
      { title: `Title ${hostile}`, content, classification: 'UNCLASSIFIED', language: 'en' },
      { creator: `Me\u0001`, now: NOW },
    );
    const parts = xmlParts(bytes);
    expectAllXmlValid(parts);
    for (const [name, xml] of Object.entries(parts)) {
      expect({ name, forbidden: forbiddenCharacter(decodeXml(xml)) }).toEqual({ name, forbidden: undefined });
    }

    const documentXml = parts['word/document.xml']!;
    const body = runText(documentXml);
    expect(body).toContain('ABCDE');
    expect(body).toContain(`ABCDE ${emoji}“Quote ABCDE ${emoji}”`);
    expect(body).toContain(arabic);
    expect(body).toContain(`${hebrew}“${arabic}”`);
    expect(body).toContain(long);
    expect(documentXml).toContain('<w:bidi/>');
    expect(documentXml).toContain(`<w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">${arabic}</w:t>`);

    const notes = [...footnoteTexts(parts['word/footnotes.xml']!).values()];
    expect(notes[0]).toContain(`${hebrew}, “Title with ${emoji},” The Globe and Mail, February 15, 2024`);
    expect(parts['docProps/core.xml']).toContain('<dc:title>Title ABCDE</dc:title>');
    expect(parts['docProps/core.xml']).toContain('<dc:creator>Me</dc:creator>');
  });

  itWithCommands(['pandoc'], 'reads back in pandoc with footnotes, heading and quotations', async () => {
    const file = join(tempDir('precis-docx-pandoc-'), 'brief.docx');
    writeFileSync(file, await exported);
    const markdown = pandocMarkdown(file);
    expect(markdown).toMatch(/^# Issue$/m);
    expect(markdown).toMatch(/^## Background$/m);
    QUOTES.forEach((quote, index) => {
      expect(markdown).toContain(`“${quote}”[^${index + 1}]`);
    });
    for (const note of footnotes) {
      expect(markdown).toContain(`[^${note.number}]: ${asMarkdown(note.runs)}`);
    }
  });

  itWithCommands(
    ['soffice|libreoffice', 'pdftotext'],
    'converts to PDF in LibreOffice with the quotations and citations',
    async () => {
      const file = join(tempDir('precis-docx-lo-'), 'brief.docx');
      writeFileSync(file, await exported);
      // Lines wrap wherever the page ends, so compare without whitespace.
      const squash = (value: string) => value.normalize('NFKC').replace(/\s+/g, '');
      const pdfText = squash(libreOfficePdfText(file).text);
      for (const quote of QUOTES) expect(pdfText).toContain(squash(`“${quote}”`));
      for (const note of footnotes) expect(pdfText).toContain(squash(note.text));
    },
    120_000,
  );
});
