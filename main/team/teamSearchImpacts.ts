import type { Pool } from 'pg';
import { prepared } from './preparedStatement';
import type { Listed } from './teamSearchPage';
import { SqlParams } from './tsQuery';

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
 * Row-level security applies twice: title_impacts' own policy (each row carries its source's
 * marking) and sources', through which every kept row is joined.
 */
export async function titleImpactTop(
  pool: Pool,
  word: string,
  where: ((params: SqlParams) => string) | null,
  need: number,
): Promise<Listed[] | null> {
  if (need <= 0) return null;
  const params = new SqlParams();
  const term = params.add(word);
  // Room for near-duplicates folded into one cluster and for rows the query's other terms refuse.
  const read = where ? 4 * need + 60 : 2 * need + 20;
  const limit = params.add(read);
  const condition = where ? where(params) : 'true';
  // The word as the index's one lexeme, and only if the rank query is exactly that lexeme (a word
  // the parser splits, as "intelligence-sharing", is not one: no row is read, and the caller ranks).
  const lexeme = `(SELECT w FROM unnest(tsvector_to_array(to_tsvector('precis', ${term}::text))) w
      WHERE phraseto_tsquery('precis', ${term}::text) = precis_lexeme_query(w))`;
  const { rows } = await pool.query<Listed>(
    prepared(
      `WITH top AS MATERIALIZED (
         SELECT t.source_id, t.score FROM title_impacts t
         WHERE t.term = ${lexeme} ORDER BY t.score DESC, t.source_id DESC LIMIT ${limit})
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
