import { z } from 'zod';
import { LocalizedText } from './i18n/localizedText';
import { PartialDate } from './source';

/** What a search answers, through the contract's `search` (shared/contract.ts) on either archive engine. */

export const SnippetPart = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPart>;

export const SearchHit = z.object({
  id: z.number().int(),
  title: z.string(),
  outlet: z.string().nullable(),
  author: z.string().nullable(),
  publishedAt: z.string().nullable(),
  language: z.string().nullable(),
  snippet: z.array(SnippetPart),
  /** bm25 relevance; higher is better; 0 when the results are in date order. */
  score: z.number(),
  /** coalesce(cluster_id, id): equal for near-duplicates. */
  clusterId: z.number().int().positive(),
  clusterSize: z.number().int().positive(),
  /** The year or month of a source with no day ("2024", "2024-11"); absent when unknown (the team archive sets it). */
  issued: PartialDate.optional(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchSort = z.enum(['relevance', 'date']);

export const SearchResponse = z.object({
  query: z.string(),
  total: z.number().int(),
  results: z.array(SearchHit),
  /** Whole corrected queries ("did you mean"), ready to run. */
  suggestions: z.array(z.string()),
  /** Set when the query had to be reinterpreted (e.g. an unbalanced quote). */
  notice: z.string().nullable(),
  /** The same notices as catalog messages, for the interface's language (docs/i18n.md). */
  notices: z.array(LocalizedText).optional(),
  /** The words, phrases and prefixes (ending in *) the query looked for, to highlight in the reader. */
  terms: z.array(z.string()),
  /** The order actually used: filters alone are listed by date. */
  sort: SearchSort,
  /**
   * True when `total` is an estimate (of matching sources: past the count cap matches are not
   * counted one by one). An exact total counts results, a near-duplicate cluster once.
   */
  totalIsEstimate: z.boolean(),
  /** Always null now: relevance ranks every match exactly (docs/search.md). Kept so older pages still read it. */
  rankedAmong: z.number().int().positive().nullable(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;
