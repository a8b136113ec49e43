import { AlignmentType, Footer, Header, HeadingLevel, PageNumber, Paragraph, TextRun } from 'docx';
import type { Footnote } from '../../shared/briefDocument';
import type { BriefLanguage, BriefSummary } from '../../shared/briefSchemas';
import { type CitationFormat, formatBibliography } from '../../shared/citation';
import type { CitationRun } from '../../shared/csl/citationFormat';
import { classificationLabel } from '../../shared/titleBlock';
import { oneLineRun } from './docxParts';

// What surrounds the note's own blocks: the page furniture and the list of sources.

const PAGE_WORDS: Record<BriefLanguage, { page: string; of: string }> = {
  en: { page: 'Page', of: 'of' },
  fr: { page: 'Page', of: 'de' },
};
const SOURCES_HEADING: Record<BriefLanguage, string> = { en: 'Sources', fr: 'Sources' };

function markingParagraph(classification: BriefSummary['classification'], language: BriefLanguage): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 0 },
    children: [new TextRun({ text: classificationLabel(classification, language), bold: true })],
  });
}

/** The security marking, centred and bold at the top of every page, as departmental papers carry it. */
export function markingHeader(classification: BriefSummary['classification'], language: BriefLanguage): Header {
  return new Header({ children: [markingParagraph(classification, language)] });
}

/**
 * The marking again at the foot of every page (a page torn from the note still shows it), then
 * "Page X of Y" as PAGE / NUMPAGES fields, which Word and LibreOffice fill in when laying out.
 */
export function markingFooter(classification: BriefSummary['classification'], language: BriefLanguage): Footer {
  const words = PAGE_WORDS[language];
  return new Footer({
    children: [
      markingParagraph(classification, language),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 0 },
        children: [
          new TextRun({ children: [`${words.page} `, PageNumber.CURRENT, ` ${words.of} `, PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

/**
 * "Sources": each cited source once (no page: a page belongs to one passage), as the style's
 * bibliography — sorted by author's surname or title as the style says, italics kept. The
 * citation snapshot is the one of the source's first footnote, so the list and the first
 * footnote describe the source alike.
 */
export function sourceListBlocks(
  footnotes: readonly Footnote[],
  grades: ReadonlyMap<number, string> | undefined,
  format: CitationFormat & { language: BriefLanguage },
): Paragraph[] {
  const first = new Map<number, Footnote>();
  for (const note of footnotes) if (!first.has(note.node.sourceId)) first.set(note.node.sourceId, note);
  if (first.size === 0) return [];
  const entries = formatBibliography(
    [...first.values()].map((note) => ({ source: note.node.source, grade: grades?.get(note.node.sourceId) ?? null })),
    format,
  );
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(SOURCES_HEADING[format.language])] }),
    ...entries.map(
      (entry) =>
        new Paragraph({
          // A hanging indent, as reference lists are set, so each entry's start stands out.
          indent: { left: 360, hanging: 360 },
          children: entry.runs.map((run) => new TextRun({ text: oneLineRun(run.text), ...runLook(run) })),
        }),
    ),
  ];
}

/** docx's run properties for a citation run's look. */
export function runLook(run: CitationRun): {
  italics?: boolean;
  bold?: boolean;
  smallCaps?: boolean;
  superScript?: boolean;
  subScript?: boolean;
} {
  return {
    ...(run.italic ? { italics: true } : {}),
    ...(run.bold ? { bold: true } : {}),
    ...(run.smallCaps ? { smallCaps: true } : {}),
    ...(run.superscript ? { superScript: true } : {}),
    ...(run.subscript ? { subScript: true } : {}),
  };
}
