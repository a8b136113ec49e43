import type { ParsedInput, SearchHit, SearchResponse } from '../../shared/contract';

/**
 * The shapes search works in are the contract's own (shared/contract.ts), so a field added to a
 * search response is declared once and reaches the UI, the HTTP host and the CLI alike.
 */

export type SearchSort = SearchResponse['sort'];

/** The contract's search input; `sort` may be left out by callers that are not the contract. */
export type SearchInput = Omit<ParsedInput<'search'>, 'sort'> & { sort?: SearchSort };

export type SearchHitDetail = SearchHit;

export type SearchResult = SearchResponse;
