import type { Pool } from 'pg';
import type { ParsedQuery } from '../search/queryParser';
import { filterClauses } from './teamFilters';
import type { PlannedRow, Snippets } from './teamSearchPage';
import { matchCondition, rankQuery, SqlParams } from './tsQuery';

/**
 * A team search page chosen over every match, or over the newest matches by date, in one
 * statement (teamSearchPlan.ts falls back to it for deep pages and a date order's walk): ranked
 * or sorted, near-duplicates folded, counted, and, asked for, with its snippets.
 */

/** The WHERE of a query's matches, bound into `params`, with its rank query builder. */
export function matchesOf(parsed: ParsedQuery, params: SqlParams) {
  const match = matchCondition(parsed, params);
  const where = [match?.where ?? 'true', ...filterClauses(parsed.filters, params)].join(' AND ');
  return { where, rank: match?.rank ?? null };
}

/** Which rows a page is chosen from: the newest `walk` matches by date, or (none given) every match. */
export type Candidates = { walk: number } | Record<string, never>;

/** One page (ranked or by date, near-duplicates folded) of the candidates, with their count. */
export async function pagePart(
  pool: Pool,
  parsed: ParsedQuery,
  page: { order: 'relevance' | 'date'; collapse: boolean; limit: number; offset: number },
  candidates: Candidates,
  snippets?: Snippets,
): Promise<PlannedRow[]> {
  const params = new SqlParams();
  // Bound only where used: PostgreSQL cannot type a parameter the statement never mentions.
  const { rank } = matchesOf(parsed, new SqlParams());
  const where = () => matchesOf(parsed, params).where;
  const byDate = 's.published_at DESC NULLS LAST, s.id DESC';
  const from =
    'walk' in candidates
      ? `s.id IN (SELECT s.id FROM sources s WHERE ${where()} ORDER BY ${byDate} LIMIT ${params.add(candidates.walk)})`
      : where();
  const scoreSql = page.order === 'relevance' && rank ? `ts_rank(s.text_vector, ${rank(params)}, 0)` : '0::real';
  const orderOf = (of: string) =>
    page.order === 'relevance' ? `${of}score DESC, ${of}id DESC` : `${of}published_at DESC NULLS LAST, ${of}id DESC`;
  const orderSql = orderOf('');
  const paged = `SELECT shown.*, count(*) OVER () AS total,
           1 + (SELECT count(*) FROM sources m WHERE m.cluster_id = shown.head) AS cluster_size
    FROM shown ORDER BY ${orderSql} LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`;
  // Asked for, the page's snippets in the same statement (as describe in teamSearchPage.ts): one
  // round trip fewer. precis_snippets applies the session's clearance, as every statement here.
  const snippetQuery = snippets ? ((snippets.parsed && rankQuery(snippets.parsed, params)) ?? 'NULL::tsquery') : null;
  const sql = `
    WITH hits AS (
      SELECT s.id, s.title, s.outlet, s.author, s.language, s.published_at, s.issued,
             coalesce(s.cluster_id, s.id) AS head, ${scoreSql} AS score
      FROM sources s WHERE ${from}
    ), shown AS (
      ${page.collapse ? `SELECT DISTINCT ON (head) * FROM hits ORDER BY head, ${orderSql}` : 'SELECT * FROM hits'}
    )${
      snippetQuery
        ? `, paged AS MATERIALIZED (${paged}), marked AS MATERIALIZED (
      SELECT x.id, x.snippet FROM precis_snippets(ARRAY(SELECT p.id FROM paged p), ${snippetQuery}) x)
    SELECT paged.*, coalesce(marked.snippet, '') AS snippet
    FROM paged LEFT JOIN marked ON marked.id = paged.id ORDER BY ${orderOf('paged.')}`
        : `\n    ${paged}`
    }`;
  return (await pool.query<PlannedRow>(sql, params.values)).rows;
}
