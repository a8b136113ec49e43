import type { SearchHit, SearchResponse } from '../../shared/contract';

/**
 * What search returns beyond the contract as it stands; extra fields pass through the
 * contract's zod objects (which strip unknown keys) only once shared/contract.ts declares them.
 */

export type SearchSort = 'relevance' | 'date';

export interface SearchInput {
  query: string;
  limit: number;
  offset: number;
  /** Relevance (bm25, title ten times body) or newest first; filters alone are always by date. */
  sort?: SearchSort;
}

export interface SearchHitDetail extends SearchHit {
  author: string | null;
  language: string | null;
  /** coalesce(cluster_id, id): the source heading this one's near-duplicate cluster. */
  clusterId: number;
  /** Sources in that cluster, this one included. */
  clusterSize: number;
}

export interface SearchResult extends SearchResponse {
  results: SearchHitDetail[];
  /** Words, "phrases" and prefixes* to highlight in the reader (see ParsedQuery.terms). */
  terms: string[];
  /** The order the results are in: relevance is replaced by date when there are no words. */
  sort: SearchSort;
  /**
   * True when `total` is an estimate (of matching sources): past COUNT_CAP matches are not
   * counted one by one. An exact total counts results, a near-duplicate cluster once.
   */
  totalIsEstimate: boolean;
  /** Always null: relevance ranks every match (docs/search.md). Kept for the contract. */
  rankedAmong: number | null;
}
