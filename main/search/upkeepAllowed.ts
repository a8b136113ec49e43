import type { Db } from '../archive/database';

const readOnlyUse = new WeakSet<Db>();

/**
 * Marks a connection as a read-only command's (main/core.ts, allowRepair: false): a search there
 * answers and leaves the archive as it was, without the upkeep it would schedule in the app.
 */
export function forbidUpkeep(db: Db): void {
  readOnlyUse.add(db);
}

/**
 * Whether a search may write its upkeep (the ranking index's catch-up, did-you-mean's word list)
 * on this connection: not on one opened read-only or marked by forbidUpkeep, so `precis search`
 * never writes; the app, `serve` and `import` do the upkeep.
 */
export function upkeepAllowed(db: Db): boolean {
  return db.open && !db.readonly && !readOnlyUse.has(db);
}
