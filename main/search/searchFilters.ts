import { foldForComparison } from '../../shared/text';
import { type Db, prepareCached } from '../archive/database';
import type { QueryFilters, TagFilter } from './queryParser';

/**
 * The SQL side of the filters that the full-text index cannot answer: tag:, cluster:, after:,
 * before:, and exclusions when there is no word to hang them on.
 *
 * Each becomes a membership test on an id (`id IN (SELECT …)`), never a join to sources per
 * match: reading a source's row costs microseconds and a common word has tens of thousands of
 * matches, while SQLite builds each id list once and checks it in a fraction of that. All
 * values are bound parameters; the SQL text only ever comes from this file.
 */

export interface FilterSql {
  clauses: string[];
  params: unknown[];
  /**
   * The ids of the first tag: filter, as a statement of its own (`SELECT … AS id`), when there
   * is one: every source the filters keep is among them, and they are few (an analyst tags by
   * hand), so a filter-only page can start from them instead of every source's row.
   */
  seed?: { sql: string; params: unknown[] };
}

/**
 * `idExpr` is what the clauses test: `+sources_fts.rowid` when the index drives the query (the
 * `+` keeps FTS5 from re-running its MATCH once per listed id), `s.id` when sources does.
 * `datesOnSources` puts after:/before: straight on `s.published_at`, so the date index can
 * serve both the range and the order.
 */
export function filterSql(
  db: Db,
  filters: QueryFilters,
  excludeFts: string | null,
  idExpr: string,
  datesOnSources = false,
): FilterSql {
  const out: FilterSql = { clauses: [], params: [] };
  const add = (clause: string, ...params: unknown[]): void => {
    out.clauses.push(clause);
    out.params.push(...params);
  };
  if (filters.after !== null || filters.before !== null) {
    const range: string[] = [];
    const bounds: string[] = [];
    if (filters.after !== null) {
      range.push('published_at >= ?');
      bounds.push(filters.after);
    }
    if (filters.before !== null) {
      range.push('published_at < ?');
      bounds.push(filters.before);
    }
    if (datesOnSources) add(range.map((test) => `s.${test}`).join(' AND '), ...bounds);
    else add(`${idExpr} IN (SELECT id FROM sources WHERE ${range.join(' AND ')})`, ...bounds);
  }
  if (filters.tags.length > 0 || filters.excludedTags.length > 0) {
    const known = knownTags(db);
    for (const alternatives of filters.tags) {
      const tags = JSON.stringify(matchingTags(known, alternatives));
      out.seed ??= { sql: TAGGED.replace('source_id', 'source_id AS id'), params: [tags] };
      add(`${idExpr} IN (${TAGGED})`, tags);
    }
    if (filters.excludedTags.length > 0) {
      add(`${idExpr} NOT IN (${TAGGED})`, JSON.stringify(matchingTags(known, filters.excludedTags)));
    }
  }
  for (const alternatives of filters.clusters) {
    const heads = JSON.stringify(clusterHeads(db, alternatives));
    add(`${idExpr} IN (${IN_CLUSTERS})`, heads, heads);
  }
  if (filters.excludedClusters.length > 0) {
    const heads = JSON.stringify(clusterHeads(db, filters.excludedClusters));
    add(`${idExpr} NOT IN (${IN_CLUSTERS})`, heads, heads);
  }
  if (excludeFts !== null)
    add(`${idExpr} NOT IN (SELECT rowid FROM sources_fts WHERE sources_fts MATCH ?)`, excludeFts);
  return out;
}

const TAGGED = 'SELECT source_id FROM source_tags WHERE tag IN (SELECT value FROM json_each(?))';
// Heads are their own cluster's ids; members point at them (indexed by sources_cluster).
const IN_CLUSTERS = `SELECT value FROM json_each(?)
  UNION ALL SELECT id FROM sources WHERE cluster_id IN (SELECT value FROM json_each(?))`;

/** Every distinct tag with its folded form. Tags are few (an analyst adds them by hand). */
function knownTags(db: Db): { tag: string; folded: string }[] {
  const tags = prepareCached(db, 'SELECT DISTINCT tag FROM source_tags').pluck().all() as string[];
  return tags.map((tag) => ({ tag, folded: foldForComparison(tag).replace(/\s+/g, ' ').trim() }));
}

/** The stored tags a filter names, ignoring case and accents (`tag:securite` finds "Sécurité"). */
function matchingTags(known: { tag: string; folded: string }[], filters: readonly TagFilter[]): string[] {
  return known
    .filter(({ folded }) => filters.some((f) => (f.prefix ? folded.startsWith(f.value) : folded === f.value)))
    .map(({ tag }) => tag);
}

/** The head of the cluster each id belongs to; ids that are not sources drop out. */
function clusterHeads(db: Db, ids: readonly number[]): number[] {
  const heads = prepareCached(
    db,
    'SELECT DISTINCT coalesce(cluster_id, id) FROM sources WHERE id IN (SELECT value FROM json_each(?))',
  )
    .pluck()
    .all(JSON.stringify(ids)) as number[];
  return heads;
}
