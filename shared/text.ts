// Text helpers shared by the importer, search, the editor and the exporter.
// Pure functions: no DOM, no Node.

/** Collapses runs of spaces/tabs inside lines and trims each line; keeps paragraph breaks. */
export function normaliseWhitespace(text: string): string {
  // Whole-text passes rather than line by line: this runs on every imported body (content
  // hash), and splitting 3 KB into lines cost three times as much. `[^\S\n]` is exactly what
  // String.prototype.trim removes, less the newline, so each line is trimmed as before.
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[^\S\n]*\n[^\S\n]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Lower-cases and removes diacritics, so "Mélanie" and "melanie" compare equal. */
export function foldForComparison(text: string): string {
  // Only non-ASCII runs are decomposed: ASCII characters never decompose and never reorder with
  // marks, so the result is the same, and most text is mostly ASCII.
  return text.replace(/[\u0080-\uffff]+/g, (run) => run.normalize('NFD').replace(/\p{M}+/gu, '')).toLowerCase();
}

// Every character stripXmlInvalid may remove, and the surrogates it checks are paired.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it looks for
const XML_SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0080-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Removes characters that XML 1.0 forbids (C0 controls except tab/newline/CR, U+FFFE, U+FFFF,
 * lone surrogates), and the C1 controls (U+0080–U+009F), which XML allows but readers disagree
 * on. Word refuses a document containing any of the first, and docx 9.15 only strips some, so
 * every string bound for a .docx goes through here; titles go through it when stored.
 */
export function stripXmlInvalid(text: string): string {
  // Most text has none of them: one scan instead of copying the string a character at a time.
  if (!XML_SUSPECT.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i++;
      }
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    if (code === 0xfffe || code === 0xffff || (code >= 0x80 && code <= 0x9f)) continue;
    out += text.charAt(i);
  }
  return out;
}

/** Counts words the way an analyst would: runs of letters/digits, apostrophes and hyphens inside. */
export function countWords(text: string): number {
  // The same count as matching /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu, without building an
  // array of every word: a word starts at a letter or digit that does not continue the previous
  // word through a single apostrophe or hyphen.
  let count = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    let step = wordCharLength(text, i);
    if (step === 0) {
      i++;
      continue;
    }
    count++;
    for (;;) {
      while (step > 0) {
        i += step;
        step = i < length ? wordCharLength(text, i) : 0;
      }
      const code = text.charCodeAt(i);
      if ((code === 0x27 || code === 0x2019 || code === 0x2d) && i + 1 < length) {
        step = wordCharLength(text, i + 1);
        if (step > 0) {
          i++;
          continue;
        }
      }
      break;
    }
  }
  return count;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Per BMP code unit: 0 not yet known, 1 letter or digit, 2 neither. Filled as text is seen. */
const wordCharKind = new Uint8Array(0x10000);

/** 1 or 2 (a surrogate pair) if a letter or digit starts at `i`, else 0. */
function wordCharLength(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) ? 1 : 0;
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(i + 1);
    return low >= 0xdc00 && low <= 0xdfff && WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let kind = wordCharKind[code]!;
  if (kind === 0) {
    kind = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    wordCharKind[code] = kind;
  }
  return kind === 1 ? 1 : 0;
}
