import type { Db } from '../database';

/**
 * `PRAGMA application_id` marks the file as a Précis archive in its header (offset 68), so that
 * `file(1)` and Précis itself can tell it from another program's SQLite database whatever its
 * `user_version`. 0x50524353 is ASCII 'PRCS'. Written out here, not imported, because a migration
 * must do the same thing forever; migrations/index.ts checks against the same number.
 */
export function up(db: Db): void {
  db.pragma('application_id = 1347568467');
}
