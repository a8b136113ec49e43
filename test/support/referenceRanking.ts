import type Database from 'better-sqlite3';
import { BM25_SQL } from '../../main/search/bm25';
import { parseQuery } from '../../main/search/queryParser';
import { filterSql } from '../../main/search/searchFilters';

/**
 * The reference ranking of issue 13: FTS5's bm25 (title ×10) over every match of a query, with
 * its filters, computed the slow way, independently of the search's own plan. Shared by the
 * unit tests and the archive benchmark (recall@20).
 */
export function referenceRanking(db: Database.Database, query: string): { id: number; score: number }[] {
  const parsed = parseQuery(query);
  if (parsed.fts === null) return [];
  const filters = filterSql(db, parsed.filters, null, '+sources_fts.rowid');
  const condition = ['sources_fts MATCH ?', ...filters.clauses].join(' AND ');
  return db
    .prepare(
      `SELECT rowid AS id, -${BM25_SQL} AS score FROM sources_fts WHERE ${condition} ORDER BY ${BM25_SQL}, rowid`,
    )
    .all(parsed.fts, ...filters.params) as { id: number; score: number }[];
}

/**
 * How many of `got` belong in the reference's top k, counting a tie with the k-th score as
 * belonging (ties may be broken either way): k when `got` is an exact top k.
 */
export function recallAt(
  k: number,
  got: readonly number[],
  reference: readonly { id: number; score: number }[],
): number {
  if (reference.length === 0) return 0;
  const kth = reference[Math.min(k, reference.length) - 1]!.score;
  const slack = Math.abs(kth) * 1e-9 + 1e-15;
  const scoreOf = new Map(reference.map((row) => [row.id, row.score]));
  return got.slice(0, k).filter((id) => (scoreOf.get(id) ?? Number.NEGATIVE_INFINITY) >= kth - slack).length;
}

/** The reference as search lists it: each near-duplicate cluster once, at its best version. */
export function onePerCluster(
  db: Database.Database,
  reference: readonly { id: number; score: number }[],
): { id: number; score: number }[] {
  const head = db.prepare('SELECT coalesce(cluster_id, id) FROM sources WHERE id = ?').pluck();
  const seen = new Set<number>();
  return reference.filter((row) => {
    const cluster = head.get(row.id) as number;
    if (seen.has(cluster)) return false;
    seen.add(cluster);
    return true;
  });
}
