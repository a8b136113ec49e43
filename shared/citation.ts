import {
  citationFormatter,
  type FormattedCitation,
  hasCitationFormatter,
  type NoteLanguage,
} from './csl/citationFormat';

// Node and browsers both have it; shared/ is compiled without either's types.
declare const performance: { now(): number };

import { type CslItem, snapshotId, toCslItem } from './csl/cslItem';
import type { CitationSnapshot } from './source';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2023-04-13" → "April 13, 2023" (Canadian English long form); anything else passes through. */
export function formatLongDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const month = MONTHS[Number(match[2]) - 1];
  if (!month) return isoDate;
  return `${month} ${Number(match[3])}, ${match[1]}`;
}

/** What a citation is made from: a node's snapshot (its `issued` optional, as in older callers). */
export type CitationSource = Omit<CitationSnapshot, 'issued'> & { issued?: string | null };

/** What a footnote adds to the bibliographic facts: where in the source, and how far it is trusted. */
export interface CitationExtras {
  /** The page of a paginated source (PDF) the passage is on, the citation's locator. */
  page?: number | null;
  /** The source's Admiralty grade, e.g. "B2" (gradeLabel); printed after the citation as "[B2]". */
  grade?: string | null;
}

/** The style (a built-in id or CSL XML, see citationStyles.ts) and the note's language. */
export interface CitationFormat {
  style?: string;
  language?: NoteLanguage;
  /**
   * A performance.now() time after which citeproc is not run: a note it would have to format is
   * given as its source's title and marked pending, for the editor to fill in a moment later.
   * Citeproc takes ~1 ms a note once warm but 10–30 ms cold, and a brief opens cold.
   */
  deadline?: number;
}

/** The CSL item of a citation snapshot; equal snapshots share an id, so citeproc formats them once. */
export function cslItemOf(source: CitationSource, language: NoteLanguage = 'en'): CslItem {
  return toCslItem(snapshotId(source), source, language);
}

/**
 * The citation of a footnote, by citeproc-js in the brief's CSL style and language. The editor's
 * footnote list and the DOCX exporter both call this (through numberFootnotes), so what the
 * analyst sees is exactly what the minister's office receives. 'full' is a source's first note,
 * 'short' a later one (Chicago: surname or organisation, short title, page; never "Ibid.").
 * A graded source's citation ends with " [B2]".
 */
export function formatCitationRuns(
  source: CitationSource,
  form: 'full' | 'short' = 'full',
  extras: CitationExtras = {},
  format: CitationFormat = {},
): FormattedCitation & { pending?: true } {
  const language = format.language ?? 'en';
  const page = extras.page && extras.page > 0 ? extras.page : null;
  const position = form === 'full' ? 'first' : 'subsequent';
  const { deadline, style } = format;
  // Past the deadline, not even the engine is built (that is the costliest step of all).
  const late = deadline !== undefined && performance.now() > deadline && !hasCitationFormatter(style, language);
  const note = late ? null : citationFormatter(style, language).cite(source, position, page, deadline);
  if (!note) return { text: source.title, runs: [{ text: source.title }], pending: true };
  return extras.grade ? withGrade(note, extras.grade) : note;
}

/** formatCitationRuns as plain text. */
export function formatCitation(
  source: CitationSource,
  form: 'full' | 'short' = 'full',
  extras: CitationExtras = {},
  format: CitationFormat = {},
): string {
  return formatCitationRuns(source, form, extras, format).text;
}

/**
 * The Sources list: the style's bibliography of the given sources (each once, in the style's
 * order — by author's surname or title), each graded source's entry ending with " [B2]".
 */
export function formatBibliography(
  sources: readonly { source: CitationSource; grade?: string | null }[],
  format: CitationFormat = {},
): FormattedCitation[] {
  const language = format.language ?? 'en';
  const grades = new Map<string, string>();
  const items = new Map<string, CslItem>();
  for (const { source, grade } of sources) {
    const item = cslItemOf(source, language);
    items.set(item.id, item);
    if (grade) grades.set(item.id, grade);
  }
  return citationFormatter(format.style, language)
    .bibliography([...items.values()])
    .map(({ id, text, runs }) => {
      const grade = grades.get(id);
      return grade ? withGrade({ text, runs }, grade) : { text, runs };
    });
}

function withGrade(citation: FormattedCitation, grade: string): FormattedCitation {
  const mark = ` [${grade}]`;
  return { text: citation.text + mark, runs: [...citation.runs, { text: mark }] };
}

/**
 * The Admiralty grade as printed ("B2"), or null unless both halves are set: a lone letter or
 * digit would read as a different code, and guessing the other half would overstate the analysis.
 */
export function gradeLabel(reliability: string | null, credibility: number | null): string | null {
  return reliability && credibility ? `${reliability}${credibility}` : null;
}
