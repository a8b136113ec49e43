import type { Pool } from 'pg';
import type { ParsedQuery } from '../search/queryParser';
import { prepared } from './preparedStatement';
import { rankQuery, SqlParams } from './tsQuery';

/**
 * A team search page made from listed matches (teamSearchPlan.ts, teamSearchImpacts.ts): the
 * candidates in page order with near-duplicates folded, then only the page's rows read for their
 * display fields and cluster sizes.
 */

export interface PlannedRow {
  id: string;
  title: string;
  outlet: string | null;
  author: string | null;
  language: string | null;
  published_at: string | null;
  /** A year or month (migration 50), read only when there is no full day. */
  issued: string | null;
  head: string;
  cluster_size: string;
  score: number;
  total: string;
  /**
   * The marked snippet (precis_snippets), read in the same statement as the page's fields when the
   * search asks for it (`Snippets`: a search always does); absent when not asked for.
   */
  snippet?: string | null;
}

/** Snippets wanted with the page's fields: for the rank query of `parsed`, or for none (a filter alone). */
export interface Snippets {
  parsed: ParsedQuery | null;
}

/** A listed match: what choosing a page needs, without the row's display fields. */
export interface Listed {
  id: string;
  head: string;
  published_at: string | null;
  score: number;
}

/** Newest date first, undated last, then newest id: the order of the date index. */
function byDate(a: Listed, b: Listed): number {
  if (a.published_at !== b.published_at) {
    if (a.published_at === null) return 1;
    if (b.published_at === null) return -1;
    return a.published_at < b.published_at ? 1 : -1;
  }
  return Number(b.id) - Number(a.id);
}

/**
 * The candidates in page order, each once, a cluster shown once by its best member (as SQL's
 * DISTINCT ON (head) … ORDER BY head, score DESC, id DESC would keep it).
 */
export function foldClusters(candidates: readonly Listed[], page: { order: 'relevance' | 'date'; collapse: boolean }) {
  const compare =
    page.order === 'relevance'
      ? (a: Listed, b: Listed) => Number(b.score) - Number(a.score) || Number(b.id) - Number(a.id)
      : byDate;
  const unique = [...new Map(candidates.map((row) => [row.id, row])).values()].sort(compare);
  if (!page.collapse) return unique;
  const seen = new Set<string>();
  return unique.filter((row) => !seen.has(row.head) && seen.add(row.head));
}

/**
 * The display fields of a chosen page, in its order, with each cluster's size and, asked for, each
 * row's snippet: one statement, one round trip (each statement costs about 0.5 ms of server CPU
 * before it reads anything: its row-level security's clearance, the executor's start).
 */
export async function describe(
  pool: Pool,
  chosen: readonly Listed[],
  total: number,
  snippets?: Snippets,
): Promise<PlannedRow[]> {
  if (chosen.length === 0) return [];
  const params = new SqlParams();
  const ids = params.add(chosen.map((row) => row.id));
  // precis_snippets (SECURITY DEFINER, to read the body analysts may not select) applies the
  // session's clearance too: sources' policies test session_user, and row-level security is forced.
  const marked = snippets
    ? `, marked AS MATERIALIZED (
         SELECT x.id, x.snippet FROM precis_snippets(${ids}::bigint[], ${(snippets.parsed && rankQuery(snippets.parsed, params)) ?? 'NULL::tsquery'}) x)`
    : '';
  const { rows } = await pool.query<Omit<PlannedRow, 'score' | 'total'>>(
    prepared(
      // Materialized: given the head as an expression over a row under row-level security, the
      // planner tests each clustered source against it (a scan of all of them per row, measured 18 ms
      // for a page) instead of looking the head up in the cluster index. The snippets once, joined.
      `WITH page AS MATERIALIZED (
       SELECT s.id, s.title, s.outlet, s.author, s.language, s.published_at, s.issued, coalesce(s.cluster_id, s.id) AS head
       FROM sources s WHERE s.id = ANY (${ids}::bigint[]))${marked}
     SELECT page.*, 1 + (SELECT count(*) FROM sources m WHERE m.cluster_id = page.head) AS cluster_size
       ${snippets ? ", coalesce(marked.snippet, '') AS snippet FROM page LEFT JOIN marked ON marked.id = page.id" : 'FROM page'}`,
      params.values,
    ),
  );
  const byId = new Map(rows.map((row) => [String(row.id), row]));
  return chosen.flatMap((row) => {
    const found = byId.get(row.id);
    return found ? [{ ...found, id: row.id, score: Number(row.score), total: String(total) }] : [];
  });
}
