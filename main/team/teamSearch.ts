import type { Pool } from 'pg';
import { parseQuery } from '../search/queryParser';
import { SEARCH_NOTICE_TEXTS } from '../search/searchSources';
import type { SearchHitDetail, SearchInput, SearchResult, SearchSort } from '../search/searchTypes';
import { hasMatch, leadSnippet, MATCH_END, MATCH_START, toSnippetParts } from '../search/snippet';
import { wordsToCheck } from '../search/suggestions';
import { type PlannedPage, planTeamPage } from './teamSearchPlan';

export { foldTag } from './teamFilters';

/**
 * Search over the team archive: the same query language and parser as the local archive, the
 * same response shape. Row-level security decides what the session may see, so nothing here
 * filters by clearance: a source above it is not in any count, page or snippet.
 * Ranking is ts_rank over the weighted vector (title A above body D), over every match when there
 * are few and over bounded candidates when there are many (teamSearchPlan.ts); near-duplicates
 * are shown once per cluster, the best-ranked version standing for it, as locally.
 */

export async function searchTeamArchive(pool: Pool, input: SearchInput): Promise<SearchResult> {
  return (await searchWithTermCheck(pool, input)).result;
}

/**
 * The search, and did-you-mean's check of its words (which of them some visible source holds),
 * answered by the plan's first statement (teamSearchPlan.ts's word counts); `knownTerms` is absent
 * when that statement did not run, and the check is then asked apart (teamSuggestions.ts).
 */
export async function searchWithTermCheck(
  pool: Pool,
  input: SearchInput,
): Promise<{ result: SearchResult; knownTerms?: ReadonlySet<string> }> {
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
  if (!parsed.searchable) return { result: empty };
  const limit = clamp(input.limit, 0, 1000);
  const offset = clamp(input.offset, 0, Number.MAX_SAFE_INTEGER);
  let page: PlannedPage;
  try {
    // Every page the plan returns carries its snippets, read in the statement of its display fields
    // (teamSearchPage.ts's describe, teamSearchFullPage.ts's pagePart), for the rank query or, with
    // no text (a filter alone), the body's opening.
    page = await planTeamPage(pool, {
      parsed,
      sort,
      limit,
      offset,
      snippets: { parsed: parsed.hasText ? parsed : null },
      checkTerms: wordsToCheck(parsed).map((word) => word.folded),
    });
  } catch (error) {
    // The translation only emits bound phrases, so no query should fail; if one does, say so plainly.
    console.error('[precis] team search failed for', JSON.stringify(parsed.fts), error);
    return {
      result: {
        ...empty,
        notice: SEARCH_NOTICE_TEXTS.unavailable.message,
        notices: [SEARCH_NOTICE_TEXTS.unavailable.text],
      },
    };
  }
  const { rows, order } = page;
  const results: SearchHitDetail[] = rows.map((row) => {
    const marked = row.snippet ?? '';
    const parts = toSnippetParts(marked);
    return {
      id: Number(row.id),
      title: row.title,
      outlet: row.outlet,
      author: row.author,
      language: row.language,
      publishedAt: row.published_at,
      ...(row.published_at === null && row.issued !== null ? { issued: row.issued } : {}),
      snippet: hasMatch(parts) ? parts : leadSnippet(marked.replaceAll(MATCH_START, '').replaceAll(MATCH_END, '')),
      score: order === 'relevance' ? Number(row.score) : 0,
      clusterId: Number(row.head),
      clusterSize: Number(row.cluster_size),
    };
  });
  const result = { ...empty, total: page.total, totalIsEstimate: page.totalIsEstimate, results, sort: order };
  return page.knownTerms ? { result, knownTerms: page.knownTerms } : { result };
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
