import {
  AlignmentType,
  Document,
  HeadingLevel,
  type ILevelsOptions,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import {
  collectFootnoteSources,
  type FootnoteFacts,
  numberFootnotes,
  type SerializedBriefState,
} from '../../shared/briefDocument';
import type { Brief, BriefLanguage } from '../../shared/briefSchemas';
import { readTitleBlock, TITLE_BLOCK_NODE_TYPE } from '../../shared/titleBlock';
import { applyWordReference } from './applyWordReference';
import { FootnoteCursor, NUMBERED_LIST_REFERENCE, QUOTE_STYLE_ID, renderBlocks, sanitiseState } from './docxBlocks';
import { markingFooter, markingHeader, sourceListBlocks } from './docxFrame';
import { corePropertiesXml, endnotesXml, footnotesXml, oneLine, settingsXml } from './docxParts';
import type { WordReference } from './wordReference';
import { normaliseZipDates } from './zipDates';

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
  const footnotes = numberFootnotes(collectFootnoteSources(content), options.facts, format);
  const cursor = new FootnoteCursor(footnotes);
  const reference = options.reference ?? null;
  const textWidth = reference?.textWidth ?? TEXT_WIDTH;
  const body = renderBlocks(content.root, cursor, { classification, language: briefLanguage, textWidth });
  cursor.assertAllUsed();
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
    numbering: { config: [{ reference: NUMBERED_LIST_REFERENCE, levels: numberedLevels() }] },
    sections: [
      {
        properties: {
          page: { size: LETTER, margin: { top: INCH, right: INCH, bottom: INCH, left: INCH } },
        },
        // Protected and classified papers carry their marking at the top and foot of every page.
        headers: { default: markingHeader(classification, briefLanguage) },
        footers: { default: markingFooter(classification, briefLanguage) },
        children: [...banner, ...titleBlock, ...body, ...sources],
      },
    ],
  });

  const packed = await Packer.toBuffer(doc, false, [
    { path: 'docProps/core.xml', data: corePropertiesXml({ title, subject, creator, language, now }) },
    { path: 'word/footnotes.xml', data: footnotesXml(footnotes) },
    { path: 'word/endnotes.xml', data: endnotesXml() },
    { path: 'word/settings.xml', data: settingsXml() },
  ]);
  const bytes = reference ? Buffer.from(applyWordReference(packed, reference)) : packed;
  // Only core.xml's dates may tell two exports of one brief apart (see zipDates.ts).
  normaliseZipDates(bytes);
  return bytes;
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

function numberedLevels(): ILevelsOptions[] {
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: formats[level % formats.length],
    text: `%${level + 1}.`,
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
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
