import type { Db } from '../database';

/**
 * Lets `insertSources` index a statement's rows in one go: while `sources_fts_filling` holds its
 * one row, the insert trigger leaves new rows to the caller, which adds them to `sources_fts` with
 * one `INSERT … SELECT` after its INSERT (main/archive/sources.ts). The row is set and removed
 * inside the caller's savepoint, so no other connection ever sees it and a failure takes it back
 * with the rows: every other writer's rows are indexed by the trigger as before.
 *
 * Why: FTS5 called from the trigger, once a row between the row's own writes, cost the import's
 * writer 3–8% more than the same rows indexed together (docs/search.md, "Where the writer's time
 * goes now").
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE sources_fts_filling (
      filling INTEGER PRIMARY KEY CHECK (filling = 1)
    ) STRICT;

    DROP TRIGGER sources_fts_after_insert;
    CREATE TRIGGER sources_fts_after_insert AFTER INSERT ON sources
      WHEN NOT EXISTS (SELECT 1 FROM sources_fts_filling)
    BEGIN
      INSERT INTO sources_fts (rowid, title, body, outlet, author, language)
      VALUES (new.id, new.title, new.body, new.outlet, new.author, new.language);
    END;
  `);
}
