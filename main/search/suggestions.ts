import type { Db } from '../archive/database';
import type { ParsedQuery } from './queryParser';

/**
 * Did-you-mean spellings for a search. The seam for a later version (likely an fts5vocab table
 * and an edit-distance pass over the indexed terms); today it offers nothing.
 */
export function suggestSpellings(_db: Db, _query: ParsedQuery, _total: number): string[] {
  return [];
}
