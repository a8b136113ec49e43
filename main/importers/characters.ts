/**
 * Character-level clean-up applied before any structure is guessed. It removes only what a reader
 * cannot see or what would break search; it never removes letters, digits or punctuation.
 */

// Vertical tab, form feed, NEL, line and paragraph separators: line breaks in all but name.
const LINE_BREAKS = /[\v\f\u0085\u2028\u2029]/g;

// Dropped: C0 controls other than tab and newline, and DEL, which carry no text and would reach
// Word exports; U+E000/U+E001, search's highlight markers, which in a body would fake a match;
// a BOM inside the text; soft hyphens, invisible but a word break to the search tokenizer.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f\uE000\uE001\uFEFF\u00AD]/g;

export function cleanCharacters(raw: string): string {
  return (
    raw
      .replace(/\r\n?/g, '\n')
      .replace(LINE_BREAKS, '\n')
      .replace(INVISIBLE, '')
      // One form for composed letters, so a file saved on a Mac (NFD) reads and matches like any other.
      .normalize('NFC')
  );
}

/** True when the text has at least one letter or digit. */
export function hasText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
