import { type Db, prepareCached } from '../archive/database';
import { BM25_SQL, indexStats } from './bm25';
import { clustersOf, headOf } from './clusterMap';
import { rankedTopPage } from './exactRanking';
import { rankingPhrases } from './matchPhrases';
import type { ParsedQuery } from './queryParser';
import { weightedOnlyMatch } from './rankingMatch';
import { type FilterSql, filterSql } from './searchFilters';
import type { SearchSort } from './searchTypes';
import { columnDateWalk, textDateWalk } from './textDateWalk';

/**
 * Chooses which sources make up one page of results, and how many match in all.
 *
 * What costs time at 100,000 sources is the number of matches touched, not the page size:
 * FTS5 lists a term's matches at about 0.2 µs each, but bm25() costs about 2 µs per match it
 * ranks, and a common word matches tens of thousands. So the matches are first listed newest
 * (highest id) first: PROBE of them, then, unless those already show the query to be common,
 * up to COUNT_CAP + 1, which costs little:
 * - at most COUNT_CAP: the total is exact, and relevance ranks every match (bm25 over all);
 * - more than that: the total is estimated from how far back in the archive the last match
 *   listed lies (and says so), and relevance takes the exact top from the impact lists
 *   (exactRanking.ts) when they can prove it, else ranks every match with bm25. Either way the
 *   page is the true top of bm25 over all matches (docs/search.md).
 * Sorting by date never needs bm25, so it is exact however many match.
 */

export const COUNT_CAP = 2000;
/** Matches listed first, to tell a common query from one worth counting exactly. */
const PROBE = 200;
/**
 * A date-ordered walk probes each source it passes (one seek per phrase, ~25–100 µs), where
 * listing every match costs ~0.2–1.7 µs a match: it walks when it should reach its page within
 * about 1/PROBE_COST of the matches (docs/search.md, "Sorting by date").
 */
export interface DateWalk {
  probeCost: number;
  /** The same for reading a source's outlet, author and language (columnDateWalk: ~2 µs at 1M). */
  columnReadCost: number;
  /** How much further than the estimated share predicts the walk may go before it gives up. */
  slack: number;
  least: number;
}
const DATE_WALK: DateWalk = { probeCost: 50, columnReadCost: 10, slack: 3, least: 50 };

/** Pages deeper than this are ranked over every match. */
const MAX_FAST_DEPTH = 200;

export type PageOrder = 'relevance' | 'date';

export interface Page {
  /** Ids of the page, in order, with their scores (bm25 negated: higher is better; 0 when unranked). */
  rows: { id: number; score: number }[];
  total: number;
  totalIsEstimate: boolean;
  /** Always null now: every match is ranked (kept for the contract). */
  rankedAmong: null;
  order: PageOrder;
}

function where(filters: FilterSql, first: string): string {
  return [first, ...filters.clauses].join(' AND ');
}

/** A page of sources chosen by filters alone (no MATCH): newest publication first. */
export function filterOnlyPage(db: Db, parsed: ParsedQuery, limit: number, offset: number, collapse: boolean): Page {
  const seeded = seededIds(db, parsed);
  if (seeded !== null) {
    const total = collapse ? clusterCount(db, seeded) : seeded.length;
    const rows = datePageOfSet(db, seeded, limit, offset);
    return { rows, total, totalIsEstimate: false, rankedAmong: null, order: 'date' };
  }
  const filters = filterSql(db, parsed.filters, parsed.excludeFts, 's.id', true);
  const condition = where(filters, '1');
  const rows = prepareCached(
    db,
    `SELECT s.id, 0 AS score FROM sources s WHERE ${condition}
     ORDER BY s.published_at DESC, s.id DESC LIMIT ? OFFSET ?`,
  ).all(...filters.params, limit, offset) as { id: number; score: number }[];
  const counted = collapse ? 'count(DISTINCT coalesce(s.cluster_id, s.id))' : 'count(*)';
  const total = prepareCached(db, `SELECT ${counted} FROM sources s WHERE ${condition}`)
    .pluck()
    .get(...filters.params) as number;
  return { rows, total, totalIsEstimate: false, rankedAmong: null, order: 'date' };
}

/**
 * With a tag: filter, the sources the filters keep, from the tag's ids and never a source's row:
 * finding each tagged row to test or count it (a seek past its neighbours' text, ~6 µs) was
 * most of `tag:defence` at 1M (3,385 sources: 24 ms to count, 23 to sort by date). Tagged ids are
 * sources (source_tags cascades on delete). With after:/before: too, the old way: a date range's
 * ids (most of the archive for `after:2020`) cost more than the tagged rows.
 */
function seededIds(db: Db, parsed: ParsedQuery): number[] | null {
  if (parsed.filters.after !== null || parsed.filters.before !== null) return null;
  const filters = filterSql(db, parsed.filters, parsed.excludeFts, 'x.id');
  if (filters.seed === undefined) return null;
  return prepareCached(db, `SELECT DISTINCT x.id FROM (${filters.seed.sql}) x WHERE ${where(filters, '1')}`)
    .pluck()
    .all(...filters.seed.params, ...filters.params) as number[];
}

/** How far (in index entries per member of the set) a date walk is worth a seek per member. */
const SET_WALK_PER_MEMBER = 50;

/**
 * A known set of sources, newest publication first: by walking the date index (an index-only
 * read, ~0.1 µs an entry) over the stretch where the page should lie, three times as far as the
 * set's share of the archive predicts; the page is exact when complete within it (every source
 * before it by date was seen). Otherwise, or when that stretch is long, each member's date is
 * looked up and sorted.
 */
export function datePageOfSet(
  db: Db,
  ids: number[],
  limit: number,
  offset: number,
  walk: DateWalk = DATE_WALK,
): { id: number; score: number }[] {
  const archiveSize = sourceCount(db);
  const share = ids.length / Math.max(1, archiveSize);
  const budget = Math.ceil((walk.slack * (offset + limit)) / Math.max(share, 1e-9)) + walk.least;
  if (ids.length > 0 && budget <= SET_WALK_PER_MEMBER * ids.length) {
    const walked = prepareCached(
      db,
      `SELECT s.id, 0 AS score
       FROM (SELECT id, published_at FROM sources INDEXED BY sources_published_at
             ORDER BY published_at DESC, id DESC LIMIT ?) s
       WHERE s.id IN (SELECT value FROM json_each(?))
       ORDER BY s.published_at DESC, s.id DESC LIMIT ? OFFSET ?`,
    ).all(budget, JSON.stringify(ids), limit, offset) as { id: number; score: number }[];
    if (walked.length === limit || budget >= archiveSize) return walked;
  }
  return datePageOfFew(db, ids, limit, offset);
}

/** A page of sources matching `parsed.fts` (and the filters), in the order asked for. */
export function matchPage(
  db: Db,
  parsed: ParsedQuery,
  sort: SearchSort,
  limit: number,
  offset: number,
  collapse: boolean,
): Page {
  const match = parsed.fts!;
  const filters = filterSql(db, parsed.filters, null, '+sources_fts.rowid');
  const condition = where(filters, 'sources_fts MATCH ?');
  const params = [match, ...filters.params];
  const { newest, counted, scored } = listMatches(
    db,
    match,
    condition,
    params,
    filters.clauses.length > 0 && sort === 'relevance' && parsed.hasText,
  );

  const capped = newest.length > counted;
  const total = capped
    ? estimateTotal(db, newest[counted - 1]!, counted)
    : collapse
      ? clusterCount(db, newest)
      : newest.length;
  const archiveSize = capped ? sourceCount(db) : 0;

  if (sort === 'date' || !parsed.hasText) {
    const rows = capped
      ? datePageOfMany(db, condition, params, total, archiveSize, limit, offset)
      : datePageOfFew(db, newest, limit, offset);
    return { rows, total, totalIsEstimate: capped, rankedAmong: null, order: 'date' };
  }
  if (capped) {
    // The exact top of a common query, from the impact lists when they can prove it.
    const k = offset + limit;
    const top = k <= MAX_FAST_DEPTH ? rankedTopPage(db, match, condition, params, k, total) : null;
    if (top !== null)
      return { rows: top.slice(offset), total, totalIsEstimate: true, rankedAmong: null, order: 'relevance' };
  } else if (scored !== null) {
    // FTS5's order: bm25 ascending (the score is its negation), then rowid.
    const rows = scored.sort((a, b) => b.score - a.score || a.id - b.id).slice(offset, offset + limit);
    return { rows, total, totalIsEstimate: false, rankedAmong: null, order: 'relevance' };
  }
  // Below the cap every match is listed already: ranking those ids spares SQLite gathering the
  // filters' ids again (a date range's or a tag's, built once per statement); bm25 is the same,
  // its idfs coming from the MATCH alone. And their scores come as well from the weighted
  // phrases alone, when that spares bm25 counting a common weightless one (rankingMatch.ts).
  const weightedOnly = capped ? null : weightedOnlyMatch(db, match);
  const [rankCondition, rankParams] =
    !capped && (filters.clauses.length > 0 || weightedOnly !== null)
      ? [
          'sources_fts MATCH ? AND +sources_fts.rowid IN (SELECT value FROM json_each(?))',
          [weightedOnly ?? match, JSON.stringify(newest)],
        ]
      : [condition, params];
  const rows = prepareCached(
    db,
    `SELECT rowid AS id, -${BM25_SQL} AS score FROM sources_fts WHERE ${rankCondition}
     ORDER BY ${BM25_SQL}, rowid LIMIT ? OFFSET ?`,
  ).all(...rankParams, limit, offset) as { id: number; score: number }[];
  return { rows, total, totalIsEstimate: capped, rankedAmong: null, order: 'relevance' };
}

/** Single words found in more sources than this are not scored as listed (see listMatches). */
const SCORED_LISTING_MOST = 100_000;

/**
 * The newest matches, up to COUNT_CAP + 1, or PROBE + 1 when those already show the query to be
 * common: listing COUNT_CAP of them (slow for a phrase of common words) would only refine an
 * estimate. `scoredFilter` (a relevance query with SQL filters): the full listing also scores
 * each match, so the walk past the filters (each statement gathers their ids again: a date
 * range's, 30,000 at 1M) is not made again to rank; bm25's idfs come from the MATCH alone. For
 * a single word found in at most SCORED_LISTING_MOST sources (its idf costs a walk of its
 * documents, a few ms), the listing is scored at once, without a first look under the filters:
 * `market after:… before:…` at 1M walked the word's 54,632 matches past 30,307 dated ids three
 * times (probe, listing, ranking), now once, plus an unfiltered look at the word's newest.
 */
function listMatches(
  db: Db,
  match: string,
  condition: string,
  params: unknown[],
  scoredFilter: boolean,
): { newest: number[]; counted: number; scored: { id: number; score: number }[] | null } {
  const listNewest = (where: string, values: unknown[], count: number) =>
    prepareCached(db, `SELECT rowid FROM sources_fts WHERE ${where} ORDER BY rowid DESC LIMIT ?`)
      .pluck()
      .all(...values, count + 1) as number[];
  const listScored = () => {
    const scored = prepareCached(
      db,
      `SELECT rowid AS id, -${BM25_SQL} AS score FROM sources_fts WHERE ${condition} ORDER BY rowid DESC LIMIT ?`,
    ).all(...params, COUNT_CAP + 1) as { id: number; score: number }[];
    return { newest: scored.map((row) => row.id), counted: COUNT_CAP, scored };
  };
  const common = (ids: number[]) => ids.length > PROBE && estimateTotal(db, ids[PROBE - 1]!, PROBE) > 2 * COUNT_CAP;
  if (scoredFilter && isSingleWord(match)) {
    const bare = listNewest('sources_fts MATCH ?', [match], PROBE);
    if (bare.length <= PROBE || estimateTotal(db, bare[PROBE - 1]!, PROBE) <= SCORED_LISTING_MOST) return listScored();
  }
  const newest = listNewest(condition, params, PROBE);
  if (newest.length <= PROBE || common(newest)) return { newest, counted: PROBE, scored: null };
  if (scoredFilter) return listScored();
  // The rest of the listing, from below the probe's last match rather than from the newest again.
  const older = prepareCached(
    db,
    `SELECT rowid FROM sources_fts WHERE ${condition} AND sources_fts.rowid < CAST(? AS INTEGER)
     ORDER BY rowid DESC LIMIT ?`,
  )
    .pluck()
    .all(...params, newest[PROBE]!, COUNT_CAP - PROBE) as number[];
  return { newest: [...newest, ...older], counted: COUNT_CAP, scored: null };
}

/** A MATCH of one {title body} word: its only cost to bm25 is that word's document count. */
function isSingleWord(match: string): boolean {
  const phrases = rankingPhrases(match);
  return phrases.length === 1 && phrases[0]!.literal === match && !phrases[0]!.prefix && phrases[0]!.words.length === 1;
}

/** How many clusters (a source on its own is one) the sources fall into. */
function clusterCount(db: Db, ids: number[]): number {
  const map = clustersOf(db, ids);
  return new Set(ids.map((id) => headOf(map, id))).size;
}

/** Few matches, all known: look up their dates and sort. */
function datePageOfFew(db: Db, ids: number[], limit: number, offset: number): { id: number; score: number }[] {
  return prepareCached(
    db,
    `SELECT s.id, 0 AS score FROM sources s WHERE s.id IN (SELECT value FROM json_each(?))
     ORDER BY s.published_at DESC, s.id DESC LIMIT ? OFFSET ?`,
  ).all(JSON.stringify(ids), limit, offset) as { id: number; score: number }[];
}

/**
 * Many matches: walk the date index newest first. When the matches are common enough that the
 * page should lie among the first few hundred sources by date, each source is probed as the walk
 * passes it, over a bounded stretch of the index (`budget` sources); the page is exact if it is
 * complete within that stretch, since every source before it in date order was probed. Otherwise
 * (rarer matches, or matches that lie further back than their share predicts), SQLite lists every
 * match once and the walk checks membership in that list.
 */
export function datePageOfMany(
  db: Db,
  condition: string,
  params: unknown[],
  total: number,
  archiveSize: number,
  limit: number,
  offset: number,
  walk: DateWalk = DATE_WALK,
): { id: number; score: number }[] {
  const share = total / Math.max(1, archiveSize);
  const budget = Math.ceil((walk.slack * (offset + limit)) / Math.max(share, 1e-9)) + walk.least;
  // A walk that decides each source from its row: outlet, author and language are read from the
  // row's start (a source costs about as much as listing ten matches), a title and body cost
  // about a probe's worth.
  // Only a MATCH without SQL filters is decided from the row.
  const match = condition === 'sources_fts MATCH ?' && typeof params[0] === 'string' ? params[0] : null;
  const read =
    match === null
      ? null
      : ((budget * walk.columnReadCost <= total ? columnDateWalk(db, match, budget, offset + limit) : null) ??
        (budget * walk.probeCost <= total ? textDateWalk(db, match, budget, offset + limit) : null));
  if (read !== null) {
    if (read.length === offset + limit || budget >= archiveSize) {
      return read.slice(offset).map((id) => ({ id, score: 0 }));
    }
    return datePageOfAll(db, condition, params, limit, offset);
  }
  if (budget * walk.probeCost <= total) {
    const walked = prepareCached(
      db,
      `SELECT s.id, 0 AS score
       FROM (SELECT id, published_at FROM sources INDEXED BY sources_published_at
             ORDER BY published_at DESC, id DESC LIMIT ?) s
       WHERE EXISTS (SELECT 1 FROM sources_fts WHERE ${condition} AND sources_fts.rowid = s.id)
       ORDER BY s.published_at DESC, s.id DESC LIMIT ? OFFSET ?`,
    ).all(budget, ...params, limit, offset) as { id: number; score: number }[];
    if (walked.length === limit || budget >= archiveSize) return walked;
  }
  return datePageOfAll(db, condition, params, limit, offset);
}

/** Every match listed once, and the date index walked against that list. */
function datePageOfAll(
  db: Db,
  condition: string,
  params: unknown[],
  limit: number,
  offset: number,
): { id: number; score: number }[] {
  return prepareCached(
    db,
    `SELECT s.id, 0 AS score FROM sources s INDEXED BY sources_published_at
     WHERE s.id IN (SELECT rowid FROM sources_fts WHERE ${condition})
     ORDER BY s.published_at DESC, s.id DESC LIMIT ? OFFSET ?`,
  ).all(...params, limit, offset) as { id: number; score: number }[];
}

/** Sources in the archive: FTS5's own row count (one record), where count(*) walks an index. */
function sourceCount(db: Db): number {
  return indexStats(db).rows;
}

/**
 * Matches are spread over the archive much as sources are, so if the COUNT_CAP-th newest match
 * is `oldestCounted`, the total is about COUNT_CAP times the id span over the span counted.
 */
function estimateTotal(db: Db, oldestCounted: number, count: number): number {
  // Two statements: SQLite answers min() or max() alone from the end of the primary key, but
  // scans the whole table for both at once.
  const span = {
    low: prepareCached(db, 'SELECT min(id) FROM sources').pluck().get() as number,
    high: prepareCached(db, 'SELECT max(id) FROM sources').pluck().get() as number,
  };
  const counted = Math.max(1, span.high - oldestCounted + 1);
  const estimate = Math.round((count * (span.high - span.low + 1)) / counted);
  return Math.min(Math.max(estimate, count + 1), sourceCount(db));
}
