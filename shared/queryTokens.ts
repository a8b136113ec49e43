/**
 * The one reader of the query language: splits what the analyst typed into words, "phrases",
 * prefix* terms, OR, -exclusions and name:value filters, keeping where each came from. Search
 * (main/search/queryParser.ts) builds its FTS query from these tokens, did-you-mean rewrites the
 * query in place with their positions, and the search box draws its filter chips from them, so
 * what the box shows as a filter is exactly what search filters by. It never throws and never
 * rejects input: what it cannot use becomes words, or is dropped with a flag the parser turns
 * into a notice.
 */

export const FILTER_NAMES = ['outlet', 'author', 'lang', 'tag', 'after', 'before', 'cluster'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
const FILTER_ALIASES: Record<string, FilterName> = { language: 'lang', source: 'outlet', by: 'author' };

export const MAX_PHRASE_WORDS = 64;

/** Where a token is in the input: [start, end), from its "-" to its closing quote or "*". */
export interface TokenSpan {
  start: number;
  end: number;
}

export interface TextToken extends TokenSpan {
  kind: 'text';
  /** Cleaned words: letters, digits, apostrophes and hyphens, single spaces between words. */
  text: string;
  quoted: boolean;
  prefix: boolean;
  negated: boolean;
  /** Where the words are in the input (inside the quotes for a phrase). */
  textStart: number;
  textEnd: number;
}

export interface FilterToken extends TokenSpan {
  kind: 'filter';
  name: FilterName;
  /** The name as typed, before the colon ("language" for lang:, "by" for author:). */
  typedName: string;
  /** The value as typed, quotes and trailing * removed, not otherwise cleaned. */
  value: string;
  prefix: boolean;
  negated: boolean;
  /** The whole filter as typed, for notices. */
  raw: string;
}

export type Token = TextToken | FilterToken | ({ kind: 'or' } & TokenSpan);

export interface Tokenized {
  tokens: Token[];
  unbalanced: boolean;
  shortened: boolean;
  /** Filters written with nothing after them (`outlet:` at the end). */
  emptyFilters: string[];
}

/** Whitespace, and control characters, which can only have been typed by accident. */
function isSeparator(char: string): boolean {
  const code = char.charCodeAt(0);
  return code <= 0x20 || (code >= 0x7f && code <= 0x9f) || /\s/u.test(char);
}

/**
 * Keeps letters, digits, apostrophes and hyphens. Other characters become spaces rather than
 * vanishing: the tokenizer splits the indexed text at them too, so "U.S." must search for the
 * phrase "U S", which is how the text "U.S." was indexed. Returns the words left, maybe none.
 */
export function cleanWords(raw: string): string[] {
  return raw
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}'’-]+/gu, ' ')
    .split(' ')
    .map((word) => word.replace(/^['’-]+|['’-]+$/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/** `name:` at `at` when name is a filter we know (case-insensitive), with its length. */
function filterAt(input: string, at: number): { name: FilterName; typedName: string; length: number } | null {
  const match = /^([A-Za-z]+):/.exec(input.slice(at, at + 12));
  if (!match) return null;
  const typedName = match[1]!;
  const name = filterNamed(typedName);
  return name ? { name, typedName, length: match[0].length } : null;
}

/** The filter a name stands for, aliases and any case included ("Language" → lang), or null. */
export function filterNamed(word: string): FilterName | null {
  const lower = word.toLowerCase();
  return (FILTER_NAMES as readonly string[]).includes(lower) ? (lower as FilterName) : (FILTER_ALIASES[lower] ?? null);
}

/** Reads a quoted string starting at the quote at `at`; an unclosed one runs to the end. */
function readQuoted(input: string, at: number): { text: string; end: number; unbalanced: boolean } {
  const close = input.indexOf('"', at + 1);
  if (close < 0) return { text: input.slice(at + 1), end: input.length, unbalanced: true };
  return { text: input.slice(at + 1, close), end: close + 1, unbalanced: false };
}

/** A token's span, without the separators an unclosed quote ran over to the end of the input. */
function spanOf(input: string, start: number, end: number): TokenSpan {
  let last = end;
  while (last > start && isSeparator(input[last - 1]!)) last--;
  return { start, end: last };
}

function readWord(input: string, at: number): number {
  let end = at;
  while (end < input.length && !isSeparator(input[end]!) && input[end] !== '"') end++;
  return end;
}

export function tokenize(input: string): Tokenized {
  const out: Tokenized = { tokens: [], unbalanced: false, shortened: false, emptyFilters: [] };
  const pushText = (
    span: TokenSpan,
    raw: string,
    textStart: number,
    quoted: boolean,
    prefix: boolean,
    negated: boolean,
  ): void => {
    const words = cleanWords(raw);
    if (words.length === 0) return;
    const cut = words.length > MAX_PHRASE_WORDS;
    if (cut) out.shortened = true;
    // A cut phrase must not end in a prefix search on a word the user did not cut.
    const text = words.slice(0, MAX_PHRASE_WORDS).join(' ');
    out.tokens.push({
      kind: 'text',
      text,
      quoted,
      prefix: prefix && !cut,
      negated,
      ...span,
      textStart,
      textEnd: textStart + raw.length,
    });
  };
  let i = 0;
  while (i < input.length) {
    if (isSeparator(input[i]!)) {
      i++;
      continue;
    }
    const tokenStart = i;
    let negated = false;
    if (input[i] === '-') {
      const next = input[i + 1];
      i++;
      // A lone "-" excludes nothing.
      if (next === undefined || isSeparator(next)) continue;
      negated = true;
    }
    const filter = filterAt(input, i);
    if (filter) {
      i += filter.length;
      // `outlet: reuters` (a space after the colon) means what `outlet:reuters` means.
      while (i < input.length && isSeparator(input[i]!)) i++;
      let value: string;
      if (input[i] === '"') {
        const quoted = readQuoted(input, i);
        if (quoted.unbalanced) out.unbalanced = true;
        value = quoted.text;
        i = quoted.end;
      } else {
        const end = readWord(input, i);
        value = input.slice(i, end);
        i = end;
      }
      let prefix = false;
      while (input[i] === '*') {
        prefix = true;
        i++;
      }
      if (value.endsWith('*')) {
        prefix = true;
        value = value.replace(/\*+$/, '');
      }
      const raw = input.slice(tokenStart, i).trim();
      if (value.trim() === '') out.emptyFilters.push(raw);
      else {
        const { name, typedName } = filter;
        const span = spanOf(input, tokenStart, i);
        out.tokens.push({ kind: 'filter', name, typedName, value: value.trim(), prefix, negated, raw, ...span });
      }
      continue;
    }
    if (input[i] === '"') {
      const quoted = readQuoted(input, i);
      if (quoted.unbalanced) out.unbalanced = true;
      i = quoted.end;
      let prefix = false;
      while (input[i] === '*') {
        prefix = true;
        i++;
      }
      pushText(spanOf(input, tokenStart, i), quoted.text, tokenStart + (negated ? 2 : 1), true, prefix, negated);
      continue;
    }
    const end = readWord(input, i);
    const word = input.slice(i, end);
    const wordStart = i;
    i = end;
    if (word === 'OR' && !negated) {
      out.tokens.push({ kind: 'or', start: tokenStart, end });
      continue;
    }
    pushText({ start: tokenStart, end }, word, wordStart, false, /\*$/.test(word), negated);
  }
  return out;
}
