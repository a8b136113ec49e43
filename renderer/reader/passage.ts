import { highlightTerms, type TextPart } from './highlightTerms';

export interface ReaderPart extends TextPart {
  /** Part of the passage an excerpt or footnote pointed at. */
  passage: boolean;
}

/**
 * The parts of one paragraph of the reader: the focused passage (if it overlaps this paragraph)
 * marked as such, search terms marked elsewhere.
 */
export function paragraphParts(
  text: string,
  paragraphStart: number,
  terms: readonly string[],
  passage: { start: number; end: number } | null,
): ReaderPart[] {
  const from = passage ? Math.max(0, passage.start - paragraphStart) : 0;
  const to = passage ? Math.min(text.length, passage.end - paragraphStart) : 0;
  if (!passage || to <= from) return highlightTerms(text, terms).map((part) => ({ ...part, passage: false }));
  return [
    ...highlightTerms(text.slice(0, from), terms).map((part) => ({ ...part, passage: false })),
    { text: text.slice(from, to), match: false, passage: true },
    ...highlightTerms(text.slice(to), terms).map((part) => ({ ...part, passage: false })),
  ].filter((part) => part.text !== '');
}
