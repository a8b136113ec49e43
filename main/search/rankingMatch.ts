import { type Db, prepareCached } from '../archive/database';
import { ftsTokens } from './ftsTokens';
import { rankingPhrases, WEIGHTLESS_PHRASE } from './matchPhrases';

/**
 * The MATCH to rank a query's listed matches by, when one cheaper than the query's own gives
 * the same scores.
 *
 * FTS5's bm25() counts the sources of every phrase of the MATCH (its idf) by walking that
 * phrase's whole posting list, once per statement, whether or not the phrase weighs anything.
 * The outlet:, author: and lang: phrases weigh nothing (their columns' weight is 0: a phrase
 * found only there adds 0 to a score), but `lang:en` is in nearly every source and
 * `outlet:"canadian press"` in a large share: ranking `outlet:"canadian press" economy`'s 613
 * matches walked the phrase's 30,000-odd sources to count them (2.2 ms of its 3.8).
 *
 * A source's bm25 is the sum, over the phrases, of idf × the saturated weighted count of that
 * phrase in the source, and a phrase absent from the source, or present only in columns of
 * weight 0, adds 0. So over the sources the query matched (every one listed: the caller only
 * asks below the cap), the weighted phrases alone, OR-ed, in order and with any repeats, give
 * each source the same score, with the same idfs (the same phrases, counted over the same
 * archive). What that costs instead is walking those phrases' own posting lists rather than
 * their intersection with the filter's: worth it when the filters' phrases are the commoner,
 * judged from search_terms' document counts (the did-you-mean copy of the index's words; stale
 * or missing counts only make the choice worse, never the scores different).
 *
 * Returns null when the query has no weightless phrase, or when walking the weighted phrases
 * looks dearer than counting the weightless ones.
 */

export function weightedOnlyMatch(db: Db, match: string): string | null {
  const weightless = [...match.matchAll(WEIGHTLESS_PHRASE)].map((found) => ftsTokens(found[2]!.replace(/""/g, '"')));
  if (weightless.length === 0) return null;
  const weighted = rankingPhrases(match);
  // A prefix's walk is every word it starts: not known from one word's count.
  if (weighted.length === 0 || weighted.some((phrase) => phrase.prefix)) return null;
  const docs = prepareCached(db, 'SELECT docs FROM search_terms WHERE term = ?').pluck();
  // A phrase's walk is bounded by its rarest word's posting list.
  const walk = (words: string[]) =>
    words.length === 0 ? 0 : Math.min(...words.map((word) => (docs.get(word) as number | undefined) ?? 0));
  const saved = weightless.reduce((sum, words) => sum + walk(words), 0);
  const added = weighted.reduce((sum, phrase) => sum + walk(phrase.words), 0);
  if (saved <= added) return null;
  return weighted.map((phrase) => phrase.literal).join(' OR ');
}
