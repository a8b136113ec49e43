/**
 * Turns what an analyst types into a safe FTS5 MATCH expression.
 *
 * Supported: words (all must match), "exact phrases", prefix* searches, OR between two terms,
 * and -exclusions (-word, -"phrase"). Every term is emitted as an FTS5 string literal, so FTS5
 * operators and syntax typed by the user (AND, NOT, NEAR(, col:, ^, +) are only ever words.
 * The parser never throws: anything it cannot use is dropped, with a notice where the user
 * would otherwise be surprised.
 */

export interface ParsedQuery {
  /** The MATCH expression, or null when there is nothing to search for. */
  fts: string | null;
  /** The words and phrases to highlight (not the excluded ones), without operators. */
  terms: string[];
  /** Set when the query had to be reinterpreted. */
  notice: string | null;
}

export const MAX_QUERY_TERMS = 32;
/** Every word of a phrase is a lookup in the index; a pasted page would take seconds. */
export const MAX_PHRASE_WORDS = 64;

export const NOTICES = {
  unbalancedQuote: 'Closed an unbalanced quotation mark.',
  tooManyTerms: `Only the first ${MAX_QUERY_TERMS} search terms were used.`,
  longPhrase: `Long phrases were shortened to their first ${MAX_PHRASE_WORDS} words.`,
  exclusionsOnly: 'Add a word to search for; exclusions alone match nothing.',
} as const;

interface Term {
  kind: 'term';
  /** Cleaned text: letters, digits, apostrophes and hyphens, single spaces between words. */
  text: string;
  prefix: boolean;
  negated: boolean;
}
type Token = Term | { kind: 'or' };

export function parseQuery(input: string): ParsedQuery {
  const notices: string[] = [];
  const { tokens, unbalanced, shortened } = tokenize(typeof input === 'string' ? input : '');
  if (unbalanced) notices.push(NOTICES.unbalancedQuote);
  if (shortened) notices.push(NOTICES.longPhrase);

  const capped = capTerms(tokens);
  if (capped.length < tokens.length) notices.push(NOTICES.tooManyTerms);

  // OR binds two neighbouring positive terms: `a b OR c d` means a AND (b OR c) AND d.
  const groups: string[][] = [];
  const excluded: string[] = [];
  const terms: string[] = [];
  let lastWasPositive = false;
  let orPending = false;
  for (const token of capped) {
    if (token.kind === 'or') {
      orPending = lastWasPositive;
      continue;
    }
    const literal = ftsString(token);
    if (token.negated) {
      excluded.push(literal);
      lastWasPositive = false;
    } else {
      const previous = groups[groups.length - 1];
      if (orPending && previous) previous.push(literal);
      else groups.push([literal]);
      if (!terms.includes(token.text)) terms.push(token.text);
      lastWasPositive = true;
    }
    orPending = false;
  }

  if (groups.length === 0) {
    if (excluded.length > 0) notices.push(NOTICES.exclusionsOnly);
    return { fts: null, terms: [], notice: joinNotices(notices) };
  }
  const positive = groups.map((group) => (group.length > 1 ? `(${group.join(' OR ')})` : group[0])).join(' AND ');
  // FTS5's NOT is binary ("a NOT b"), so every exclusion hangs off the whole positive part.
  const fts = excluded.length > 0 ? `(${positive}) NOT (${excluded.join(' OR ')})` : positive;
  return { fts, terms, notice: joinNotices(notices) };
}

function joinNotices(notices: string[]): string | null {
  return notices.length > 0 ? notices.join(' ') : null;
}

/** An FTS5 string literal; a trailing * (outside the quotes) makes its last token a prefix. */
function ftsString(term: Term): string {
  return `"${term.text.replace(/"/g, '""')}"${term.prefix ? '*' : ''}`;
}

function capTerms(tokens: Token[]): Token[] {
  let count = 0;
  const kept: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'term' && ++count > MAX_QUERY_TERMS) break;
    kept.push(token);
  }
  return kept;
}

/** Whitespace, and control characters, which can only have been typed by accident. */
function isSeparator(char: string): boolean {
  const code = char.charCodeAt(0);
  return code <= 0x20 || (code >= 0x7f && code <= 0x9f) || /\s/u.test(char);
}

function tokenize(input: string): { tokens: Token[]; unbalanced: boolean; shortened: boolean } {
  const tokens: Token[] = [];
  let unbalanced = false;
  let shortened = false;
  const pushTerm = (raw: string, prefix: boolean, negated: boolean): void => {
    const words = cleanTerm(raw);
    if (words.length === 0) return;
    const cut = words.length > MAX_PHRASE_WORDS;
    if (cut) shortened = true;
    // A cut phrase must not end in a prefix search on a word the user did not cut.
    const text = words.slice(0, MAX_PHRASE_WORDS).join(' ');
    tokens.push({ kind: 'term', text, prefix: prefix && !cut, negated });
  };
  let i = 0;
  while (i < input.length) {
    if (isSeparator(input[i]!)) {
      i++;
      continue;
    }
    let negated = false;
    if (input[i] === '-') {
      const next = input[i + 1];
      i++;
      // A lone "-" excludes nothing.
      if (next === undefined || isSeparator(next)) continue;
      negated = true;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      let text: string;
      if (close < 0) {
        text = input.slice(i + 1);
        unbalanced = true;
        i = input.length;
      } else {
        text = input.slice(i + 1, close);
        i = close + 1;
      }
      let prefix = false;
      while (input[i] === '*') {
        prefix = true;
        i++;
      }
      pushTerm(text, prefix, negated);
      continue;
    }
    let end = i;
    while (end < input.length && !isSeparator(input[end]!) && input[end] !== '"') end++;
    const word = input.slice(i, end);
    i = end;
    if (word === 'OR' && !negated) {
      tokens.push({ kind: 'or' });
      continue;
    }
    pushTerm(word, /\*$/.test(word), negated);
  }
  return { tokens, unbalanced, shortened };
}

/**
 * Keeps letters, digits, apostrophes and hyphens. Other characters become spaces rather than
 * vanishing: the tokenizer splits the indexed text at them too, so "U.S." must search for the
 * phrase "U S", which is how the text "U.S." was indexed. Returns the words left, maybe none.
 */
function cleanTerm(raw: string): string[] {
  return raw
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}'’-]+/gu, ' ')
    .split(' ')
    .map((word) => word.replace(/^['’-]+|['’-]+$/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
}
