import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { renderBriefDocx } from '../../../main/export/docxExport';
import { readWordReference } from '../../../main/export/wordReference';
import type { SerializedBriefState } from '../../../shared/briefDocument';
import { titleBlockNode } from '../../../shared/titleBlock';
import { libreOfficePdfText, pandocMarkdown } from '../../support/docxReaders';
import { itWithCommands } from '../support/itWithCommands';
import { cleanUpTemp, tempDir } from '../support/tempArchive';
import {
  block,
  excerpt,
  expectAllXmlValid,
  GLOBE,
  NOW,
  runText,
  styleOfParagraphWith,
  text,
  xmlParts,
} from './docxKit';
import {
  A4_LANDSCAPE,
  DEPARTMENT,
  departmentTemplate,
  FOOTER_LINE,
  TEMPLATE_STYLES,
  templateWithoutDocument,
} from './wordTemplateKit';

afterEach(cleanUpTemp);

const NOTE: SerializedBriefState = {
  root: block('root', [
    titleBlockNode({ subject: 'Housing starts', date: '2024-05-01' }),
    block('heading', [text('Purpose')], { tag: 'h1' }),
    block('paragraph', [text('Starts fell: '), excerpt(1, GLOBE, 'the lowest level in three years')]),
    block('heading', [text('Background')], { tag: 'h2' }),
    block('quote', [text('A quoted passage.')]),
  ]),
};
const BRIEF = {
  title: 'Housing starts',
  classification: 'PROTECTED B' as const,
  language: 'en' as const,
  content: NOTE,
};

async function exportWith(template: Uint8Array | null, language: 'en' | 'fr' = 'en') {
  const reference = template ? readWordReference('Department.dotx', template) : null;
  return renderBriefDocx({ ...BRIEF, language }, { now: NOW, reference });
}

function saveTemp(bytes: Uint8Array): string {
  const file = join(tempDir(), 'note.docx');
  writeFileSync(file, bytes);
  return file;
}

describe('a department’s Word template', () => {
  it.each(['docx', 'dotx'] as const)('gives the export its styles, page set-up and furniture (.%s)', async (kind) => {
    const bytes = await exportWith(departmentTemplate(kind));
    const parts = xmlParts(bytes);
    expectAllXmlValid(parts);
    const styles = parts['word/styles.xml']!;
    const document = parts['word/document.xml']!;

    // The template's styles and defaults, the note's language for spelling.
    expect(styles).toContain('<w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/>');
    expect(styles).toContain('<w:lang w:val="en-CA"/>');
    expect(styles).not.toContain('fr-FR');
    expect(styles).not.toContain('Arial');
    // French Word's id for "heading 1" is the template's: our heading is renamed to it, not duplicated.
    expect(styleOfParagraphWith(document, 'Purpose')).toBe('Titre1');
    expect(styleOfParagraphWith(document, 'Housing starts')).toBe('Titre');
    expect(styles).not.toContain('w:styleId="Heading1"');
    // Its numbering part is not carried, so its styles must not point into ours.
    expect(styles).not.toContain('<w:numPr>');
    // Styles it lacks are ours, added: the quote, heading 2, the footnote reference mark.
    expect(styleOfParagraphWith(document, 'A quoted passage.')).toBe('Quote');
    expect(styleOfParagraphWith(document, 'Background')).toBe('Heading2');
    for (const id of ['Quote', 'Heading2', 'FootnoteReference', 'FootnoteText']) {
      expect(styles.match(new RegExp(`w:styleId="${id}"`, 'g'))).toHaveLength(1);
    }
    expect(styles).toContain('<w:rPr><w:sz w:val="18"/></w:rPr>');

    // Page set-up: A4 landscape and its margins; the title block spans the text width.
    const { width, height, top, side } = A4_LANDSCAPE;
    expect(document).toContain(`<w:pgSz w:w="${width}" w:h="${height}" w:orient="landscape"/>`);
    expect(document).toContain(`<w:pgMar w:top="${top}" w:right="${side}" w:bottom="${top}" w:left="${side}"`);
    expect(document).toContain(`<w:tblW w:type="dxa" w:w="${width - 2 * side}"/>`);
    // No built-in banner: the department's paper has its own.
    expect(runText(document)).not.toContain('BRIEFING NOTE');

    // The marking stays the first line of the header and the last but one of the footer.
    expect(runText(parts['word/header1.xml']!)).toBe(`PROTECTED B${DEPARTMENT}`);
    expect(runText(parts['word/footer1.xml']!)).toMatch(new RegExp(`^${FOOTER_LINE}PROTECTED BPage `));
    // The header's logo travels with it.
    expect(parts['word/_rels/header1.xml.rels']).toContain('Target="media/template-header1-logo.png"');
    expect(Object.keys(unzipSync(bytes))).toContain('word/media/template-header1-logo.png');
    expect(parts['[Content_Types].xml']).toContain('Extension="png"');
  });

  it('refuses a file that is not a Word template, saying why', () => {
    expect(() => readWordReference('notes.txt', strToU8('plain text'))).toThrow(
      /notes\.txt cannot be used as a Word template: it is not a \.docx or \.dotx file/,
    );
    expect(() => readWordReference('broken.docx', templateWithoutDocument())).toThrow(/no main document part/);
    const files = unzipSync(departmentTemplate());
    delete files['word/styles.xml'];
    expect(() => readWordReference('nostyles.docx', zipSync(files))).toThrow(/no styles part/);
    files['word/styles.xml'] = strToU8(TEMPLATE_STYLES);
    files['word/document.xml'] = strToU8(
      '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>',
    );
    expect(() => readWordReference('strict.docx', zipSync(files))).toThrow(/Strict Open XML/);
  });

  it('without one, sets a sans-serif body, black headings and the BRIEFING NOTE banner', async () => {
    for (const [language, banner] of [
      ['en', 'BRIEFING NOTE'],
      ['fr', 'NOTE DE BREFFAGE'],
    ] as const) {
      const parts = xmlParts(await exportWith(null, language));
      const styles = parts['word/styles.xml']!;
      const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
      expect(defaults).toMatch(/<w:rFonts w:ascii="Arial" [^>]*w:hAnsi="Arial"/);
      const heading1 = /<w:style [^>]*w:styleId="Heading1">[\s\S]*?<\/w:style>/.exec(styles)![0];
      expect(heading1).toContain('<w:color w:val="000000"/>');
      expect(heading1).toContain('<w:b/>');
      // The banner is the first line of the body, above the title and the title block.
      const firstParagraph = /<w:body>\s*<w:p\b[\s\S]*?<\/w:p>/.exec(parts['word/document.xml']!)![0];
      expect(runText(firstParagraph)).toBe(banner);
    }
  });

  itWithCommands(['pandoc'], 'pandoc reads a note exported with a template', async () => {
    const markdown = pandocMarkdown(saveTemp(await exportWith(departmentTemplate('dotx'))));
    expect(markdown).toContain('# Purpose');
    expect(markdown).toContain('A quoted passage.');
    expect(markdown).toContain('the lowest level in three years');
  });

  itWithCommands(['pandoc'], 'takes pandoc’s own reference.docx as a template, as pandoc would', async () => {
    const reference = execFileSync('pandoc', ['--print-default-data-file', 'reference.docx']);
    const bytes = await renderBriefDocx(BRIEF, { now: NOW, reference: readWordReference('reference.docx', reference) });
    const parts = xmlParts(bytes);
    expectAllXmlValid(parts);
    // pandoc's block quotation style is BlockText; our Quote is added beside its styles.
    expect(parts['word/styles.xml']).toContain('w:styleId="BodyText"');
    expect(parts['word/styles.xml']).toContain('w:styleId="Quote"');
    expect(parts['word/theme/theme1.xml']).toBe(
      new TextDecoder().decode(unzipSync(new Uint8Array(reference))['word/theme/theme1.xml']),
    );
    const markdown = pandocMarkdown(saveTemp(bytes));
    expect(markdown).toContain('# Purpose');
    expect(markdown).toContain('the lowest level in three years');
  });

  itWithCommands(
    ['soffice|libreoffice', 'pdfinfo', 'pdffonts', 'pdftotext'],
    'LibreOffice prints the template’s page, and the built-in style in a sans-serif font',
    async () => {
      const templated = libreOfficePdfText(saveTemp(await exportWith(departmentTemplate())));
      const info = execFileSync('pdfinfo', [templated.pdf], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts/);
      expect(templated.text).toContain(DEPARTMENT);
      expect(templated.text).toContain('PROTECTED B');
      expect(execFileSync('pdffonts', [templated.pdf], { encoding: 'utf8' })).not.toMatch(/Arial|Liberation ?Sans/i);

      const builtIn = libreOfficePdfText(saveTemp(await exportWith(null)));
      expect(builtIn.text).toContain('BRIEFING NOTE');
      const fonts = execFileSync('pdffonts', [builtIn.pdf], { encoding: 'utf8' });
      // Arial is substituted by its metric twin; nothing falls back to a Times serif.
      expect(fonts).toMatch(/LiberationSans|Arial/);
      expect(fonts).not.toMatch(/Times|LiberationSerif|DejaVuSerif/i);
    },
    180_000,
  );
});
