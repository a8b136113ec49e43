import type { Pool } from 'pg';
import { foldForComparison } from '../../shared/text';
import { type ParsedQuery, parseQuery, type TagFilter } from '../search/queryParser';
import { SEARCH_NOTICE_TEXTS } from '../search/searchSources';
import type { SearchHitDetail, SearchInput, SearchResult, SearchSort } from '../search/searchTypes';
import { hasMatch, leadSnippet, MATCH_END, MATCH_START, toSnippetParts } from '../search/snippet';
import { matchCondition, rankQuery, SqlParams } from './tsQuery';

/**
 * Search over the team archive: the same query language and parser as the local archive, the
 * same response shape. Row-level security decides what the session may see, so nothing here
 * filters by clearance: a source above it is not in any count, page or snippet.
 * Ranking is ts_rank over the weighted vector (title A above body D); near-duplicates are shown
 * once per cluster, the best-ranked version standing for it, as locally.
 */

interface HitRow {
  id: string;
  title: string;
  outlet: string | null;
  author: string | null;
  language: string | null;
  published_at: string | null;
  head: string;
  cluster_size: string;
  score: number;
  total: string;
}

export async function searchTeamArchive(pool: Pool, input: SearchInput): Promise<SearchResult> {
  const parsed = parseQuery(input.query);
  const sort: SearchSort = input.sort === 'date' ? 'date' : 'relevance';
  const empty: SearchResult = {
    query: input.query,
    total: 0,
    results: [],
    suggestions: [],
    notice: parsed.notice,
    notices: parsed.notices,
    terms: parsed.terms,
    sort: parsed.hasText ? sort : 'date',
    totalIsEstimate: false,
    rankedAmong: null,
  };
  if (!parsed.searchable) return empty;
  const limit = clamp(input.limit, 0, 1000);
  const offset = clamp(input.offset, 0, Number.MAX_SAFE_INTEGER);
  const params = new SqlParams();
  const match = matchCondition(parsed, params);
  const where = [match?.where ?? 'true', ...filterClauses(parsed.filters, params)];
  const rank = match?.rank ?? null;
  const order = parsed.hasText && sort === 'relevance' && rank !== null ? 'relevance' : 'date';
  const collapse = parsed.filters.clusters.length === 0;
  const scoreSql = order === 'relevance' && rank ? `ts_rank(s.text_vector, ${rank(params)}, 0)` : '0::real';
  const orderSql = order === 'relevance' ? 'score DESC, id' : 'published_at DESC NULLS LAST, id DESC';
  const sql = `
    WITH hits AS (
      SELECT s.id, s.title, s.outlet, s.author, s.language, s.published_at,
             coalesce(s.cluster_id, s.id) AS head, ${scoreSql} AS score
      FROM sources s WHERE ${where.join(' AND ')}
    ), shown AS (
      ${collapse ? `SELECT DISTINCT ON (head) * FROM hits ORDER BY head, ${orderSql}` : 'SELECT * FROM hits'}
    )
    SELECT shown.*, count(*) OVER () AS total,
           1 + (SELECT count(*) FROM sources m WHERE m.cluster_id = shown.head) AS cluster_size
    FROM shown ORDER BY ${orderSql} LIMIT ${params.add(limit)} OFFSET ${params.add(offset)}`;
  let rows: HitRow[];
  let snippets: Map<number, string>;
  try {
    rows = (await pool.query<HitRow>(sql, params.values)).rows;
    snippets = await readSnippets(
      pool,
      rows.map((row) => Number(row.id)),
      parsed.hasText ? parsed : null,
    );
  } catch (error) {
    // The translation only emits bound phrases, so no query should fail; if one does, say so plainly.
    console.error('[precis] team search failed for', JSON.stringify(parsed.fts), error);
    return {
      ...empty,
      notice: SEARCH_NOTICE_TEXTS.unavailable.message,
      notices: [SEARCH_NOTICE_TEXTS.unavailable.text],
    };
  }
  const results: SearchHitDetail[] = rows.map((row) => {
    const marked = snippets.get(Number(row.id)) ?? '';
    const parts = toSnippetParts(marked);
    return {
      id: Number(row.id),
      title: row.title,
      outlet: row.outlet,
      author: row.author,
      language: row.language,
      publishedAt: row.published_at,
      snippet: hasMatch(parts) ? parts : leadSnippet(marked.replaceAll(MATCH_START, '').replaceAll(MATCH_END, '')),
      score: order === 'relevance' ? Number(row.score) : 0,
      clusterId: Number(row.head),
      clusterSize: Number(row.cluster_size),
    };
  });
  return { ...empty, total: rows.length > 0 ? Number(rows[0]!.total) : await countPast(offset), results, sort: order };

  // Past the last page the window count is gone: the total is then asked again, without a page.
  async function countPast(from: number): Promise<number> {
    if (from === 0) return 0;
    return (await searchTeamArchive(pool, { ...input, offset: 0, limit: 1 })).total;
  }
}

/** Snippets through the schema's own function: RLS applies, and only a few words come back. */
async function readSnippets(pool: Pool, ids: number[], parsed: ParsedQuery | null): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const params = new SqlParams();
  const rank = parsed ? rankQuery(parsed, params) : null;
  const { rows } = await pool.query<{ id: string; snippet: string | null }>(
    `SELECT id, snippet FROM precis_snippets(${params.add(ids)}::bigint[], ${rank ?? 'NULL::tsquery'})`,
    params.values,
  );
  return new Map(rows.map((row) => [Number(row.id), row.snippet ?? '']));
}

function filterClauses(filters: ReturnType<typeof parseQuery>['filters'], params: SqlParams): string[] {
  const clauses: string[] = [];
  if (filters.after !== null) clauses.push(`s.published_at >= ${params.add(filters.after)}`);
  if (filters.before !== null) clauses.push(`s.published_at < ${params.add(filters.before)}`);
  const tagTest = (alternatives: readonly TagFilter[]) => {
    const tests = alternatives.map((tag) =>
      tag.prefix
        ? `left(${FOLDED_TAG}, ${params.add(tag.value.length)}) = ${params.add(tag.value)}`
        : `${FOLDED_TAG} = ${params.add(tag.value)}`,
    );
    return `EXISTS (SELECT 1 FROM source_tags t WHERE t.source_id = s.id AND (${tests.join(' OR ')}))`;
  };
  for (const alternatives of filters.tags) clauses.push(tagTest(alternatives));
  if (filters.excludedTags.length > 0) clauses.push(`NOT ${tagTest(filters.excludedTags)}`);
  const inClusters = (ids: readonly number[]) =>
    `coalesce(s.cluster_id, s.id) IN (SELECT coalesce(c.cluster_id, c.id) FROM sources c WHERE c.id = ANY (${params.add(ids)}::bigint[]))`;
  for (const alternatives of filters.clusters) clauses.push(inClusters(alternatives));
  if (filters.excludedClusters.length > 0) clauses.push(`NOT ${inClusters(filters.excludedClusters)}`);
  return clauses;
}

// Tags compare as foldForComparison folds them: lower case, no accents, single spaces.
const FOLDED_TAG = "regexp_replace(lower(unaccent(t.tag)), '\\s+', ' ', 'g')";
export const foldTag = (tag: string): string => foldForComparison(tag).replace(/\s+/g, ' ').trim();

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
