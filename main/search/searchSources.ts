import Database from 'better-sqlite3';
import { worded } from '../../shared/i18n/localizedText';
import { type Db, prepareCached } from '../archive/database';
import { clusterSize, clustersOf, headOf } from './clusterMap';
import { onePerCluster } from './clusterPage';
import { rankingPhrases } from './matchPhrases';
import { plainSnippet } from './plainSnippet';
import { type ParsedQuery, parseQuery } from './queryParser';
import { maintainAfterSearch } from './rankingIndex';
import { filterOnlyPage, matchPage, type Page } from './searchPlan';
import type { SearchHitDetail, SearchInput, SearchResult, SearchSort } from './searchTypes';
import { hasMatch, leadSnippet, toSnippetParts } from './snippet';
import { suggestSpellings } from './suggestions';

export type { SearchHitDetail, SearchInput, SearchResult, SearchSort } from './searchTypes';

export const SEARCH_NOTICES = {
  notUnderstood: 'Your search could not be understood; showing no results.',
  unavailable: 'The archive could not be searched just now; showing no results.',
} as const;

/** SEARCH_NOTICES as catalog messages for the interface. */
export const SEARCH_NOTICE_TEXTS = {
  notUnderstood: worded(SEARCH_NOTICES.notUnderstood, 'search.notice.notUnderstood'),
  unavailable: worded(SEARCH_NOTICES.unavailable, 'search.notice.unavailable'),
} as const;

const SNIPPET = "snippet(sources_fts, 1, char(57344), char(57345), '…', 24)";

// One statement per page hit: FTS5 seeks straight to the row, where `+rowid IN (list)` would
// walk every match of a common word. Prefix terms are the exception: each lookup expands the
// prefix again, so for those one pass over the matches between the page's ids is cheaper.
// Every rowid bound is CAST: better-sqlite3 binds JS numbers as REAL, and FTS5 silently drops a
// rowid constraint whose value is not an INTEGER, returning every match instead.
const SNIPPET_ONE_SQL = `SELECT ${SNIPPET} FROM sources_fts WHERE sources_fts MATCH ? AND rowid = CAST(? AS INTEGER)`;
const SNIPPETS_RANGE_SQL = `
  SELECT rowid AS id, ${SNIPPET} AS marked FROM sources_fts
  WHERE sources_fts MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)
    AND +rowid IN (SELECT value FROM json_each(?))`;

// Clusters come from clusterMap.ts: cluster_id is stored after the body and the original text.
// A source with no day shows its year or month ("2024", "2024-11"), as the team engine's hits do.
const HITS_SQL = `
  SELECT s.id, s.title, s.outlet, s.author, s.language, s.published_at, s.body,
    (SELECT d.issued FROM reference_details d WHERE d.source_id = s.id AND s.published_at IS NULL) AS issued
  FROM sources s WHERE s.id IN (SELECT value FROM json_each(?))`;

interface HitRow {
  id: number;
  title: string;
  outlet: string | null;
  author: string | null;
  language: string | null;
  published_at: string | null;
  body: string;
  issued: string | null;
}

/**
 * Runs an analyst's query. Never throws for anything the user typed, and never shows SQLite's
 * words: what the parser had to reinterpret, and what the search could not do, come back as a
 * notice.
 */
export function searchSources(db: Db, input: SearchInput): SearchResult {
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
  const limit = clampInteger(input.limit, 0, 1000);
  const offset = clampInteger(input.offset, 0, Number.MAX_SAFE_INTEGER);

  let page: Page;
  let results: SearchHitDetail[];
  try {
    // A cluster: search lists the versions themselves; every other search shows a cluster once.
    const collapse = parsed.filters.clusters.length === 0;
    const pageOf = (depth: number, from: number) =>
      parsed.fts === null
        ? filterOnlyPage(db, parsed, depth, from, collapse)
        : matchPage(db, parsed, sort, depth, from, collapse);
    page = collapse ? onePerCluster(db, pageOf, limit, offset) : pageOf(limit, offset);
    results = toHits(db, parsed, page);
  } catch (error) {
    // The parser only emits quoted terms, so no query should fail; if one does, the user gets
    // an explanation instead of an SQLite message, and the log gets the details.
    if (!(error instanceof Database.SqliteError)) throw error;
    console.error('[precis] search failed for', JSON.stringify(parsed.fts), error);
    const isQueryError = error.code === 'SQLITE_ERROR';
    const failed = isQueryError ? SEARCH_NOTICE_TEXTS.notUnderstood : SEARCH_NOTICE_TEXTS.unavailable;
    return { ...empty, notice: failed.message, notices: [failed.text] };
  }

  keepRankingIndexUp(db);
  return {
    ...empty,
    total: page.total,
    results,
    suggestions: safeSuggestions(db, parsed, input.query),
    notice: parsed.notice,
    sort: page.order === 'relevance' ? 'relevance' : 'date',
    totalIsEstimate: page.totalIsEstimate,
    rankedAmong: page.rankedAmong,
  };
}

/** The page's sources as its hits show them, by id. */
export function hitRows(db: Db, ids: number[]): Map<number, HitRow> {
  const rows = new Map<number, HitRow>();
  for (const row of prepareCached(db, HITS_SQL).all(JSON.stringify(ids)) as HitRow[]) rows.set(row.id, row);
  return rows;
}

function toHits(db: Db, parsed: ParsedQuery, page: Page): SearchHitDetail[] {
  if (page.rows.length === 0) return [];
  const ids = page.rows.map((row) => row.id);
  const rows = hitRows(db, ids);
  const snippets = parsed.hasText && parsed.fts !== null ? hitSnippets(db, parsed.fts, rows) : new Map();
  const clusters = clustersOf(db, ids);
  return page.rows.flatMap(({ id, score }) => {
    const row = rows.get(id);
    if (!row) return [];
    const parts = toSnippetParts(snippets.get(id) ?? '');
    return [
      {
        id,
        title: row.title,
        outlet: row.outlet,
        publishedAt: row.published_at,
        ...(row.issued !== null ? { issued: row.issued } : {}),
        snippet: hasMatch(parts) ? parts : leadSnippet(row.body.slice(0, 400)),
        score,
        author: row.author,
        language: row.language,
        clusterId: headOf(clusters, id),
        clusterSize: clusterSize(clusters, headOf(clusters, id)),
      },
    ];
  });
}

/**
 * Each hit's marked snippet: made from its body for plain text (plainSnippet.ts: the window FTS5
 * would choose, without a statement per hit), by FTS5's snippet() for the rest.
 */
export function hitSnippets(db: Db, match: string, rows: Map<number, HitRow>): Map<number, string> {
  const phrases = rankingPhrases(match);
  const snippets = new Map<number, string>();
  const rest: number[] = [];
  for (const [id, row] of rows) {
    const made = plainSnippet(row.body, phrases);
    if (made === null) rest.push(id);
    else if (made !== '') snippets.set(id, made);
  }
  if (rest.length > 0) for (const [id, marked] of markedSnippets(db, match, rest)) snippets.set(id, marked);
  return snippets;
}

/** FTS5's snippet() of each source in `ids`. */
export function markedSnippets(db: Db, match: string, ids: number[]): Map<number, string> {
  const snippets = new Map<number, string>();
  if (/"\*/.test(match)) {
    const rows = prepareCached(db, SNIPPETS_RANGE_SQL).all(
      match,
      Math.min(...ids),
      Math.max(...ids),
      JSON.stringify(ids),
    ) as { id: number; marked: string | null }[];
    for (const row of rows) if (row.marked) snippets.set(row.id, row.marked);
    return snippets;
  }
  const one = prepareCached(db, SNIPPET_ONE_SQL).pluck();
  for (const id of ids) {
    const marked = one.get(match, id) as string | null | undefined;
    if (marked) snippets.set(id, marked);
  }
  return snippets;
}

/** Upkeep of the exact-ranking index never fails a search: without it, ranking is exhaustive. */
function keepRankingIndexUp(db: Db): void {
  try {
    maintainAfterSearch(db);
  } catch (error) {
    if (!(error instanceof Database.SqliteError)) throw error;
  }
}

/** Did-you-mean is a nicety: if it fails, the results still go out, without suggestions. */
function safeSuggestions(db: Db, parsed: ParsedQuery, query: string): string[] {
  try {
    return suggestSpellings(db, parsed, query);
  } catch (error) {
    if (!(error instanceof Database.SqliteError)) throw error;
    console.error('[precis] did-you-mean failed', error);
    return [];
  }
}

function clampInteger(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
