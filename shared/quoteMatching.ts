import { firstIndexAtOrAfter } from './sortedSearch';

/**
 * Finding a quotation in a source: the folds that make two texts comparable (see quoteIntegrity.ts
 * for what is and is not a difference), the quotation's parts (runs of text, omissions, bracketed
 * changes) and the patterns that match them. quoteIntegrity.ts decides and explains; this finds.
 */

/** How many words of the source one bracketed replacement may stand for. */
export const MAX_REPLACED_WORDS = 4;
// A "word" a replacement stands for is at most this long; it bounds the matcher's backtracking.
const MAX_REPLACED_WORD_LENGTH = 40;
// Occurrences looked at per piece of a quotation; a quotation of "the" needs no more.
const MAX_OCCURRENCES = 10_000;

const SINGLE_QUOTES = /[‘’‚‛′]/g;
const DOUBLE_QUOTES = /[“”„‟″]/g;
const DASHES = /[‐‑‒–—―]/g;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
export const WORD_CHAR = /[\p{L}\p{N}]/u;
export const WORDS = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
const ELLIPSIS = /^\s*(?:…|\.\s*\.\s*\.)\s*$/;

/** Text after the folds above, with, for each of its characters, the source span it came from. */
export interface Folded {
  text: string;
  starts: number[];
  ends: number[];
}

function foldCluster(cluster: string): string {
  return cluster
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .replace(/\s/g, ' ');
}

const MARK = /\p{M}/u;

/**
 * Applies the folds, one base character and its combining marks at a time, keeping offsets.
 * Plain ASCII and spaces, most of any English source, skip the Unicode work: a 500 000-character
 * report folds in about a tenth of a second instead of more than half a second.
 */
export function fold(input: string): Folded {
  const chars: string[] = [];
  const out: Folded = { text: '', starts: [], ends: [] };
  const emit = (char: string, from: number, to: number) => {
    const previous = chars[chars.length - 1];
    if (char === ' ' && (previous === ' ' || previous === '-')) {
      out.ends[out.ends.length - 1] = to;
      return;
    }
    if (char === '-' && previous === ' ') {
      chars.pop();
      out.starts.pop();
      out.ends.pop();
    }
    chars.push(char);
    out.starts.push(from);
    out.ends.push(to);
  };
  let at = 0;
  while (at < input.length) {
    const from = at;
    const code = input.charCodeAt(at);
    at += code >= 0xd800 && code <= 0xdbff && at + 1 < input.length ? 2 : 1;
    while (at < input.length && input.charCodeAt(at) >= 0x300 && MARK.test(input.charAt(at))) at++;
    if (at - from === 1 && code > 0x20 && code < 0x7f) {
      emit(input.charAt(from), from, at);
      continue;
    }
    if (at - from === 1 && (code === 0x20 || (code >= 0x09 && code <= 0x0d))) {
      emit(' ', from, at);
      continue;
    }
    // Astral characters come out whole; both UTF-16 halves map to the same span.
    for (const char of foldCluster(input.slice(from, at))) {
      for (let unit = 0; unit < char.length; unit++) emit(char.charAt(unit), from, at);
    }
  }
  out.text = chars.join('');
  return out;
}

export type QuotePart = { kind: 'text'; text: string } | { kind: 'bracket'; content: string };

/** Splits a quotation at its omissions into runs of text and bracketed changes. */
export function parseQuote(quote: string): QuotePart[][] {
  const chunks: QuotePart[][] = [[]];
  let at = 0;
  const pushText = (raw: string) => {
    const text = fold(raw).text;
    if (text) chunks[chunks.length - 1]!.push({ kind: 'text', text });
  };
  for (const match of quote.matchAll(/\[([^[\]]*)\]/g)) {
    pushText(quote.slice(at, match.index));
    at = match.index + match[0].length;
    const content = match[1] ?? '';
    if (ELLIPSIS.test(content)) chunks.push([]);
    else chunks[chunks.length - 1]!.push({ kind: 'bracket', content: fold(content).text.trim() });
  }
  pushText(quote.slice(at));
  // A run with no text of its own (only a "[sic]" between two omissions) pins nothing down.
  return chunks.filter((chunk) => chunk.some((part) => part.kind === 'text' && part.text.trim() !== ''));
}

export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function caseInsensitive(text: string): string {
  let out = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    out += lower !== upper && lower.length === 1 && upper.length === 1 ? `[${lower}${upper}]` : escapeRegex(char);
  }
  return out;
}

const REPLACED = `[^ ]{0,${MAX_REPLACED_WORD_LENGTH}}(?: [^ ]{1,${MAX_REPLACED_WORD_LENGTH}}){0,${MAX_REPLACED_WORDS - 1}}`;

function chunkPattern(chunk: QuotePart[], flags: string): RegExp {
  const last = chunk.length - 1;
  const pieces = chunk.map((part, index) => {
    if (part.kind === 'bracket') {
      // At the edge of a run, a bracket either restores what it stands for ("[T]he") or is a pure
      // insertion; inside a run it stands for a few source words, or none ("[sic]").
      return index === 0 || index === last ? `(?:${caseInsensitive(part.content)})?` : `(?:${REPLACED})`;
    }
    const core = part.text.trim();
    // Spaces beside a bracket are optional: "receive [sic] data" is "receive data" in the source.
    const before = part.text.startsWith(' ') && index > 0 ? ' ?' : '';
    const after = part.text.endsWith(' ') && index < last ? ' ?' : '';
    return core ? before + escapeRegex(core) + after : ' ?';
  });
  return new RegExp(pieces.join(''), flags);
}

export interface Span {
  start: number;
  end: number;
}

function occurrences(pattern: RegExp, text: string): Span[] {
  const found: Span[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match && found.length < MAX_OCCURRENCES; match = pattern.exec(text)) {
    found.push({ start: match.index, end: match.index + match[0].length });
    pattern.lastIndex = match.index + 1;
  }
  return found;
}

/**
 * Whole-quotation matches in folded coordinates: each run after the first placed at the earliest
 * spot after the previous one. With `wholeWords`, a match may not begin or end inside a word.
 */
export function matchQuote(chunks: QuotePart[][], body: string, flags: string, wholeWords: boolean): Span[] {
  const perChunk = chunks.map((chunk) => occurrences(chunkPattern(chunk, flags), body));
  const isWordChar = (at: number) => WORD_CHAR.test(body.charAt(at));
  const cleanStart = (at: number) => !wholeWords || !isWordChar(at) || !isWordChar(at - 1);
  const cleanEnd = (at: number) => !wholeWords || !isWordChar(at - 1) || !isWordChar(at);

  const spans: Span[] = [];
  for (const head of perChunk[0]!) {
    if (!cleanStart(head.start)) continue;
    let end = head.end;
    for (let k = 1; k < perChunk.length && end >= 0; k++) {
      const candidates = perChunk[k]!;
      const isLast = k === perChunk.length - 1;
      let at = firstIndexAtOrAfter(candidates, end, (span) => span.start);
      while (at < candidates.length && isLast && !cleanEnd(candidates[at]!.end)) at++;
      end = at < candidates.length ? candidates[at]!.end : -1;
    }
    if (end >= 0 && cleanEnd(end)) spans.push({ start: head.start, end });
  }
  return spans;
}

export function toSourceSpan(folded: Folded, span: Span): Span {
  let { start, end } = span;
  while (start < end && folded.text[start] === ' ') start++;
  while (end > start && folded.text[end - 1] === ' ') end--;
  return { start: folded.starts[start] ?? 0, end: folded.ends[end - 1] ?? 0 };
}

/** A source body folded once, for checking many quotations against it (checkPreparedQuote). */
export class PreparedSource {
  readonly folded: Folded;
  private wordSet: Set<string> | null = null;
  constructor(readonly body: string) {
    this.folded = fold(body);
  }
  get words(): Set<string> {
    this.wordSet ??= new Set(this.folded.text.match(WORDS) ?? []);
    return this.wordSet;
  }
}
