import { collectFootnoteSources, type SerializedBriefState } from './briefDocument';
import { EXCERPT_NODE_TYPE, type TextQuoteAnchor } from './excerpt';
import {
  escapeRegex,
  fold,
  matchQuote,
  PreparedSource,
  parseQuote,
  type QuotePart,
  type Span,
  toSourceSpan,
  WORD_CHAR,
  WORDS,
} from './quoteMatching';

export { MAX_REPLACED_WORDS, PreparedSource } from './quoteMatching';

/**
 * Quote integrity: the words between quotation marks must be the source's words.
 *
 * What is NOT a difference (both sides are compared after these folds):
 *   - runs of whitespace, line and paragraph breaks, no-break and other Unicode spaces;
 *   - curly and straight quotation marks (‘ ’ ‚ ‛ ′ → ', “ ” „ ‟ ″ → ");
 *   - dashes (‐ ‑ ‒ – — ― → -), with or without spaces around them;
 *   - "…" and "...", ligatures and other compatibility forms (NFKC), composed and decomposed accents;
 *   - soft hyphens and zero-width characters (PDF imports are full of them).
 * What the analyst may mark:
 *   - "[…]" or "[...]": an omission; any amount of the source is skipped there;
 *   - "[anything else]": an insertion or a replacement of up to MAX_REPLACED_WORDS source words
 *     ("[Canada] will", "[sic]"), or a changed letter at the start or end ("[T]he").
 * Everything else must match exactly, letter case included, and a quotation may not begin or end
 * in the middle of a source word.
 */

export type QuoteCheck =
  | { ok: true; start: number; end: number }
  | { ok: false; reason: string; problem: QuoteProblem };

/**
 * Why a quotation failed, for the interface's language: a message of shared/i18n/messages
 * (`quote.problem.*`) and its values, source text bare (the message quotes it in its language's
 * marks), a list of missing phrases as an array. `reason` says the same in English.
 */
export interface QuoteProblem {
  id:
    | 'quote.problem.empty'
    | 'quote.problem.noWords'
    | 'quote.problem.insideWord'
    | 'quote.problem.notInSource'
    | 'quote.problem.recased'
    | 'quote.problem.recasedHint'
    | 'quote.problem.capitals'
    | 'quote.problem.punctuation'
    | 'quote.problem.ellipsis'
    | 'quote.problem.order'
    | 'quote.problem.sourceGone';
  values: Record<string, string | string[]>;
}

type Failure = Extract<QuoteCheck, { ok: false }>;
const failure = (reason: string, id: QuoteProblem['id'], values: QuoteProblem['values'] = {}): Failure => ({
  ok: false,
  reason,
  problem: { id, values },
});

const clipped = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);
const quoted = (text: string) => `“${clipped(text)}”`;

/** Checks that `quote` is the words of `sourceBody`; on success gives the span quoted (nearest the anchor). */
export function checkQuote(quote: string, sourceBody: string, anchor?: TextQuoteAnchor): QuoteCheck {
  return checkPrepared(quote, new PreparedSource(sourceBody), anchor);
}

/** checkQuote against a source folded once: the note's checks fold each source once, not per quotation. */
export function checkPreparedQuote(quote: string, source: PreparedSource, anchor?: TextQuoteAnchor): QuoteCheck {
  return checkPrepared(quote, source, anchor);
}

function checkPrepared(quote: string, source: PreparedSource, anchor?: TextQuoteAnchor): QuoteCheck {
  if (!quote.trim()) return failure('The quotation is empty.', 'quote.problem.empty');
  const chunks = parseQuote(quote);
  if (chunks.length === 0) return failure('The quotation has no words of the source in it.', 'quote.problem.noWords');
  const { folded } = source;
  const spans = matchQuote(chunks, folded.text, 'g', true).map((span) => toSourceSpan(folded, span));
  if (spans.length === 0) return explainMismatch(chunks, source);
  // Without an anchor the first occurrence wins; for "[T]he" that is "the", not its "he".
  const target = anchor?.start ?? 0;
  let best = spans[0]!;
  for (const span of spans) if (Math.abs(span.start - target) < Math.abs(best.start - target)) best = span;
  return { ok: true, ...best };
}

type Recased = { quoted: string; source: string };

/** The most useful single sentence about why a quotation was not found. */
function explainMismatch(chunks: QuotePart[][], source: PreparedSource): Failure {
  const { folded } = source;
  const cut = matchQuote(chunks, folded.text, 'g', false)[0];
  if (cut) {
    const around = wordsAround(source.body, toSourceSpan(folded, cut));
    return failure(
      `The quotation begins or ends inside a word of the source, which reads ${quoted(around)}.`,
      'quote.problem.insideWord',
      { source: clipped(around) },
    );
  }

  const words = chunks.flatMap(wholeWordsOf);
  const byLowerCase = new Map([...source.words].map((word) => [word.toLowerCase(), word]));
  const absent = words.map((word) => !source.words.has(word) && !byLowerCase.has(word.toLowerCase()));
  const missing = words.filter((_, i) => absent[i] && !absent[i - 1]).map(() => [] as string[]);
  let phrase = -1;
  words.forEach((word, i) => {
    if (!absent[i]) return;
    if (!absent[i - 1]) phrase++;
    missing[phrase]!.push(word);
  });
  if (missing.length > 0) {
    const bare = missing.slice(0, 5).map((words) => clipped(words.join(' ')));
    const one = missing.length === 1 && missing[0]!.length === 1;
    const more = missing.length > 5;
    return failure(
      `${one ? 'This word is' : 'These words are'} not in the source: ${bare.map((p) => `“${p}”`).join(', ')}${more ? ', …' : ''}.`,
      'quote.problem.notInSource',
      { single: one ? 'yes' : 'no', phrases: bare, more: more ? 'yes' : 'no' },
    );
  }

  const ignoringCase = matchQuote(chunks, folded.text, 'gi', true)[0];
  const sourceText = ignoringCase ? sliceOf(source, ignoringCase) : '';
  // Without brackets or omissions, the quotation's words and the source's align one to one.
  const aligned = chunks.length === 1 && chunks[0]!.length === 1;
  const recased =
    (ignoringCase && aligned ? firstRecased(words, fold(sourceText).text.match(WORDS) ?? []) : null) ??
    firstRecased(
      words,
      words.map((word) => (source.words.has(word) ? word : (byLowerCase.get(word.toLowerCase()) ?? word))),
    );
  if (recased) {
    const hint = bracketHint(recased.quoted, recased.source);
    const values = { source: clipped(recased.source), quoted: clipped(recased.quoted) };
    return hint
      ? failure(
          `The source writes ${quoted(recased.source)}, not ${quoted(recased.quoted)}; mark the change as ${quoted(hint)}.`,
          'quote.problem.recasedHint',
          { ...values, hint: clipped(hint) },
        )
      : failure(
          `The source writes ${quoted(recased.source)}, not ${quoted(recased.quoted)}.`,
          'quote.problem.recased',
          values,
        );
  }
  if (ignoringCase) {
    return failure(
      `Capital letters differ from the source, which reads ${quoted(sourceText)}.`,
      'quote.problem.capitals',
      { source: clipped(sourceText) },
    );
  }

  const punctuated = chunks.length === 1 ? wordsInOrder(words, folded.text) : null;
  if (punctuated) {
    const reads = sliceOf(source, punctuated);
    return failure(`Punctuation differs from the source, which reads ${quoted(reads)}.`, 'quote.problem.punctuation', {
      source: clipped(reads),
    });
  }
  const texts = chunks.flat().flatMap((part) => (part.kind === 'text' ? [part.text] : []));
  if (texts.some((text) => text.includes('...'))) {
    return failure('The source has no “…” there; mark an omission with brackets: […].', 'quote.problem.ellipsis');
  }
  return failure(
    'The words are in the source, but not in this order or not together; mark each omission with […].',
    'quote.problem.order',
  );
}

/** The source's own text under a span of its folded text. */
function sliceOf(source: PreparedSource, span: Span): string {
  const at = toSourceSpan(source.folded, span);
  return source.body.slice(at.start, at.end);
}

/** The first word written with other capitals than the source's word in the same place. */
function firstRecased(quotedWords: readonly string[], sourceWords: readonly string[]): Recased | null {
  for (let i = 0; i < quotedWords.length; i++) {
    const [quotedWord, sourceWord] = [quotedWords[i]!, sourceWords[i] ?? ''];
    if (quotedWord !== sourceWord && quotedWord.toLowerCase() === sourceWord.toLowerCase()) {
      return { quoted: quotedWord, source: sourceWord };
    }
  }
  return null;
}

/** Where the words occur in this order with only punctuation and spaces between them, if anywhere. */
function wordsInOrder(words: readonly string[], body: string): Span | null {
  if (words.length === 0) return null;
  const pattern = new RegExp(words.map(escapeRegex).join('[^\\p{L}\\p{N}]+'), 'u');
  const match = pattern.exec(body);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

/** The words of a run's text, without those a bracket touches ("he" in "[T]he"), which are only parts. */
function wholeWordsOf(chunk: QuotePart[]): string[] {
  return chunk.flatMap((part, index) => {
    if (part.kind !== 'text') return [];
    const words = part.text.match(WORDS) ?? [];
    const touchesBefore = chunk[index - 1]?.kind === 'bracket' && !part.text.startsWith(' ');
    const touchesAfter = chunk[index + 1]?.kind === 'bracket' && !part.text.endsWith(' ');
    return words.slice(touchesBefore ? 1 : 0, touchesAfter ? words.length - 1 : words.length);
  });
}

/** "Government" for the source's "government" → "[G]overnment", when only the first letter differs. */
function bracketHint(quotedWord: string, sourceWord: string): string | null {
  if (quotedWord.slice(1) !== sourceWord.slice(1)) return null;
  return `[${quotedWord.charAt(0)}]${quotedWord.slice(1)}`;
}

function wordsAround(body: string, span: Span): string {
  let { start, end } = span;
  while (start > 0 && WORD_CHAR.test(body.charAt(start - 1))) start--;
  while (end < body.length && WORD_CHAR.test(body.charAt(end))) end++;
  return body.slice(start, end);
}

export interface QuoteFlag {
  /** Position among the brief's excerpts, in document order (0-based). */
  index: number;
  /** The excerpt's footnote number, as numberFootnotes gives it (citations count too). */
  footnote: number;
  sourceId: number;
  quote: string;
  reason: string;
  problem: QuoteProblem;
}

/**
 * Checks every excerpt of a brief against its source, in document order; returns only the flagged
 * ones. `getBody` returns a source's text, or null when the source is no longer in the archive.
 */
export function checkBrief(state: SerializedBriefState, getBody: (sourceId: number) => string | null): QuoteFlag[] {
  const flags: QuoteFlag[] = [];
  const prepared = new Map<number, PreparedSource | null>();
  let index = 0;
  collectFootnoteSources(state).forEach((node, position) => {
    if (node.type !== EXCERPT_NODE_TYPE) return;
    if (!prepared.has(node.sourceId)) {
      const body = getBody(node.sourceId);
      prepared.set(node.sourceId, body === null ? null : new PreparedSource(body));
    }
    const source = prepared.get(node.sourceId) ?? null;
    const result: QuoteCheck = source
      ? checkPrepared(node.quote, source, node.anchor)
      : failure('The source of this quotation is no longer in the archive.', 'quote.problem.sourceGone');
    if (!result.ok) {
      const { reason, problem } = result;
      flags.push({ index, footnote: position + 1, sourceId: node.sourceId, quote: node.quote, reason, problem });
    }
    index++;
  });
  return flags;
}
