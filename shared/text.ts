// Text helpers shared by the importer, search, the editor and the exporter.
// Pure functions: no DOM, no Node.

/** Collapses runs of spaces/tabs inside lines and trims each line; keeps paragraph breaks. */
export function normaliseWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Lower-cases and removes diacritics, so "Mélanie" and "melanie" compare equal. */
export function foldForComparison(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * Removes characters that XML 1.0 forbids (C0 controls except tab/newline/CR, U+FFFE, U+FFFF,
 * lone surrogates). Word refuses a document containing any of them, and docx 9.15 only strips
 * some, so every string bound for a .docx goes through here.
 */
export function stripXmlInvalid(text: string): string {
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
    if (code === 0xfffe || code === 0xffff) continue;
    out += text.charAt(i);
  }
  return out;
}

/** Counts words the way an analyst would: runs of letters/digits, apostrophes and hyphens inside. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
