import type { Pool, PoolClient } from 'pg';
import type { ParsedQuery } from '../search/queryParser';
import type { SearchSort } from '../search/searchTypes';
import { prepared } from './preparedStatement';
import { matchesOf, pagePart } from './teamSearchFullPage';
import { titleImpactTop } from './teamSearchImpacts';
import { describe as describeRows, foldClusters, type Listed, type PlannedRow, type Snippets } from './teamSearchPage';
import { matchBound, SqlParams, singleRankLeaf, textOnly, titleCondition } from './tsQuery';

/**
 * Which sources make up one page of a team search, and how many match, without ranking every
 * match. What costs time on PostgreSQL is each match whose row is read: ts_rank reads the
 * match's whole weighted vector, a common word matches most of the archive, and fifty analysts
 * searching at once multiply it. So, as the local engine does (main/search/searchPlan.ts):
 * - the newest `probe` matches are listed first (newest id first: the primary key, walked back);
 *   unless they show the query to be common, up to `countCap` + 1 (PLAN_LIMITS). A query that
 *   did-you-mean's word counts show cannot match more than 2 × `countCap` (a phrase no more than
 *   its rarest word: tsQuery.ts's matchBound) is listed up to `countCap` + 1 at once: its probe
 *   would only read the same matches twice;
 * - at most `countCap` matches: all are known, the total is exact, relevance ranks every one;
 * - more: the total is estimated from how far back the last match listed lies (and says so).
 *   Relevance then ranks a bounded set of candidates: the matches listed plus the newest
 *   `titleCandidates` matches with a positive term in the title (their own small index). Title
 *   matches are where ts_rank's top lies (a title occurrence weighs ten body ones), so the page
 *   is the top of ts_rank among those; what it gives up is an older source that matches in its
 *   body alone yet outranks them (docs/team-archive.md, with the measured overlap).
 *   Date order walks the date index newest first and stops at the page: exact.
 * Each listing scores what it lists (ts_rank over the rows kept, in the same statement), and the
 * page is chosen from those scores here; only the page's own rows are then read for their display
 * fields.
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
  /**
   * A query the word counts show in at most this share of the sources is probed from a range of
   * the newest ids first (probeRecent); 0: never.
   */
  rangeShare: number;
  /** That range is sized to hold this many times the matches the probe needs, by the word counts. */
  rangeMargin: number;
  /** A one-word ranking's page read from its title impacts (PG migration 80); false: ranked as before. */
  titleImpacts: boolean;
}

export const PLAN_LIMITS: PlanLimits = {
  probe: 200,
  countCap: 2000,
  titleCandidates: 200,
  maxFastDepth: 200,
  rangeShare: 0.35,
  rangeMargin: 3,
  titleImpacts: true,
};
/** Rows a date walk reads per result wanted: room for near-duplicates folded into their cluster. */
const DATE_WALK_FACTOR = 4;

export type { PlannedRow } from './teamSearchPage';

export interface PlannedPage {
  rows: PlannedRow[];
  total: number;
  totalIsEstimate: boolean;
  order: 'relevance' | 'date';
  /**
   * Of `Request.checkTerms`, those some source the session may see holds (did-you-mean's check),
   * read in the statement of the word counts; absent when that statement did not run.
   */
  knownTerms?: ReadonlySet<string>;
}

interface Request {
  parsed: ParsedQuery;
  sort: SearchSort;
  limit: number;
  offset: number;
  /** The page's snippets, read with its display fields (teamSearchPage.ts's describe). */
  snippets?: Snippets;
  /** Folded words for did-you-mean's check, answered in the word counts' statement (`knownTerms`). */
  checkTerms?: readonly string[];
}

export async function planTeamPage(pool: Pool, request: Request, limits = PLAN_LIMITS): Promise<PlannedPage> {
  const bound = await boundMatches(pool, request.parsed, request.checkTerms ?? []);
  const page = await planWithBound(pool, request, bound, limits);
  return bound.known ? { ...page, knownTerms: bound.known } : page;
}

async function planWithBound(pool: Pool, request: Request, bound: Bound, limits: PlanLimits): Promise<PlannedPage> {
  const { parsed, limit, offset } = request;
  const describe = (chosen: readonly Listed[], total: number) => describeRows(pool, chosen, total, request.snippets);
  const { probe, countCap } = limits;
  const ranked = matchesOf(parsed, new SqlParams()).rank !== null;
  const order = parsed.hasText && request.sort === 'relevance' && ranked ? 'relevance' : 'date';
  const collapse = parsed.filters.clusters.length === 0;
  const page = { order, collapse, limit, offset } as const;

  // The listing ranks what it lists: each match's vector is read once, not again to rank it.
  // A query whose words are too rare to be common is listed up to the cap at once, unprobed.
  const rare = bound.matches <= 2 * countCap;
  // One word ranked: its page is the head of its title impacts (teamSearchImpacts.ts). Alone, its
  // count is did-you-mean's (exact, near-duplicates not folded): nothing is listed.
  const leaf = order === 'relevance' && limits.titleImpacts ? singleRankLeaf(parsed) : null;
  const word = leaf && !leaf.prefix ? leaf : null;
  const deep = offset + limit > limits.maxFastDepth;
  if (word?.alone && !deep && bound.whole && bound.matches > countCap) {
    const top = await titleImpactTop(pool, word, null, offset + limit);
    if (top) return impactPage(describe, top, page, bound.matches);
  }
  let newest = (!rare && (await probeRecent(pool, parsed, order, bound, limits))) || null;
  newest ??= await listNewest(pool, parsed, rare ? countCap : probe, order);
  const listed = rare || newest.full === true;
  // One prefix ranked, and the probe shows it common: its page is the head of its prefix impacts
  // (PG migration 90) instead of ranking up to `countCap` matches; the total is the probe's estimate.
  if (leaf?.prefix && !deep && !listed && newest.rows.length > probe) {
    const top = await titleImpactTop(pool, leaf, leaf.alone ? null : whereOf(parsed), offset + limit);
    if (top) return impactPage(describe, top, page, estimateTotal(newest, probe));
  }
  let counted = listed ? countCap : probe;
  if (!listed && newest.rows.length > probe && estimateTotal(newest, probe) <= 2 * countCap) {
    // The rest of the first `countCap` + 1 continue below the probe's last match: the probe's
    // rows are kept, not read and ranked again.
    const kept = newest.rows.slice(0, probe);
    const rest = await listNewest(pool, parsed, countCap - probe, order, { below: Number(kept[probe - 1]!.id) });
    newest = { ...newest, rows: [...kept, ...rest.rows] };
    counted = countCap;
  }
  const capped = newest.rows.length > counted;
  if (!capped) {
    // Every match is known, ranked: the page is chosen here and only its rows are described.
    const shown = foldClusters(newest.rows, page);
    const rows = await describe(shown.slice(offset, offset + limit), shown.length);
    return { rows, total: shown.length, totalIsEstimate: false, order };
  }
  const total = estimateTotal(newest, counted);
  let rows: PlannedRow[] | null = null;
  const top = word && !deep ? await titleImpactTop(pool, word, whereOf(parsed), offset + limit) : null;
  if (top) return impactPage(describe, top, page, total);
  if (!deep && order === 'relevance') {
    const titled = await listTitleMatches(pool, parsed, limits.titleCandidates);
    const shown = foldClusters([...newest.rows.slice(0, counted), ...titled], page);
    rows = await describe(shown.slice(offset, offset + limit), shown.length);
  } else if (!deep) {
    const walked = await pagePart(
      pool,
      parsed,
      page,
      { walk: DATE_WALK_FACTOR * (offset + limit) + 20 },
      request.snippets,
    );
    // The walk is exact when it reached as many clusters as the page needs.
    if (walked.length > 0 && Number(walked[0]!.total) >= offset + limit) rows = walked;
  }
  rows ??= await pagePart(pool, parsed, page, {}, request.snippets);
  return { rows, total, totalIsEstimate: true, order };
}

/** The page of a ranking's head read from the title impacts, with an estimated total. */
async function impactPage(
  describe: (chosen: readonly Listed[], total: number) => Promise<PlannedRow[]>,
  top: readonly Listed[],
  page: { order: 'relevance' | 'date'; collapse: boolean; limit: number; offset: number },
  total: number,
): Promise<PlannedPage> {
  const shown = foldClusters(top, page).slice(page.offset, page.offset + page.limit);
  return { rows: await describe(shown, total), total, totalIsEstimate: true, order: page.order };
}

/** The query's whole condition as a builder over `s`, binding into the statement that uses it. */
function whereOf(parsed: ParsedQuery): (params: SqlParams) => string {
  return (params) => matchesOf(parsed, params).where;
}

/**
 * An upper bound of the query's matches from the word counts (tsQuery.ts), or Infinity; whether
 * it bounds the whole query (no filter or field term it leaves out); and the span of ids seen.
 */
interface Bound {
  matches: number;
  whole: boolean;
  low: number;
  high: number;
  /** Of the words asked, those in some source the session may see (did-you-mean's check). */
  known?: ReadonlySet<string>;
}

async function boundMatches(pool: Pool, parsed: ParsedQuery, checkTerms: readonly string[]): Promise<Bound> {
  const params = new SqlParams();
  const bound = parsed.fts === null ? null : matchBound(parsed.fts, params);
  const none: Bound = { matches: Number.POSITIVE_INFINITY, whole: false, low: 0, high: 0 };
  if (bound === null) return none;
  // Did-you-mean's check of the query's words in the same statement: a round trip, and its
  // statement's fixed cost (about 0.5 ms of server CPU), fewer. search_terms is under row-level security.
  const known =
    checkTerms.length > 0
      ? `, ARRAY(SELECT DISTINCT term FROM search_terms WHERE term = ANY (${params.add([...checkTerms])}::text[]) AND docs > 0) AS known`
      : '';
  try {
    const { rows } = await pool.query<{
      bound: string | null;
      low: string | null;
      high: string | null;
      known?: string[];
    }>(
      prepared(
        `SELECT (${bound})::bigint AS bound, (SELECT min(id) FROM sources) AS low, (SELECT max(id) FROM sources) AS high${known}`,
        params.values,
      ),
    );
    const row = rows[0];
    const knownTerms = row?.known ? { known: new Set(row.known) } : {};
    if (row?.bound == null) return { ...none, ...knownTerms };
    const { filters } = parsed;
    const filtered =
      filters.after !== null ||
      filters.before !== null ||
      filters.tags.length + filters.excludedTags.length + filters.clusters.length + filters.excludedClusters.length > 0;
    return {
      matches: Number(row.bound),
      whole: !filtered && textOnly(parsed.fts!),
      low: Number(row.low ?? 0),
      high: Number(row.high ?? 0),
      ...knownTerms,
    };
  } catch (error) {
    // Only a shortcut: without it the plan probes, as it always did.
    console.error('[precis] team search bound failed', error);
    return none;
  }
}

/**
 * The probe of a fairly common query read from the newest ids first, through the bitmaps of the
 * GIN index and the primary key, or null when the word counts do not call for it. Walking the primary key back instead, PostgreSQL reads every source's whole
 * vector to test it (about 1,800 vectors to find 200 matches of a word in one source of nine);
 * a bitmap tests none for a word (the index is exact) and, for a phrase, only the range's
 * candidates. The range is sized from the word counts to hold `rangeMargin` times the probe, so
 * it is used only where those counts bound the whole query, and not for a word in most sources
 * (walking back then finds its matches at once). Exact: the range holds every match newer than its
 * floor, and the probe goes on below the floor for as many as it lacks.
 */
async function probeRecent(
  pool: Pool,
  parsed: ParsedQuery,
  order: 'relevance' | 'date',
  bound: Bound,
  limits: PlanLimits,
): Promise<Newest | null> {
  const count = limits.probe;
  const span = bound.high - bound.low + 1;
  if (!bound.whole || bound.matches <= 0 || bound.matches > limits.rangeShare * span) return null;
  const floor = bound.high - Math.ceil((limits.rangeMargin * (count + 1) * span) / bound.matches);
  if (floor <= bound.low) return null;
  const client = await pool.connect();
  let recent: Newest;
  try {
    // The planner, given ORDER BY id and a LIMIT, prefers the primary key's ordered scan, which
    // tests each row's vector: for this one statement, the bitmaps only.
    await client.query('BEGIN READ ONLY; SET LOCAL enable_indexscan = off');
    recent = await listNewest(client, parsed, count, order, { above: floor });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    // Released before going on: the pool may hold no other connection.
    client.release();
  }
  const ids = { low: bound.low, high: bound.high };
  if (recent.rows.length > count) return { rows: recent.rows, ...ids };
  // Too few there (a phrase matches fewer sources than its words' counts say): the rest are the
  // newest below the range. When the range's own density puts the query under twice the cap, the
  // probe would likely grow to the cap: list up to it at once (the planner then takes the bitmaps,
  // as for a rare query) rather than walk back testing every vector for the few the probe lacks
  // (about 5,600 vectors for 75 matches of "foreign policy" at 100,000 sources), then list again.
  // Kept as the walk would keep them: the newest `count` + 1, grown to the cap only if the probe
  // would have grown (estimateTotal, as planTeamPage decides), so the page and total are the same.
  const rareHere = (recent.rows.length * span) / (bound.high - floor) <= 2 * limits.countCap;
  const want = (rareHere ? limits.countCap : count) - recent.rows.length;
  const rows = [...recent.rows, ...(await listNewest(pool, parsed, want, order, { below: floor + 1 })).rows];
  if (!rareHere || rows.length <= count) return { rows, ...ids };
  if (estimateTotal({ rows, ...ids }, count) > 2 * limits.countCap) return { rows: rows.slice(0, count + 1), ...ids };
  return { rows, ...ids, full: true };
}

/** The newest matches, newest first, with the span of ids the session sees (for estimates). */
interface Newest {
  rows: Listed[];
  low: number;
  high: number;
  /** Listed up to the count cap already (a probe that found the query rare). */
  full?: boolean;
}

/**
 * The score of a listed match under `order`, as SQL over `l` (the listing, limited first: a sort
 * under the limit would otherwise score every match before keeping `count`), bound into `params`.
 */
function scoreOf(parsed: ParsedQuery, order: 'relevance' | 'date', params: SqlParams): string {
  const { rank } = matchesOf(parsed, new SqlParams());
  return order === 'relevance' && rank ? `ts_rank(l.text_vector, ${rank(params)}, 0)` : '0::real';
}

/** The newest `count` + 1 matches (below the id `before` when given), newest first, each with its score. */
async function listNewest(
  pool: Pool | PoolClient,
  parsed: ParsedQuery,
  count: number,
  order: 'relevance' | 'date',
  ids: { below?: number; above?: number } = {},
): Promise<Newest> {
  const params = new SqlParams();
  const where = [
    ...(ids.below === undefined ? [] : [`s.id < ${params.add(ids.below)}::bigint`]),
    ...(ids.above === undefined ? [] : [`s.id > ${params.add(ids.above)}::bigint`]),
    matchesOf(parsed, params).where,
  ].join(' AND ');
  const limit = params.add(count + 1);
  const score = scoreOf(parsed, order, params);
  // The span in the same statement: one round trip fewer, each an initplan on the primary key
  // (not in a range probe, which has it and turns index scans off).
  const span =
    ids.above === undefined
      ? '(SELECT min(id) FROM sources) AS low, (SELECT max(id) FROM sources) AS high'
      : '0 AS low, 0 AS high';
  const { rows } = await pool.query<Listed & { low: string; high: string }>(
    `SELECT l.id, l.head, l.published_at, ${score} AS score, ${span}
     FROM (SELECT s.id, coalesce(s.cluster_id, s.id) AS head, s.published_at, s.text_vector
           FROM sources s WHERE ${where} ORDER BY s.id DESC LIMIT ${limit}) l
     ORDER BY l.id DESC`,
    params.values,
  );
  return { rows, low: Number(rows[0]?.low ?? 0), high: Number(rows[0]?.high ?? 0) };
}

/** The newest `count` matches with a positive term in the title (their own small index), scored. */
async function listTitleMatches(pool: Pool, parsed: ParsedQuery, count: number): Promise<Listed[]> {
  const params = new SqlParams();
  const title = count > 0 ? titleCondition(parsed, params) : null;
  if (!title) return [];
  const { where } = matchesOf(parsed, params);
  const limit = params.add(count);
  const score = scoreOf(parsed, 'relevance', params);
  const { rows } = await pool.query<Listed>(
    `SELECT l.id, l.head, l.published_at, ${score} AS score
     FROM (SELECT s.id, coalesce(s.cluster_id, s.id) AS head, s.published_at, s.text_vector
           FROM sources s WHERE ${title} AND ${where} ORDER BY s.id DESC LIMIT ${limit}) l`,
    params.values,
  );
  return rows;
}

/**
 * Matches are spread over the archive much as sources are, so if the `count`-th newest match is
 * `oldest`, the total is about `count` times the id span over the span counted.
 */
function estimateTotal(newest: Newest, count: number): number {
  const oldest = Number(newest.rows[count - 1]?.id);
  const span = newest.high - newest.low + 1;
  const estimate = Math.round((count * span) / Math.max(1, newest.high - oldest + 1));
  return Math.min(Math.max(estimate, count + 1), Math.max(span, count + 1));
}
