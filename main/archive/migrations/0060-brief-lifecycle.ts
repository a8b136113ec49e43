import type { Db } from '../database';

/**
 * What a brief needs beyond its text to be managed over its life:
 * - classification: the security marking printed on every page of the export. The allowed values
 *   are written out rather than taken from shared/source.ts's CLASSIFICATIONS, because a
 *   migration must create the same schema forever; test/unit/archive/migration0060.test.ts checks
 *   that they still agree;
 * - language: 'en' or 'fr', which decides the template's headings and Word's proofing language;
 * - deleted_at: set while the brief is in the trash (nothing is ever deleted for real);
 * - brief_snapshots: the brief's history, one row per saved state. `title` and `content` are
 *   copied, not referenced, so a snapshot stays what it was when the brief changes.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE briefs ADD COLUMN classification TEXT NOT NULL DEFAULT 'UNCLASSIFIED'
      CHECK (classification IN ('UNCLASSIFIED', 'PROTECTED A', 'PROTECTED B', 'PROTECTED C',
                                'CONFIDENTIAL', 'SECRET', 'TOP SECRET'));
    ALTER TABLE briefs ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr'));
    ALTER TABLE briefs ADD COLUMN deleted_at TEXT;

    -- The trash is listed most recently deleted first, and holds few briefs.
    CREATE INDEX briefs_deleted_at ON briefs (deleted_at DESC, id DESC) WHERE deleted_at IS NOT NULL;

    CREATE TABLE brief_snapshots (
      id INTEGER PRIMARY KEY,
      brief_id INTEGER NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
      taken_at TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('auto', 'manual', 'export', 'before-restore')),
      title TEXT NOT NULL,
      content TEXT NOT NULL CHECK (json_valid(content)),
      word_count INTEGER NOT NULL CHECK (word_count >= 0)
    ) STRICT;

    -- A brief's history is always read newest first, and thinned per brief.
    CREATE INDEX brief_snapshots_by_brief ON brief_snapshots (brief_id, taken_at);
  `);
}
