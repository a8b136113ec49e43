import { foldForComparison } from '../../shared/text';
import type { QueryFilters, TagFilter } from '../search/queryParser';
import type { SqlParams } from './tsQuery';

/**
 * The query language's filters (tag:, after:, before:, cluster:) as SQL conditions over `s`, the
 * sources row, each value a bound parameter. outlet:, author: and lang: are text conditions
 * (tsQuery.ts), as in the local index.
 */
export function filterClauses(filters: QueryFilters, params: SqlParams): string[] {
  const clauses: string[] = [];
  if (filters.after !== null) clauses.push(`s.published_at >= ${params.add(filters.after)}`);
  if (filters.before !== null) clauses.push(`s.published_at < ${params.add(filters.before)}`);
  // Through the folded tags' index (PG migration 70): comparing text is leakproof, so row-level
  // security checks only the tag rows the index finds, not every source's tags.
  const tagMatch = (alternatives: readonly TagFilter[]) =>
    alternatives
      .map((tag) => {
        const value = params.add(tag.value);
        return tag.prefix
          ? `(t.folded COLLATE "C" >= ${value} AND t.folded COLLATE "C" < (${value} || chr(1114111)))`
          : `t.folded COLLATE "C" = ${value}`;
      })
      .join(' OR ');
  for (const alternatives of filters.tags)
    clauses.push(`s.id IN (SELECT t.source_id FROM source_tags t WHERE ${tagMatch(alternatives)})`);
  if (filters.excludedTags.length > 0)
    clauses.push(
      `NOT EXISTS (SELECT 1 FROM source_tags t WHERE t.source_id = s.id AND (${tagMatch(filters.excludedTags)}))`,
    );
  const inClusters = (ids: readonly number[]) =>
    `coalesce(s.cluster_id, s.id) IN (SELECT coalesce(c.cluster_id, c.id) FROM sources c WHERE c.id = ANY (${params.add(ids)}::bigint[]))`;
  for (const alternatives of filters.clusters) clauses.push(inClusters(alternatives));
  if (filters.excludedClusters.length > 0) clauses.push(`NOT ${inClusters(filters.excludedClusters)}`);
  return clauses;
}

// Tags compare as foldForComparison folds them: lower case, no accents, single spaces (stored
// so by PG migration 70's precis_fold_tag).
export const foldTag = (tag: string): string => foldForComparison(tag).replace(/\s+/g, ' ').trim();
