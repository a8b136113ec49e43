import { AlignmentType, Footer, Header, HeadingLevel, PageNumber, Paragraph, TextRun } from 'docx';
import type { Footnote } from '../../shared/briefDocument';
import type { BriefLanguage, BriefSummary } from '../../shared/briefSchemas';
import { formatCitation } from '../../shared/citation';
import { classificationLabel } from '../../shared/titleBlock';
import { oneLine } from './docxParts';

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
 * "Sources": each cited source once, in full (no page: a page belongs to one passage), sorted by
 * outlet (else author, else title) then title as the note's language sorts. The citation snapshot is the one
 * of the source's first footnote, so the list and the first footnote always read alike.
 */
export function sourceListBlocks(
  footnotes: readonly Footnote[],
  grades: ReadonlyMap<number, string> | undefined,
  language: BriefLanguage,
): Paragraph[] {
  const first = new Map<number, Footnote>();
  for (const note of footnotes) if (!first.has(note.node.sourceId)) first.set(note.node.sourceId, note);
  if (first.size === 0) return [];
  const collator = new Intl.Collator(language === 'fr' ? 'fr-CA' : 'en-CA', { sensitivity: 'base', numeric: true });
  // A source with neither outlet nor author files under its title, as a reference list does.
  const key = (note: Footnote) => note.node.source.outlet ?? note.node.source.author ?? note.node.source.title;
  const sorted = [...first.values()].sort(
    (a, b) =>
      collator.compare(key(a), key(b)) ||
      collator.compare(a.node.source.title, b.node.source.title) ||
      a.node.sourceId - b.node.sourceId,
  );
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(SOURCES_HEADING[language])] }),
    ...sorted.map(
      (note) =>
        new Paragraph({
          // A hanging indent, as reference lists are set, so each entry's start stands out.
          indent: { left: 360, hanging: 360 },
          children: [
            new TextRun(
              oneLine(formatCitation(note.node.source, 'full', { grade: grades?.get(note.node.sourceId) ?? null })),
            ),
          ],
        }),
    ),
  ];
}
