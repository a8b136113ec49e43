import type { Pool } from 'pg';
import { prepared } from './preparedStatement';
import type { Listed } from './teamSearchPage';
import { prefixText, type RankLeaf, SqlParams } from './tsQuery';

/**
 * The top of a one-word ranking read from PG migration 80's title impacts, in rank order: the
 * sources with the word in their title, best score first, newest first among equals, each kept
 * only if the whole query matches it (`where`: exclusions, filters, other fields; null when the
 * word is the whole query, which every title match then matches).
 *
 * Why it is exact: with one word the rank query's score is the source's own (ts_rank needs no
 * corpus statistics), stored at import; and any source with the word in its title outranks every
 * source with it in the body only (at least 0.61 against at most 0.1: migration 80 shows why).
 * So when `need` clusters are found among the title matches, they are the first `need` of the
 * whole ranking, as ranking every match would give them. Found fewer (the title matches run out,
 * or `where` or row-level security turned away too many of those read), null: the caller ranks
 * as before.
 *
 * A prefix (`nucl*`, 3 or 4 letters) reads PG migration 90's prefix impacts the same way: every
 * source not stored there scores under 0.6 on the prefix, every stored one 0.6 or more, so the
 * list's head is again the head of ranking every match (the migration shows why).
 *
 * Row-level security applies twice: the list's own policy (each row carries its source's
 * marking) and sources', through which every kept row is joined.
 */
export async function titleImpactTop(
  pool: Pool,
  leaf: RankLeaf,
  where: ((params: SqlParams) => string) | null,
  need: number,
): Promise<Listed[] | null> {
  if (need <= 0) return null;
  const params = new SqlParams();
  const list = leaf.prefix ? prefixList(leaf.word, params) : wordList(leaf.word, params);
  // Room for near-duplicates folded into one cluster and for rows the query's other terms refuse.
  const read = where ? 4 * need + 60 : 2 * need + 20;
  const limit = params.add(read);
  const condition = where ? where(params) : 'true';
  const { rows } = await pool.query<Listed>(
    prepared(
      `WITH top AS MATERIALIZED (
         SELECT t.source_id, t.score FROM ${list} ORDER BY t.score DESC, t.source_id DESC LIMIT ${limit})
       SELECT s.id, coalesce(s.cluster_id, s.id) AS head, s.published_at, top.score
       FROM top JOIN sources s ON s.id = top.source_id
       WHERE ${condition}
       ORDER BY top.score DESC, top.source_id DESC`,
      params.values,
    ),
  );
  // Short (title matches ran out, or too many of those read were turned away): the page may hold
  // a body-only match, or a title match below those read.
  if (new Set(rows.map((row) => row.head)).size < need) return null;
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
}

/**
 * A word's title impacts (migration 80): the word as the index's one lexeme, and only if the rank
 * query is exactly that lexeme (a word the parser splits, as "intelligence-sharing", is not one:
 * no row is read, and the caller ranks).
 */
function wordList(word: string, params: SqlParams): string {
  const term = params.add(word);
  const lexeme = `(SELECT w FROM unnest(tsvector_to_array(to_tsvector('precis', ${term}::text))) w
      WHERE phraseto_tsquery('precis', ${term}::text) = precis_lexeme_query(w))`;
  return `title_impacts t WHERE t.term = ${lexeme}`;
}

/**
 * A prefix's impacts (migration 90): the prefix as the index folds it, only if the rank query is
 * exactly that prefix lexeme (tsQuery.ts's leafQuery) and it is 3 or 4 letters long, the lengths
 * stored; any other reads no row, and the caller ranks.
 */
function prefixList(word: string, params: SqlParams): string {
  const term = params.add(word);
  const query = params.add(prefixText(word));
  const prefix = `(SELECT w FROM unnest(tsvector_to_array(to_tsvector('precis', ${term}::text))) w
      WHERE char_length(w) IN (3, 4) AND to_tsquery('precis', ${query}::text) = precis_prefix_query(w))`;
  return `prefix_impacts t WHERE t.prefix = ${prefix}`;
}
