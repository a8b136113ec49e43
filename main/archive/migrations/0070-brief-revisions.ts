import type { Db } from '../database';

/**
 * Two windows on one brief must not overwrite each other silently:
 * - briefs.revision counts the brief's stored changes (1 for a new or existing brief). Every save
 *   states the revision it was based on; a save based on an older one is refused as a conflict.
 * - brief_snapshots gains the reason 'conflict': the text of a window whose save was refused,
 *   kept when the analyst takes the other window's version. SQLite cannot change a CHECK in place,
 *   so the table is rebuilt with its rows, ids and index as they were. The reasons are written out
 *   (not taken from shared/) because a migration must create the same schema forever;
 *   test/unit/archive/migration0070.test.ts checks that they still agree.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE briefs ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);

    CREATE TABLE brief_snapshots_0070 (
      id INTEGER PRIMARY KEY,
      brief_id INTEGER NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
      taken_at TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('auto', 'manual', 'export', 'before-restore', 'conflict')),
      title TEXT NOT NULL,
      content TEXT NOT NULL CHECK (json_valid(content)),
      word_count INTEGER NOT NULL CHECK (word_count >= 0)
    ) STRICT;
    INSERT INTO brief_snapshots_0070 (id, brief_id, taken_at, reason, title, content, word_count)
      SELECT id, brief_id, taken_at, reason, title, content, word_count FROM brief_snapshots;
    DROP TABLE brief_snapshots;
    ALTER TABLE brief_snapshots_0070 RENAME TO brief_snapshots;
    CREATE INDEX brief_snapshots_by_brief ON brief_snapshots (brief_id, taken_at);
  `);
}
