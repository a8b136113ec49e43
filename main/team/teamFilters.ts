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
  const tagTest = (alternatives: readonly TagFilter[]) => {
    const tests = alternatives.map((tag) =>
      tag.prefix
        ? `left(${FOLDED_TAG}, ${params.add(tag.value.length)}) = ${params.add(tag.value)}`
        : `${FOLDED_TAG} = ${params.add(tag.value)}`,
    );
    return `EXISTS (SELECT 1 FROM source_tags t WHERE t.source_id = s.id AND (${tests.join(' OR ')}))`;
  };
  for (const alternatives of filters.tags) clauses.push(tagTest(alternatives));
  if (filters.excludedTags.length > 0) clauses.push(`NOT ${tagTest(filters.excludedTags)}`);
  const inClusters = (ids: readonly number[]) =>
    `coalesce(s.cluster_id, s.id) IN (SELECT coalesce(c.cluster_id, c.id) FROM sources c WHERE c.id = ANY (${params.add(ids)}::bigint[]))`;
  for (const alternatives of filters.clusters) clauses.push(inClusters(alternatives));
  if (filters.excludedClusters.length > 0) clauses.push(`NOT ${inClusters(filters.excludedClusters)}`);
  return clauses;
}

// Tags compare as foldForComparison folds them: lower case, no accents, single spaces.
const FOLDED_TAG = "regexp_replace(lower(unaccent(t.tag)), '\\s+', ' ', 'g')";
export const foldTag = (tag: string): string => foldForComparison(tag).replace(/\s+/g, ' ').trim();
