/**
 * The words FTS5 indexes, as its `unicode61 remove_diacritics 2` tokenizer (migration 0040)
 * cuts and folds them: runs of letters, digits, private-use characters and combining marks,
 * lower-cased, with diacritics removed. The exact-ranking index (rankingIndex.ts) counts words
 * with this, so it must agree with FTS5; test/unit/search/ftsTokens.test.ts compares the two on
 * varied text, and each source's word count is checked against FTS5's own (docsize) when it is
 * indexed, so a disagreement makes that source "always rescored" rather than mis-ranked.
 */

const TOKEN = /[\p{L}\p{N}\p{Co}\p{Mn}]+/gu;
const ASCII_TOKEN = /[A-Za-z0-9]+/g;
const MARKS = /\p{M}+/gu;

// FTS5 removes diacritics from Latin letters only: "é" is "e", but Greek "ά" and Cyrillic "й"
// keep theirs. Its case folding also maps the long s to "s".
const LATIN_WITH_MARKS = /([A-Za-z\u00c0-\u024f])(\p{M}+)/gu;

function fold(token: string): string {
  return token
    .normalize('NFD')
    .replace(LATIN_WITH_MARKS, '$1')
    .normalize('NFC')
    .replace(MARKS, (marks, at: number) => (at === 0 ? '' : marks))
    .toLowerCase()
    .replace(/\u017f/g, 's');
}

/** The indexed words of `text`, in order (the same word repeated as often as it occurs). */
export function ftsTokens(input: string): string[] {
  let text = input;
  // Curly quotes and dashes (General Punctuation) only ever separate words: the ASCII path can
  // take text whose only other characters they are, which is most English prose.
  if (/[^\p{ASCII}]/u.test(text)) text = text.replace(/[\u2000-\u206f]/g, ' ');
  if (!/[^\p{ASCII}]/u.test(text)) {
    const words = text.match(ASCII_TOKEN) ?? [];
    for (let i = 0; i < words.length; i++) words[i] = words[i]!.toLowerCase();
    return words;
  }
  const out: string[] = [];
  for (const token of text.match(TOKEN) ?? []) {
    const folded = /[^\p{ASCII}]/u.test(token) ? fold(token) : token.toLowerCase();
    if (folded !== '') out.push(folded);
  }
  return out;
}

/**
 * Characters on which ftsTokens and FTS5 were checked to agree one by one (Latin, Greek,
 * Cyrillic, punctuation, currency and letter-like symbols, kana, CJK ideographs, Hangul):
 * FTS5's Unicode tables are older than JavaScript's, and differ elsewhere. A source with any
 * other character is never ranked from counts made here (rankingIndex.ts keeps it aside).
 */
const TRUSTED =
  /^[\p{ASCII}\u0080-\u00b4\u00b6-\u01df\u01e4-\u01ed\u01ef-\u01fb\u0200-\u024f\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u03c1\u03c3-\u03cf\u03f6-\u0482\u0488-\u0527\u2000-\u2064\u206a-\u206f\u20a0-\u20b9\u2100-\u214f\u3001-\u3029\u3041-\u3096\u30a1-\u30ff\u4e00-\u9fff\uac00-\ud7a3]*$/u;

export function isCountable(text: string): boolean {
  return TRUSTED.test(text);
}
