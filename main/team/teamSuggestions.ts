import type { Pool } from 'pg';
import type { ParsedQuery } from '../search/queryParser';
import {
  beginningLengths,
  closestTerms,
  likelyBeginnings,
  type Misspelled,
  nextString,
  spellingSuggestions,
  wordsToCheck,
} from '../search/suggestions';
import { prepared } from './preparedStatement';

/**
 * Did-you-mean on the team archive, with the local engine's rules (main/search/suggestions.ts):
 * only the lookup differs. The words and their counts come from search_terms (PostgreSQL
 * migration 40), which row-level security cuts to the analyst's clearance, so a word found only
 * in sources the analyst may not see is never offered.
 */
export async function suggestTeamSpellings(
  pool: Pool,
  parsed: ParsedQuery,
  query: string,
  /** Which of the query's folded words some visible source holds, when the search already asked. */
  knownTerms?: ReadonlySet<string>,
): Promise<string[]> {
  const words = wordsToCheck(parsed);
  if (words.length === 0) return [];
  const indexed = knownTerms ?? (await knownWords(pool, words));
  const misspelled: Misspelled[] = [];
  for (const { word, folded } of words) {
    if (indexed.has(folded)) continue;
    const candidates = closestTerms(folded, await termsNear(pool, folded));
    if (candidates.length > 0) misspelled.push({ word, candidates });
  }
  return spellingSuggestions(query, misspelled);
}

/** Which of the words some source the session may see holds (search_terms is under row-level security). */
async function knownWords(pool: Pool, words: readonly { folded: string }[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ term: string }>(
    prepared('SELECT DISTINCT term FROM search_terms WHERE term = ANY ($1::text[]) AND docs > 0', [
      words.map((word) => word.folded),
    ]),
  );
  return new Set(rows.map((row) => row.term));
}

/** The words that begin as `word` likely does, of a length within its edit budget: index ranges. */
async function termsNear(pool: Pool, word: string): Promise<{ term: string; docs: number }[]> {
  const values: unknown[] = [];
  // Byte order ("C"), as the index and the local archive's ranges: the database's collation may differ.
  const ranges = likelyBeginnings(word).map((prefix) => {
    values.push(prefix, nextString(prefix), ...beginningLengths(word, prefix));
    const at = values.length - 3;
    return `(term COLLATE "C" >= $${at} AND term COLLATE "C" < $${at + 1} AND length(term) BETWEEN $${at + 2} AND $${at + 3})`;
  });
  const { rows } = await pool.query<{ term: string; docs: number }>(
    `SELECT term, sum(docs)::integer AS docs FROM search_terms
     WHERE (${ranges.join(' OR ')}) AND docs > 0
     GROUP BY term`,
    values,
  );
  return rows;
}
