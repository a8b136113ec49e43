/** Sentences of the reader's text, as offsets: pure, so the unit tests run it without a page. */

export interface BodyRange {
  start: number;
  end: number;
}

/** The sentence of `text` that holds `offset` (a caret at a sentence's end belongs to it), trimmed of white space. */
export function sentenceAt(text: string, offset: number, locale = 'en'): BodyRange {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  let found: BodyRange = { start: 0, end: text.length };
  for (const segment of segmenter.segment(text)) {
    const start = segment.index;
    const end = start + segment.segment.length;
    found = { start, end };
    if (offset < end || (offset === end && end === text.length)) break;
    // A caret just after the last visible character, before trailing spaces, stays in this sentence.
    if (offset <= start + segment.segment.trimEnd().length) break;
  }
  return trimRange(text, found);
}

export function trimRange(text: string, { start, end }: BodyRange): BodyRange {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  return { start: s, end: e };
}
