import type { Db } from '../database';

/** Briefing notes. `content` is the editor's serialized state as JSON text. */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE briefs (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      content TEXT NOT NULL CHECK (json_valid(content)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- The brief list is always shown most recently updated first.
    CREATE INDEX briefs_updated_at ON briefs (updated_at DESC, id DESC);
  `);
}
