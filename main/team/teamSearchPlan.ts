import type { Pool } from 'pg';
import type { ParsedQuery } from '../search/queryParser';
import type { SearchSort } from '../search/searchTypes';
import { filterClauses } from './teamFilters';
import { matchCondition, SqlParams, titleCondition } from './tsQuery';

/**
 * Which sources make up one page of a team search, and how many match, without ranking every
 * match. What costs time on PostgreSQL is each match whose row is read: ts_rank reads the
 * match's whole weighted vector, a common word matches most of the archive, and fifty analysts
 * searching at once multiply it. So, as the local engine does (main/search/searchPlan.ts):
 * - the newest `probe` matches are listed first (newest id first: the primary key, walked back);
 *   unless they show the query to be common, up to `countCap` + 1 (PLAN_LIMITS);
 * - at most `countCap` matches: all are known, the total is exact, relevance ranks every one;
 * - more: the total is estimated from how far back the last match listed lies (and says so).
 *   Relevance then ranks a bounded set of candidates: the matches listed plus the newest
 *   `titleCandidates` matches with a positive term in the title (their own small index). Title
 *   matches are where ts_rank's top lies (a title occurrence weighs ten body ones), so the page
 *   is the top of ts_rank among those; what it gives up is an older source that matches in its
 *   body alone yet outranks them (docs/team-archive.md, with the measured overlap).
 *   Date order walks the date index newest first and stops at the page: exact.
 * Pages deeper than `maxFastDepth`, and a date walk that runs short (near-duplicates folded
 * away), rank or sort every match, as before.
 * Row-level security applies to every statement here: a source above the session's clearance is
 * not a match, a candidate, nor counted.
 */

export interface PlanLimits {
  /** Matches listed first, to tell a common query from one worth counting exactly. */
  probe: number;
  /** Up to this many matches the total is exact and every match is ranked. */
  countCap: number;
  /** Newest title matches added to a common query's candidates. */
  titleCandidates: number;
  /** Pages ending deeper than this rank every match. */
  maxFastDepth: number;
}

export const PLAN_LIMITS: PlanLimits = { probe: 200, countCap: 2000, titleCandidates: 200, maxFastDepth: 200 };
/** Rows a date walk reads per result wanted: room for near-duplicates folded into their cluster. */
const DATE_WALK_FACTOR = 4;

export interface PlannedRow {
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

export interface PlannedPage {
  rows: PlannedRow[];
  total: number;
  totalIsEstimate: boolean;
  order: 'relevance' | 'date';
}

interface Request {
  parsed: ParsedQuery;
  sort: SearchSort;
  limit: number;
  offset: number;
}

/** The WHERE of a query's matches, bound into `params`, with its rank query builder. */
function matchesOf(parsed: ParsedQuery, params: SqlParams) {
  const match = matchCondition(parsed, params);
  const where = [match?.where ?? 'true', ...filterClauses(parsed.filters, params)].join(' AND ');
  return { where, rank: match?.rank ?? null };
}

export async function planTeamPage(pool: Pool, request: Request, limits = PLAN_LIMITS): Promise<PlannedPage> {
  const { parsed, limit, offset } = request;
  const { probe, countCap } = limits;
  const probeParams = new SqlParams();
  const ranked = matchesOf(parsed, probeParams).rank !== null;
  const order = parsed.hasText && request.sort === 'relevance' && ranked ? 'relevance' : 'date';
  const collapse = parsed.filters.clusters.length === 0;
  const page = { order, collapse, limit, offset } as const;

  let newest = await listNewest(pool, parsed, probe);
  let counted = probe;
  if (newest.ids.length > probe && estimateTotal(newest, probe) <= 2 * countCap) {
    newest = await listNewest(pool, parsed, countCap);
    counted = countCap;
  }
  const capped = newest.ids.length > counted;
  if (!capped) {
    // Every match is known: rank or sort them all, and count them (a cluster once).
    const known = { ids: newest.ids, titleCandidates: 0 };
    const rows = await pagePart(pool, parsed, page, known);
    // Past the last page the window count is gone: count on a first page of one.
    const counted =
      rows.length > 0 || offset === 0 ? rows : await pagePart(pool, parsed, { ...page, offset: 0, limit: 1 }, known);
    return { rows, total: Number(counted[0]?.total ?? 0), totalIsEstimate: false, order };
  }
  const total = estimateTotal(newest, counted);
  const deep = offset + limit > limits.maxFastDepth;
  let rows: PlannedRow[] | null = null;
  if (!deep && order === 'relevance') {
    rows = await pagePart(pool, parsed, page, {
      ids: newest.ids.slice(0, counted),
      titleCandidates: limits.titleCandidates,
    });
  } else if (!deep) {
    const walked = await pagePart(pool, parsed, page, { walk: DATE_WALK_FACTOR * (offset + limit) + 20 });
    // The walk is exact when it reached as many clusters as the page needs.
    if (walked.length > 0 && Number(walked[0]!.total) >= offset + limit) rows = walked;
  }
  rows ??= await pagePart(pool, parsed, page, {});
  return { rows, total, totalIsEstimate: true, order };
}

/** The newest matches, newest first, with the span of ids the session sees (for estimates). */
interface Newest {
  ids: string[];
  low: number;
  high: number;
}

/** Ids of the newest `count` + 1 matches, newest first. */
async function listNewest(pool: Pool, parsed: ParsedQuery, count: number): Promise<Newest> {
  const params = new SqlParams();
  const { where } = matchesOf(parsed, params);
  // The span in the same statement: one round trip fewer, each an initplan on the primary key.
  const { rows } = await pool.query<{ id: string; low: string; high: string }>(
    `SELECT s.id, (SELECT min(id) FROM sources) AS low, (SELECT max(id) FROM sources) AS high
     FROM sources s WHERE ${where} ORDER BY s.id DESC LIMIT ${params.add(count + 1)}`,
    params.values,
  );
  return { ids: rows.map((row) => row.id), low: Number(rows[0]?.low ?? 0), high: Number(rows[0]?.high ?? 0) };
}

/**
 * Matches are spread over the archive much as sources are, so if the `count`-th newest match is
 * `oldest`, the total is about `count` times the id span over the span counted.
 */
function estimateTotal(newest: Newest, count: number): number {
  const oldest = Number(newest.ids[count - 1]);
  const span = newest.high - newest.low + 1;
  const estimate = Math.round((count * span) / Math.max(1, newest.high - oldest + 1));
  return Math.min(Math.max(estimate, count + 1), Math.max(span, count + 1));
}

/**
 * Which rows a page is chosen from: given ids (plus the newest title matches), the newest
 * `walk` matches by date, or (neither) every match.
 */
type Candidates = { ids: readonly string[]; titleCandidates: number } | { walk: number } | Record<string, never>;

/** One page (ranked or by date, near-duplicates folded) of the candidates, with their count. */
async function pagePart(
  pool: Pool,
  parsed: ParsedQuery,
  page: { order: 'relevance' | 'date'; collapse: boolean; limit: number; offset: number },
  candidates: Candidates,
): Promise<PlannedRow[]> {
  const params = new SqlParams();
  // Bound only where used: PostgreSQL cannot type a parameter the statement never mentions.
  const { rank } = matchesOf(parsed, new SqlParams());
  const where = () => matchesOf(parsed, params).where;
  const byDate = 's.published_at DESC NULLS LAST, s.id DESC';
  let from: string;
  if ('ids' in candidates) {
    const title = candidates.titleCandidates > 0 && rank ? titleCondition(parsed, params) : null;
    const titled = title
      ? ` UNION SELECT id FROM (SELECT s.id FROM sources s WHERE ${title} AND ${where()}
           ORDER BY s.id DESC LIMIT ${params.add(candidates.titleCandidates)}) t`
      : '';
    from = `s.id IN (SELECT unnest(${params.add(candidates.ids)}::bigint[])${titled})`;
  } else if ('walk' in candidates) {
    from = `s.id IN (SELECT s.id FROM sources s WHERE ${where()} ORDER BY ${byDate} LIMIT ${params.add(candidates.walk)})`;
  } else {
    from = where();
  }
  const scoreSql = page.order === 'relevance' && rank ? `ts_rank(s.text_vector, ${rank(params)}, 0)` : '0::real';
  const orderSql = page.order === 'relevance' ? 'score DESC, id DESC' : 'published_at DESC NULLS LAST, id DESC';
  const sql = `
    WITH hits AS (
      SELECT s.id, s.title, s.outlet, s.author, s.language, s.published_at,
             coalesce(s.cluster_id, s.id) AS head, ${scoreSql} AS score
      FROM sources s WHERE ${from}
    ), shown AS (
      ${page.collapse ? `SELECT DISTINCT ON (head) * FROM hits ORDER BY head, ${orderSql}` : 'SELECT * FROM hits'}
    )
    SELECT shown.*, count(*) OVER () AS total,
           1 + (SELECT count(*) FROM sources m WHERE m.cluster_id = shown.head) AS cluster_size
    FROM shown ORDER BY ${orderSql} LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`;
  return (await pool.query<PlannedRow>(sql, params.values)).rows;
}
