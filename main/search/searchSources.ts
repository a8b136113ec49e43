import Database from 'better-sqlite3';
import type { SearchHit, SearchResponse } from '../../shared/contract';
import { type Db, prepareCached } from '../archive/database';
import { parseQuery } from './queryParser';
import { hasMatch, leadSnippet, toSnippetParts } from './snippet';
import { suggestSpellings } from './suggestions';

export const SEARCH_NOTICES = {
  notUnderstood: 'Your search could not be understood; showing no results.',
  unavailable: 'The archive could not be searched just now; showing no results.',
} as const;

// Title matches count ten times body matches: a source about a topic usually names it there.
const RANK = 'bm25(sources_fts, 10.0, 1.0)';

// Each statement evaluates the MATCH once. The page query ranks every match and keeps one page;
// the snippet query makes snippets for that page only; the count query gives the total.
// A single statement would compute snippet() for every row up to OFFSET + LIMIT, slow for later
// pages; one statement per hit (rowid = ?) would evaluate the MATCH again for each hit, slow
// for prefix searches. The `+` in `+rowid` keeps the IN list away from FTS5, which would
// otherwise re-run the MATCH once per listed id.
const PAGE_SQL = `
  SELECT s.id, s.title, s.outlet, s.published_at, substr(s.body, 1, 400) AS lead,
         -${RANK} AS score
  FROM sources_fts JOIN sources AS s ON s.id = sources_fts.rowid
  WHERE sources_fts MATCH ?
  ORDER BY ${RANK}, sources_fts.rowid
  LIMIT ? OFFSET ?`;

const SNIPPETS_SQL = `
  SELECT rowid AS id, snippet(sources_fts, 1, char(57344), char(57345), '…', 24) AS marked
  FROM sources_fts
  WHERE sources_fts MATCH ? AND +rowid IN (SELECT value FROM json_each(?))`;

// (A count(*) OVER () window on the page query cannot be used: bm25() refuses that context.)
const COUNT_SQL = 'SELECT count(*) AS total FROM sources_fts WHERE sources_fts MATCH ?';

interface PageRow {
  id: number;
  title: string;
  outlet: string | null;
  published_at: string | null;
  lead: string;
  score: number;
}

export function searchSources(db: Db, input: { query: string; limit: number; offset: number }): SearchResponse {
  const parsed = parseQuery(input.query);
  const empty: SearchResponse = { query: input.query, total: 0, results: [], suggestions: [], notice: parsed.notice };
  if (parsed.fts === null) return empty;
  const match = parsed.fts;
  const limit = clampInteger(input.limit, 0, 1000);
  const offset = clampInteger(input.offset, 0, Number.MAX_SAFE_INTEGER);

  let total: number;
  let results: SearchHit[];
  try {
    const page = prepareCached(db, PAGE_SQL).all(match, limit, offset) as PageRow[];
    total = (prepareCached(db, COUNT_SQL).get(match) as { total: number }).total;
    const snippets = new Map<number, string | null>();
    if (page.length > 0) {
      const ids = JSON.stringify(page.map((row) => row.id));
      for (const row of prepareCached(db, SNIPPETS_SQL).all(match, ids) as { id: number; marked: string | null }[]) {
        snippets.set(row.id, row.marked);
      }
    }
    results = page.map((row) => toSearchHit(row, snippets.get(row.id) ?? null));
  } catch (error) {
    // The parser only emits quoted terms, so no query should fail; if one does, the user gets
    // an explanation instead of an SQLite message, and the log gets the details.
    if (!(error instanceof Database.SqliteError)) throw error;
    console.error('[precis] search failed for', JSON.stringify(parsed.fts), error);
    const isQueryError = error.code === 'SQLITE_ERROR';
    return { ...empty, notice: isQueryError ? SEARCH_NOTICES.notUnderstood : SEARCH_NOTICES.unavailable };
  }

  return {
    query: input.query,
    total,
    results,
    suggestions: suggestSpellings(db, parsed, total),
    notice: parsed.notice,
  };
}

function toSearchHit(row: PageRow, marked: string | null): SearchHit {
  const parts = toSnippetParts(marked ?? '');
  return {
    id: row.id,
    title: row.title,
    outlet: row.outlet,
    publishedAt: row.published_at,
    snippet: hasMatch(parts) ? parts : leadSnippet(row.lead),
    score: row.score,
  };
}

function clampInteger(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
