import { type Db, prepareCached } from '../archive/database';
import { saturation, weightedFrequency } from './bm25';
import type { RankingPhrase } from './matchPhrases';
import { countIn, type SourceText } from './phraseCounts';
import { PREFIX_LENGTHS, prefixKey } from './rankingIndexBuild';

/*
 * A candidate's counts for each phrase of the query, for exact ranking (exactRanking.ts): from the
 * impact lists where they hold them, else from its title (a bound) or its whole text (exact).
 */

export type Texts = Map<number, SourceText>;
/** Per list key, per source: [title count, body count] as the lists store them. */
export type StoredCounts = Map<string, Map<number, [number, number]>>;

/**
 * The lists that can drive a phrase: its whole words, and for a prefix its first 3 or 4 letters'
 * (every token the prefix matches starts with them, so it occurs no more often than they do).
 */
export function driverKeys(phrase: RankingPhrase): Set<string> {
  const keys = new Set(phrase.prefix ? phrase.words.slice(0, -1) : phrase.words);
  const last = phrase.words[phrase.words.length - 1]!;
  if (phrase.prefix) for (const length of PREFIX_LENGTHS) if (last.length >= length) keys.add(prefixKey(last, length));
  return keys;
}

/** The list whose counts are the phrase's own: a single word's, or a prefix of a listed length. */
function ownKey(phrase: RankingPhrase): string | null {
  if (phrase.words.length !== 1) return null;
  const word = phrase.words[0]!;
  if (!phrase.prefix) return word;
  return (PREFIX_LENGTHS as readonly number[]).includes(word.length) ? `${word}*` : null;
}

export function storedCounts(phrase: RankingPhrase, id: number, stored: StoredCounts): [number, number] | undefined {
  const key = ownKey(phrase);
  return key === null ? undefined : stored.get(key)?.get(id);
}

/** The candidates some phrase's counts are not stored for: they are read from their text. */
function countsMissing(ids: number[], phrases: RankingPhrase[], stored: StoredCounts): number[] {
  return ids.filter((id) => phrases.some((phrase) => storedCounts(phrase, id, stored) === undefined));
}

/**
 * What one search has read of its candidates, kept across its two tries (the short lists, then
 * the long ones): `"the state"` at 1M read the same ~400 titles and bodies in both, ~30 µs a row
 * (a page of an 11 GB file each).
 */
export interface ReadSoFar {
  titles: Map<number, string>;
  texts: Texts;
}

export function nothingRead(): ReadSoFar {
  return { titles: new Map(), texts: new Map() };
}

/** The titles of the candidates whose counts the lists do not hold: short, read without the body. */
export function titlesNeeded(
  db: Db,
  ids: number[],
  phrases: RankingPhrase[],
  stored: StoredCounts,
  read: ReadSoFar,
): Map<number, string> {
  const needed: number[] = [];
  for (const id of countsMissing(ids, phrases, stored)) {
    if (read.titles.has(id)) continue;
    const text = read.texts.get(id);
    if (text) read.titles.set(id, text.title);
    else needed.push(id);
  }
  if (needed.length === 0) return read.titles;
  const rows = prepareCached(db, 'SELECT id, title FROM sources WHERE id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(needed)) as [number, string][];
  for (const [id, title] of rows) read.titles.set(id, title);
  return read.titles;
}

/**
 * The most a candidate can score once its title is known: each phrase's title count is exact,
 * and its body count at most its driver's there (an occurrence of the phrase holds one of the
 * driver). Null when a phrase's driver does not list the candidate: no body bound is known.
 */
export function titleCeiling(
  title: string,
  id: number,
  phrases: RankingPhrase[],
  drivers: readonly { key: string }[],
  stored: StoredCounts,
  weights: number[],
  length: number,
  avgdl: number,
): number | null {
  let most = 0;
  for (let i = 0; i < phrases.length; i++) {
    const phrase = phrases[i]!;
    const own = storedCounts(phrase, id, stored);
    const driver = stored.get(drivers[i]!.key)?.get(id);
    if (!own && !driver) return null;
    const [titleCount, bodyMost] = own ?? [countIn({ title, body: '' }, phrase)[0], driver![1]];
    most += weights[i]! * saturation(weightedFrequency(titleCount, bodyMost), length, avgdl);
  }
  return most;
}

/** The title and body of the candidates whose counts the lists do not hold. */
export function textsNeeded(
  db: Db,
  ids: number[],
  phrases: RankingPhrase[],
  stored: StoredCounts,
  read: ReadSoFar,
): Texts {
  const needed = countsMissing(ids, phrases, stored).filter((id) => !read.texts.has(id));
  if (needed.length === 0) return read.texts;
  const rows = prepareCached(db, 'SELECT id, title, body FROM sources WHERE id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(needed)) as [number, string, string][];
  for (const [id, title, body] of rows) read.texts.set(id, { title, body });
  return read.texts;
}

export function countsOf(phrase: RankingPhrase, id: number, stored: StoredCounts, texts: Texts): [number, number] {
  const known = storedCounts(phrase, id, stored);
  if (known) return known;
  const text = texts.get(id);
  return text ? countIn(text, phrase) : [0, 0];
}
