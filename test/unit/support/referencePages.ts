import { expect } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { searchSources } from '../../../main/search/searchSources';

/**
 * Checks that search's relevance pages at `offsets` (20 a page) are the reference's, score for
 * score, and that its total is the reference's count.
 */
export function expectReferencePages(
  db: Db,
  query: string,
  reference: readonly { id: number; score: number }[],
  offsets: readonly number[] = [0, 20, 40],
): void {
  const rounded = (rows: readonly { id: number; score: number }[]) => rows.map((r) => [r.id, r.score.toFixed(9)]);
  for (const offset of offsets) {
    const page = searchSources(db, { query, limit: 20, offset, sort: 'relevance' });
    expect(page.total, query).toBe(reference.length);
    expect(rounded(page.results), `${query} at ${offset}`).toEqual(rounded(reference.slice(offset, offset + 20)));
  }
}
