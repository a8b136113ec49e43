import type { Db } from '../archive/database';

/**
 * Whether a search may write its upkeep (the ranking index's catch-up, did-you-mean's word list)
 * on this connection. Not on one opened read-only, nor on one set `PRAGMA query_only`, as the
 * read-only commands' is (main/core.ts, allowRepair: false): `precis search` answers and exits
 * without writing; the app, `serve` and `import` do the upkeep.
 */
export function upkeepAllowed(db: Db): boolean {
  return db.open && !db.readonly && !db.pragma('query_only', { simple: true });
}
