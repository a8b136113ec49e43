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

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Each token's start and end offsets, in order. */
function tokenBounds(text: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const alnum = isAlnum(text.charCodeAt(i));
    if (alnum && !inToken) starts.push(i);
    else if (!alnum && inToken) ends.push(i);
    inToken = alnum;
  }
  if (inToken) ends.push(text.length);
  return { starts, ends };
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

/** Index of the token starting at `offset` (tokens are found at their starts by the patterns). */
function tokenAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle]! < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Every instance of every phrase, in token order; overlapping instances of one phrase too. */
function instancesIn(body: string, phrases: readonly CountablePhrase[], starts: readonly number[]): Instance[] {
  const found: Instance[] = [];
  phrases.forEach((phrase, index) => {
    const pattern = patternOf(phrase);
    pattern.lastIndex = 0;
    for (let match = pattern.exec(body); match !== null; match = pattern.exec(body)) {
      const first = tokenAt(starts, match.index);
      found.push({ phrase: index, first, last: first + phrase.words.length - 1 });
      // The next instance may begin at the next token (a phrase like "a b a").
      pattern.lastIndex = starts[first + 1] ?? body.length;
    }
  });
  return found.sort((a, b) => a.first - b.first || a.phrase - b.phrase);
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * Tokens that begin a sentence: the first, and any preceded by white space with a '.' or ':'
 * before it (fts5SentenceFinderCb).
 */
function sentenceStarts(body: string, starts: readonly number[]): number[] {
  const out = starts.length > 0 ? [0] : [];
  for (let t = 1; t < starts.length; t++) {
    let at = starts[t]! - 1;
    if (at < 0 || !isSpace(body.charCodeAt(at))) continue;
    while (at > 0 && isSpace(body.charCodeAt(at))) at--;
    const code = body.charCodeAt(at);
    if (code === 46 || code === 58) out.push(t);
  }
  return out;
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

export function plainSnippet(body: string, phrases: readonly CountablePhrase[]): string | null {
  if (phrases.length === 0 || NOT_PLAIN.test(body)) return null;
  if (!phrases.every((phrase) => phrase.words.length > 0 && phrase.words.every((word) => WORD.test(word)))) {
    return null;
  }
  const { starts, ends } = tokenBounds(body);
  const instances = instancesIn(body, phrases, starts);
  if (instances.length === 0) return '';
  const count = starts.length;
  const sentences = count > SNIPPET_TOKENS ? sentenceStarts(body, starts) : [];
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
  const from = best.start === 0 ? 0 : starts[best.start]!;
  const to = stop === count ? body.length : ends[stop - 1]!;
  let out = best.start > 0 ? ELLIPSIS : '';
  let at = from;
  for (const [first, last] of markedRuns(instances, best.start, stop)) {
    out += `${body.slice(at, starts[first])}${MATCH_START}${body.slice(starts[first], ends[last])}${MATCH_END}`;
    at = ends[last]!;
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
