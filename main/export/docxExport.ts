import { Document, HeadingLevel, Packer, Paragraph, type Table, TextRun } from 'docx';
import {
  collectFootnoteSources,
  type FootnoteFacts,
  numberFootnotes,
  type SerializedBriefState,
  type SerializedNode,
} from '../../shared/briefDocument';
import type { Brief, BriefLanguage } from '../../shared/briefSchemas';
import { readTitleBlock, TITLE_BLOCK_NODE_TYPE } from '../../shared/titleBlock';
import { applyWordReference } from './applyWordReference';
import { FootnoteCursor, QUOTE_STYLE_ID, renderBlocks, sanitiseState } from './docxBlocks';
import { markingFooter, markingHeader, sourceListBlocks } from './docxFrame';
import { corePropertiesXml, endnotesXml, footnotesXml, numberingXml, oneLine, settingsXml } from './docxParts';
import type { WordReference } from './wordReference';
import { type PackageParts, partText, zipPackage } from './zipPackage';

export interface BriefDocxOptions {
  creator?: string;
  now?: Date;
  /** Page starts and (when the analyst asked for them) grades of the cited sources: citationFacts. */
  facts?: FootnoteFacts;
  /** Ends the note with a "Sources" list. */
  sourceList?: boolean;
  /** The department's Word template (wordReference.ts); without one, the built-in style. */
  reference?: WordReference | null;
}

/** What the exporter reads of a brief; without a citation style, the default (Chicago). */
export type ExportableBrief = Pick<Brief, 'title' | 'content' | 'classification' | 'language'> &
  Partial<Pick<Brief, 'citationStyle'>>;

// US Letter with one-inch margins, in twips: the paper Canadian federal offices print on
// (docx's default is A4).
const LETTER = { width: 12_240, height: 15_840 };
const INCH = 1_440;
const TEXT_WIDTH = LETTER.width - 2 * INCH;

// The built-in look, as a senior analyst sets a note: a sans-serif body named explicitly (with no
// font named, LibreOffice falls back to Times), 11 pt, black bold headings. Arial is on every
// Windows and macOS machine; LibreOffice on Linux substitutes its metric twin, Liberation Sans.
const BODY_FONT = 'Arial';
const BLACK = '000000';
const HEADING_SIZES = [28, 24, 22, 22, 22, 22];
const BANNER: Record<BriefLanguage, string> = { en: 'BRIEFING NOTE', fr: 'NOTE DE BREFFAGE' };

/**
 * Renders a brief as a .docx file: the classification at the top of every page, the title, the
 * body blocks (the title block as a table), and one Word footnote per excerpt or citation,
 * numbered and worded exactly as the editor's footnote list (numberFootnotes, in the brief's
 * citation style and language).
 */
export async function renderBriefDocx(brief: ExportableBrief, options: BriefDocxOptions = {}): Promise<Buffer> {
  const briefLanguage: BriefLanguage = brief.language === 'fr' ? 'fr' : 'en';
  const language = briefLanguage === 'fr' ? 'fr-CA' : 'en-CA';
  const { classification } = brief;
  const title = oneLine(typeof brief.title === 'string' ? brief.title : '');
  const creator = oneLine(options.creator ?? 'Précis') || 'Précis';
  const now = validDate(options.now);

  // Numbering and rendering walk one sanitised tree, so footnote k is the k-th reference rendered.
  const content = sanitiseState(brief.content);
  const format = { style: brief.citationStyle, language: briefLanguage };
  const rawNodes: SerializedNode[] = [];
  const footnotes = numberFootnotes(collectFootnoteSources(content, rawNodes), options.facts, format);
  const cursor = new FootnoteCursor(footnotes, rawNodes);
  const reference = options.reference ?? null;
  const textWidth = reference?.textWidth ?? TEXT_WIDTH;
  const body = renderBlocks(content.root, cursor, { classification, language: briefLanguage, textWidth });
  cursor.assertAllUsed();
  // docx lays out the frame (styles, header, footer, title, tables); each run of our string-built
  // paragraphs stands in it as one placeholder paragraph, replaced in document.xml after packing.
  const placeholders: string[] = [];
  const bodyChildren: (Paragraph | Table)[] = [];
  for (const [index, block] of body.blocks.entries()) {
    if (typeof block !== 'string') bodyChildren.push(block);
    else if (typeof body.blocks[index - 1] === 'string') placeholders[placeholders.length - 1] += block;
    else {
      placeholders.push(block);
      bodyChildren.push(new Paragraph({ children: [new TextRun(placeholderText(placeholders.length - 1))] }));
    }
  }
  const sources = options.sourceList ? sourceListBlocks(footnotes, options.facts?.grades, format) : [];
  const subject = titleBlockSubject(content);

  // A department's template brings its own furniture; the built-in style names the kind of paper.
  const banner = reference
    ? []
    : [
        new Paragraph({
          spacing: { after: 120 },
          keepNext: true,
          children: [new TextRun({ text: BANNER[briefLanguage], bold: true, size: 28 })],
        }),
      ];
  const titleBlock = title ? [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] })] : [];

  // The footnotes are not given to docx: it would write them with a broken separator, so the
  // footnotes part is written by footnotesXml, with ids equal to the numbers the body refers to.
  const doc = new Document({
    title,
    subject,
    creator,
    lastModifiedBy: creator,
    styles: {
      default: {
        // docx's Normal has no space between paragraphs; 8 pt after each, as Word's default does.
        // With a template, the styles it lacks are added with no font or colour of their own, so
        // they take its Normal's (applyWordReference.ts); otherwise the built-in look.
        document: {
          run: { language: { value: language }, ...(reference ? {} : { font: BODY_FONT, size: 22 }) },
          paragraph: { spacing: { after: 160 } },
        },
        title: { run: { bold: true, size: 32, ...(reference ? {} : { font: BODY_FONT, color: BLACK }) } },
        // Word's own heading styles carry these; docx's lack them. The outline level is what
        // LibreOffice's navigator and Word's navigation pane go by.
        heading1: heading(0, !reference),
        heading2: heading(1, !reference),
        heading3: heading(2, !reference),
        heading4: heading(3, !reference),
        heading5: heading(4, !reference),
        heading6: heading(5, !reference),
        // As Word's List Paragraph: no space between items of one list.
        listParagraph: { paragraph: { contextualSpacing: true } },
      },
      paragraphStyles: [
        {
          id: QUOTE_STYLE_ID,
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true },
          paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 120, after: 120 } },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: { size: LETTER, margin: { top: INCH, right: INCH, bottom: INCH, left: INCH } },
          ...(reference?.titlePage ? { titlePage: true } : {}),
        },
        // Protected and classified papers carry their marking at the top and foot of every page:
        // in each kind of header and footer the template has (first page, even pages).
        headers: furniture(() => markingHeader(classification, briefLanguage), reference),
        footers: furniture(() => markingFooter(classification, briefLanguage), reference),
        children: [...banner, ...titleBlock, ...bodyChildren, ...sources],
      },
    ],
  });

  const files = packageParts(doc);
  const put = (path: string, xml: string) => {
    files[path] = xml;
  };
  put('word/document.xml', withPlaceholdersFilled(partText(files, 'word/document.xml'), placeholders));
  put('docProps/core.xml', corePropertiesXml({ title, subject, creator, language, now }));
  put('word/footnotes.xml', footnotesXml(footnotes));
  put('word/endnotes.xml', endnotesXml());
  put('word/settings.xml', settingsXml(reference?.evenAndOddHeaders ?? false));
  put('word/numbering.xml', numberingXml(body.numberedLists, reference?.lists));
  if (reference) applyWordReference(files, reference);
  return zipPackage(files);
}

// docx's Packer zips what its compiler writes, in JavaScript; its parts are taken straight from
// the compiler instead (docx is pinned to 9.15.2, where Packer holds it as a private static) and
// zipped once, natively, with ours (zipPackage.ts). The unit tests fail if that ever changes.
interface DocxCompiler {
  compile(file: Document, prettify: undefined, overrides: []): Map<string, string | Uint8Array>;
}
function packageParts(doc: Document): PackageParts {
  const { compiler } = Packer as unknown as { compiler: DocxCompiler };
  return Object.fromEntries(compiler.compile(doc, undefined, []));
}

// A paragraph of private-use marks with no properties: every other paragraph docx writes in the
// frame (title, banner, table cells, Sources) has some, so no text of the brief can pass for one.
const placeholderText = (index: number) => `\uE0F0${index}\uE0F1`;
const PLACEHOLDER = /<w:p><w:r><w:t xml:space="preserve">\uE0F0(\d+)\uE0F1<\/w:t><\/w:r><\/w:p>/g;

function withPlaceholdersFilled(document: string, paragraphs: readonly string[]): string {
  let filled = 0;
  const xml = document.replace(PLACEHOLDER, (_all, index: string) => {
    filled++;
    return paragraphs[Number(index)]!;
  });
  if (filled !== paragraphs.length) throw new Error(`DOCX export placed ${filled} of ${paragraphs.length} paragraphs`);
  return xml;
}

/** The kinds of header (or footer) the page needs: first and even ones when the template has them. */
function furniture<T>(make: () => T, reference: WordReference | null): { default: T; first?: T; even?: T } {
  return {
    default: make(),
    ...(reference?.titlePage ? { first: make() } : {}),
    ...(reference?.evenAndOddHeaders ? { even: make() } : {}),
  };
}

/** The title block's Subject line, as the document's subject property; '' when there is none. */
function titleBlockSubject(content: SerializedBriefState): string {
  const node = (content.root.children ?? []).find((child) => child.type === TITLE_BLOCK_NODE_TYPE);
  return oneLine(readTitleBlock(node)?.fields.subject ?? '');
}

function validDate(date: Date | undefined): Date {
  // W3CDTF has four-digit years only; an invalid or far-off date would make core.xml unreadable.
  if (date instanceof Date && !Number.isNaN(date.getTime())) {
    const year = date.getUTCFullYear();
    if (year >= 1 && year <= 9999) return date;
  }
  return new Date();
}

function heading(outlineLevel: number, builtIn: boolean) {
  const look = builtIn ? { font: BODY_FONT, color: BLACK } : {};
  return {
    paragraph: { outlineLevel, keepNext: true, keepLines: true, spacing: { before: 240, after: 80 } },
    run: { bold: true, size: HEADING_SIZES[outlineLevel], ...look },
  };
}

/** A name Word, Windows and macOS all accept, derived from the brief title. */
export function docxFileName(title: string): string {
  const base = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
    .replace(/[. ]+$/, '');
  return `${base || 'Brief'}.docx`;
}
