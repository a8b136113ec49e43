import { firstIndexAtOrAfter } from '../../shared/sortedSearch';
import type { CountablePhrase } from './phraseCounts';
import { MATCH_END, MATCH_START } from './snippet';

/**
 * FTS5's snippet() over the body, made here for plain text. snippet() costs a statement per hit
 * (the MATCH parsed again, a seek in every phrase's doclist, the body tokenized): 1.2–2.4 ms of
 * CPU for a page of 20 at 100,000 sources, about a third of a typical search. For a body of ASCII
 * text (curly quotes and dashes only separate words) and phrases of ASCII words, the same window
 * is chosen here from the body itself, by fts5_aux.c's rules:
 * - every instance of a phrase opens a candidate window of SNIPPET_TOKENS tokens, scored 1000 for
 *   each distinct phrase in it and 1 for each further instance, then shifted back so that its
 *   hits sit in the middle (and kept within the body);
 * - a window starting at the sentence before the instance scores 100 more (120 at the start);
 * - the first best score wins; the text runs from the first token (or the start of the body) to
 *   the last (or the end of the body), with '…' where it was cut, and each instance marked.
 * Returns null when the text or a phrase is not plain (FTS5 makes that snippet), and '' when the
 * body holds no instance (the hit then shows the body's opening, as before).
 */

export const SNIPPET_TOKENS = 24;
const ELLIPSIS = '…';

/** Anything but ASCII and General Punctuation: such text is left to FTS5 (see phraseCounts.ts). */
const NOT_PLAIN = /[^\t\n\r -\u007f\u2000-\u206f]/;
const WORD = /^[a-z0-9]+$/;

interface Instance {
  phrase: number;
  /** First and last token of the instance. */
  first: number;
  last: number;
}

/*
 * Made for a cold process: `precis search` runs this once per hit in a fresh Node, where V8 still
 * interprets our loops (a few hundred ns a character or token: a loop over every character was
 * ~25 ms of CPU for a page of 20). So nothing here loops over a body's characters or tokens in
 * JavaScript: regular expressions (compiled code from their first use) find the phrases'
 * instances and the sentence breaks, and count the tokens between them (String.prototype.split);
 * only the window's tokens are walked one by one (docs/startup.md).
 */

/** A token (fts5's unicode61 on plain text: a run of ASCII letters and digits). */
const TOKEN = /[A-Za-z0-9]+/g;
/** The same, to count tokens by splitting on them. */
const TOKEN_SPLIT = /[A-Za-z0-9]+/;
/** From a token's start: the token and the separators after it (lastIndex: the next token). */
const TO_NEXT_TOKEN = /[A-Za-z0-9]+[^A-Za-z0-9]+/y;
/** A '.' or ':', then white space, then a token: the token begins a sentence (fts5SentenceFinderCb). */
const SENTENCE_BREAK = /[.:][\t\n\r ]+(?=[A-Za-z0-9])/g;

/** Tokens that start in body[from, to), where `from` is 0 or a token's start and `to` a token's start or the end. */
function tokensBetween(body: string, from: number, to: number): number {
  return to > from ? body.slice(from, to).split(TOKEN_SPLIT).length - 1 : 0;
}

const patterns = new Map<string, RegExp>();

function patternOf(phrase: CountablePhrase): RegExp {
  const key = `${phrase.words.join(' ')}${phrase.prefix ? '*' : ''}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    if (patterns.size > 1000) patterns.clear();
    const tail = phrase.prefix ? '[A-Za-z0-9]*' : '';
    pattern = new RegExp(`(?<![A-Za-z0-9])${phrase.words.join('[^A-Za-z0-9]+')}${tail}(?![A-Za-z0-9])`, 'gi');
    patterns.set(key, pattern);
  }
  return pattern;
}

/** An instance found by its pattern, at a token's start (its token index comes later). */
interface Found {
  phrase: number;
  offset: number;
}

/** Every instance of every phrase, by offset; overlapping instances of one phrase too. */
function instancesIn(body: string, phrases: readonly CountablePhrase[]): Found[] {
  const found: Found[] = [];
  phrases.forEach((phrase, index) => {
    const pattern = patternOf(phrase);
    pattern.lastIndex = 0;
    for (let match = pattern.exec(body); match !== null; match = pattern.exec(body)) {
      found.push({ phrase: index, offset: match.index });
      // The next instance may begin at the next token (a phrase like "a b a").
      TO_NEXT_TOKEN.lastIndex = match.index;
      pattern.lastIndex = TO_NEXT_TOKEN.test(body) ? TO_NEXT_TOKEN.lastIndex : body.length;
    }
  });
  return found;
}

/** Offsets of the tokens that begin a sentence after the first (preceded by '.' or ':' and white space). */
function sentenceBreaks(body: string): number[] {
  const out: number[] = [];
  SENTENCE_BREAK.lastIndex = 0;
  for (let match = SENTENCE_BREAK.exec(body); match !== null; match = SENTENCE_BREAK.exec(body)) {
    out.push(match.index + match[0].length);
  }
  return out;
}

/**
 * The token index of each offset in `offsets` (each 0 or a token's start), and the body's token
 * count: the tokens between consecutive offsets, counted by the regular expression.
 */
function tokenIndexes(body: string, offsets: readonly number[]): { indexOf: Map<number, number>; count: number } {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const indexOf = new Map<number, number>();
  let index = 0;
  let at = 0;
  for (const offset of sorted) {
    index += tokensBetween(body, at, offset);
    indexOf.set(offset, index);
    at = offset;
  }
  return { indexOf, count: index + tokensBetween(body, at, body.length) };
}

/** fts5SnippetScore: the window's score, and its start moved back to centre its hits. */
function score(
  instances: readonly Instance[],
  seen: Uint8Array,
  from: number,
  tokenCount: number,
): { score: number; start: number } {
  seen.fill(0);
  let total = 0;
  let first = -1;
  let last = 0;
  for (let i = firstIndexAtOrAfter(instances, from, (instance) => instance.first); i < instances.length; i++) {
    const instance = instances[i]!;
    if (instance.first >= from + SNIPPET_TOKENS) break;
    total += seen[instance.phrase] ? 1 : 1000;
    seen[instance.phrase] = 1;
    if (first < 0) first = instance.first;
    last = instance.last + 1;
  }
  let start = first - Math.trunc((SNIPPET_TOKENS - (last - first)) / 2);
  if (start + SNIPPET_TOKENS > tokenCount) start = tokenCount - SNIPPET_TOKENS;
  if (start < 0) start = 0;
  return { score: total, start };
}

/**
 * Start and end offsets of tokens `from` to `stop - 1`, walked from the nearest offset whose
 * token index is known and not after `from` (0 is token 0's, or the text before it).
 */
function windowTokens(
  body: string,
  indexOf: ReadonlyMap<number, number>,
  from: number,
  stop: number,
): { starts: Map<number, number>; ends: Map<number, number> } {
  let anchor = 0;
  let anchorIndex = 0;
  for (const [offset, index] of indexOf) {
    if (index <= from && offset >= anchor) {
      anchor = offset;
      anchorIndex = index;
    }
  }
  const starts = new Map<number, number>();
  const ends = new Map<number, number>();
  TOKEN.lastIndex = anchor;
  for (let index = anchorIndex; index < stop; index++) {
    const match = TOKEN.exec(body);
    if (match === null) break;
    if (index >= from) {
      starts.set(index, match.index);
      ends.set(index, match.index + match[0].length);
    }
  }
  return { starts, ends };
}

export function plainSnippet(body: string, phrases: readonly CountablePhrase[]): string | null {
  if (phrases.length === 0 || NOT_PLAIN.test(body)) return null;
  if (!phrases.every((phrase) => phrase.words.length > 0 && phrase.words.every((word) => WORD.test(word)))) {
    return null;
  }
  const found = instancesIn(body, phrases);
  if (found.length === 0) return '';
  const breaks = sentenceBreaks(body);
  const { indexOf, count } = tokenIndexes(body, [...found.map((f) => f.offset), ...breaks]);
  const instances: Instance[] = found
    .map(({ phrase, offset }) => {
      const first = indexOf.get(offset)!;
      return { phrase, first, last: first + phrases[phrase]!.words.length - 1 };
    })
    .sort((a, b) => a.first - b.first || a.phrase - b.phrase);
  const sentences =
    count > SNIPPET_TOKENS ? [0, ...breaks.map((offset) => indexOf.get(offset)!).filter((index) => index > 0)] : [];
  const seen = new Uint8Array(phrases.length);
  let best = { score: -1, start: 0 };
  let s = 0;
  for (const instance of instances) {
    const here = score(instances, seen, instance.first, count);
    if (here.score > best.score) best = here;
    if (count > SNIPPET_TOKENS) {
      // A window from the start of the instance's sentence, when that is before the instance
      // (instances come in order, so the sentence only moves forward).
      while (s + 1 < sentences.length && sentences[s + 1]! <= instance.first) s++;
      const at = sentences[s]!;
      if (at < instance.first) {
        const sentence = score(instances, seen, at, count).score + (at === 0 ? 120 : 100);
        if (sentence > best.score) best = { score: sentence, start: at };
      }
    }
  }
  const stop = Math.min(count, best.start + SNIPPET_TOKENS);
  const { starts, ends } = windowTokens(body, indexOf, best.start, stop);
  const from = best.start === 0 ? 0 : starts.get(best.start)!;
  const to = stop === count ? body.length : ends.get(stop - 1)!;
  let out = best.start > 0 ? ELLIPSIS : '';
  let at = from;
  for (const [first, last] of markedRuns(instances, best.start, stop)) {
    out += `${body.slice(at, starts.get(first))}${MATCH_START}${body.slice(starts.get(first), ends.get(last))}${MATCH_END}`;
    at = ends.get(last)!;
  }
  out += body.slice(at, to);
  return stop < count ? out + ELLIPSIS : out;
}

/**
 * The runs of tokens to mark: overlapping instances make one run; a run that starts before the
 * window is not marked, and one that runs past it is cut at its end (fts5HighlightCb).
 */
function markedRuns(instances: readonly Instance[], start: number, stop: number): [number, number][] {
  const runs: [number, number][] = [];
  for (const { first, last } of instances) {
    const previous = runs[runs.length - 1];
    if (previous && first <= previous[1]) previous[1] = Math.max(previous[1], last);
    else runs.push([first, last]);
  }
  return runs
    .filter(([first]) => first >= start && first < stop)
    .map(([first, last]): [number, number] => [first, Math.min(last, stop - 1)]);
}
