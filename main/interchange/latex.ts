/**
 * The LaTeX that BibTeX files carry in their values (Zotero escapes special characters and may
 * write accents as commands): enough of it to read and write names and titles faithfully.
 */
const ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  c: '\u0327',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  k: '\u0328',
};
const SYMBOLS: Record<string, string> = {
  i: 'ı',
  j: 'ȷ',
  oe: 'œ',
  OE: 'Œ',
  ae: 'æ',
  AE: 'Æ',
  o: 'ø',
  O: 'Ø',
  ss: 'ß',
  l: 'ł',
  L: 'Ł',
  aa: 'å',
  AA: 'Å',
  textendash: '–',
  textemdash: '—',
  textquoteright: '’',
  textquoteleft: '‘',
  textquotedblleft: '“',
  textquotedblright: '”',
  guillemotleft: '«',
  guillemotright: '»',
  textbackslash: '\\',
  textasciitilde: '~',
  textasciicircum: '^',
  textellipsis: '…',
  dots: '…',
  ldots: '…',
};

/** Plain text from a BibTeX value: commands decoded, grouping braces dropped, spaces collapsed. */
export function fromLatex(value: string): string {
  let text = value
    .replace(/\\([&%$#_{}])/g, (_, c: string) => `\uF8F0${c.charCodeAt(0)}\uF8F0`)
    // \'{e}, \'e, \c{c}, \c c: an accent over the next letter (or \i, \j).
    .replace(
      /\\(['`^"~=.]|[cuvHk](?![a-zA-Z]))\s*(?:\{\s*(\\[ij]|[a-zA-Z])\s*\}|(\\[ij](?![a-zA-Z])|[a-zA-Z]))/g,
      (_, accent: string, braced?: string, bare?: string) => {
        const base = (braced ?? bare)!;
        const letter = base === '\\i' ? 'i' : base === '\\j' ? 'j' : base;
        return letter + ACCENTS[accent]!;
      },
    )
    .replace(/\\([a-zA-Z]+)(?:\{\}|\s+|(?![a-zA-Z]))/g, (whole, name: string) => SYMBOLS[name] ?? whole)
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/~/g, '\u00a0')
    .replace(/[{}]/g, '');
  text = text.replace(/\uF8F0(\d+)\uF8F0/g, (_, code: string) => String.fromCharCode(Number(code)));
  return text.replace(/\s+/g, ' ').trim().normalize('NFC');
}

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** A value as BibTeX text: LaTeX's special characters escaped; other characters stay UTF-8. */
export function toLatex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (c) => SPECIAL[c]!);
}
