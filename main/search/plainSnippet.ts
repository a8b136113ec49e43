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
 *
 * Nor are a body's tokens all counted: only those between the points the window depends on (the
 * body's start and end, each instance, and the sentence start before each), and a stretch between
 * two points longer than `gapCap` tokens counts as `gapCap` (docs/search.md, "Snippets without
 * counting the whole body"). Every rule above compares token distances of at most SNIPPET_TOKENS
 * plus a phrase's length, so a capped stretch is as good as its true length: a distance below the
 * cap is exact, and one at or above it stays at or above it. Counting every token of a 3 KB body
 * was two thirds of the snippet's cost (about 25 µs of 40 a hit at 100,000 sources); a stretch is
 * now read no further than its cap-th token, by one regular expression that allocates nothing.
 */

/** A token (fts5's unicode61 on plain text: a run of ASCII letters and digits). */
const TOKEN = /[A-Za-z0-9]+/g;
/** The same, to count tokens by splitting on them. */
const TOKEN_SPLIT = /[A-Za-z0-9]+/;
const WORD_CHAR = /[A-Za-z0-9]/;
/** From a token's start: the token and the separators after it (lastIndex: the next token). */
const TO_NEXT_TOKEN = /[A-Za-z0-9]+[^A-Za-z0-9]+/y;
/** A '.' or ':', then white space, then a token: the token begins a sentence (fts5SentenceFinderCb). */
const SENTENCE_BREAK = /[.:][\t\n\r ]+(?=[A-Za-z0-9])/g;

/** Tokens that start in body[from, to), where `from` is 0 or a token's start and `to` a token's start or the end. */
function tokensBetween(body: string, from: number, to: number): number {
  return to > from ? body.slice(from, to).split(TOKEN_SPLIT).length - 1 : 0;
}

/** A stretch of at most this many characters per token of the cap is counted whole. */
const SHORT_STRETCH_CHARS_PER_TOKEN = 6;

/** Per cap: from a stretch's start through the first letter of its cap-th token (unambiguous, so linear). */
const atLeastPatterns = new Map<number, RegExp>();

/** tokensBetween, or `cap` when at least that many tokens start in body[from, to). */
function tokensBetweenCapped(body: string, from: number, to: number, cap: number): number {
  // A short stretch (most, where instances are dense) is counted whole: the test below would
  // read past its end, up to the cap-th token.
  if (to - from <= SHORT_STRETCH_CHARS_PER_TOKEN * cap) return tokensBetween(body, from, to);
  let atLeast = atLeastPatterns.get(cap);
  if (atLeast === undefined) {
    if (atLeastPatterns.size > 100) atLeastPatterns.clear();
    atLeast = new RegExp(`[^A-Za-z0-9]*(?:[A-Za-z0-9]+[^A-Za-z0-9]+){${cap - 1}}[A-Za-z0-9]`, 'y');
    atLeastPatterns.set(cap, atLeast);
  }
  atLeast.lastIndex = from;
  if (atLeast.test(body) && atLeast.lastIndex - 1 < to) return cap;
  return tokensBetween(body, from, to);
}

/**
 * The cap on a stretch's tokens. A window starts at most SNIPPET_TOKENS before the end, half a
 * window before an instance, or half the instance's excess over a window after it (an instance
 * longer than the window is centred): a cap of more than twice the farthest of these makes the
 * point nearest to a window's start, by capped indexes, the one it was found from.
 */
function gapCap(phrases: readonly CountablePhrase[]): number {
  return 2 * SNIPPET_TOKENS + 2 + Math.max(...phrases.map((phrase) => phrase.words.length));
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

/** A point the window depends on: an offset (0, the end, or a token's start) and its capped token index. */
interface Point {
  offset: number;
  index: number;
}

/**
 * The capped token index of each offset in `offsets` (each 0 or a token's start), in order, and
 * of the body's end (the capped token count).
 */
function cappedIndexes(body: string, offsets: readonly number[], cap: number): { points: Point[]; count: number } {
  const sorted = [...new Set([0, ...offsets])].sort((a, b) => a - b);
  const points: Point[] = [];
  let index = 0;
  let at = 0;
  for (const offset of sorted) {
    index += tokensBetweenCapped(body, at, offset, cap);
    points.push({ offset, index });
    at = offset;
  }
  const count = index + tokensBetweenCapped(body, at, body.length, cap);
  return { points, count };
}

/**
 * The offset of the token at capped index `index`: walked from the point nearest to it, forward,
 * or back (gapCap makes that the point the index was found from, so the walk stays within a
 * stretch counted exactly, or within a capped stretch's end that is no further than its cap).
 */
function tokenStart(body: string, points: readonly Point[], index: number): number {
  let nearest = points[0]!;
  for (const point of points) if (Math.abs(point.index - index) < Math.abs(nearest.index - index)) nearest = point;
  if (index >= nearest.index) {
    TOKEN.lastIndex = nearest.offset;
    let match = TOKEN.exec(body);
    for (let step = nearest.index; step < index && match !== null; step++) match = TOKEN.exec(body);
    return match?.index ?? body.length;
  }
  return tokenBefore(body, nearest.offset, nearest.index - index);
}

/** The start of the `back`-th token before `offset` (a token's start). */
function tokenBefore(body: string, offset: number, back: number): number {
  for (let span = 16 * back; ; span *= 2) {
    const from = Math.max(0, offset - span);
    const starts: number[] = [];
    TOKEN.lastIndex = from;
    for (let match = TOKEN.exec(body); match !== null && match.index < offset; match = TOKEN.exec(body)) {
      starts.push(match.index);
    }
    // A read that begins inside a word did not see that word's start.
    const cut = from > 0 && WORD_CHAR.test(body[from - 1]!) && WORD_CHAR.test(body[from]!);
    const whole = cut ? starts.slice(1) : starts;
    if (whole.length >= back || from === 0) return whole[Math.max(0, whole.length - back)] ?? 0;
  }
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

/** Start and end offsets of the tokens at capped indexes `from` to `stop - 1`: a window's, counted exactly. */
function windowTokens(
  body: string,
  points: readonly Point[],
  from: number,
  stop: number,
): { starts: Map<number, number>; ends: Map<number, number> } {
  const starts = new Map<number, number>();
  const ends = new Map<number, number>();
  TOKEN.lastIndex = from === 0 ? 0 : tokenStart(body, points, from);
  for (let index = from; index < stop; index++) {
    const match = TOKEN.exec(body);
    if (match === null) break;
    starts.set(index, match.index);
    ends.set(index, match.index + match[0].length);
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
  // The only sentence starts a window can begin at: the last one at or before each instance.
  const breaks = sentenceBreaks(body);
  const starting = found.map(({ offset }) => breaks[firstIndexAtOrAfter(breaks, offset + 1, (at) => at) - 1] ?? 0);
  const { points, count } = cappedIndexes(body, [...found.map((f) => f.offset), ...starting], gapCap(phrases));
  const indexOf = new Map(points.map((point) => [point.offset, point.index]));
  const instances: Instance[] = found
    .map(({ phrase, offset }) => {
      const first = indexOf.get(offset)!;
      return { phrase, first, last: first + phrases[phrase]!.words.length - 1 };
    })
    .sort((a, b) => a.first - b.first || a.phrase - b.phrase);
  const sentences =
    count > SNIPPET_TOKENS
      ? [0, ...[...new Set(starting)].map((offset) => indexOf.get(offset)!).filter((index) => index > 0)].sort(
          (a, b) => a - b,
        )
      : [];
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
  const { starts, ends } = windowTokens(body, points, best.start, stop);
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
