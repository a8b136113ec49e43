import type { Db } from '../database';

/**
 * Lets the exact-ranking index (migration 0110) be rebuilt a little at a time, beside the app's
 * work, instead of in one transaction that holds the write lock for minutes at a million sources
 * (main/search/rankingIndexBuild.ts):
 * - search_rebuild: the build in progress, if any (its token, so that a second build started
 *   meanwhile makes the first one give up);
 * - search_rebuild_changed: every source inserted, edited or deleted since it started. The build
 *   reads sources in chunks, outside any long transaction; whatever changed after it read them
 *   is left unranked when it writes its lists, so the lists' invariant holds for all the others.
 * The triggers cost one look-up of an empty table per write when no build runs.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE search_rebuild (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      token TEXT NOT NULL,
      started_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE search_rebuild_changed (
      source_id INTEGER PRIMARY KEY
    ) STRICT;

    CREATE TRIGGER search_rebuild_after_insert AFTER INSERT ON sources
      WHEN EXISTS (SELECT 1 FROM search_rebuild)
    BEGIN
      INSERT OR IGNORE INTO search_rebuild_changed (source_id) VALUES (new.id);
    END;

    CREATE TRIGGER search_rebuild_after_update AFTER UPDATE OF id, title, body, outlet, author, language ON sources
      WHEN EXISTS (SELECT 1 FROM search_rebuild)
    BEGIN
      INSERT OR IGNORE INTO search_rebuild_changed (source_id) VALUES (old.id);
      INSERT OR IGNORE INTO search_rebuild_changed (source_id) VALUES (new.id);
    END;

    CREATE TRIGGER search_rebuild_after_delete AFTER DELETE ON sources
      WHEN EXISTS (SELECT 1 FROM search_rebuild)
    BEGIN
      INSERT OR IGNORE INTO search_rebuild_changed (source_id) VALUES (old.id);
    END;
  `);
}
