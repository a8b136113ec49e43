import type { Db } from '../database';

/**
 * Departments' Word templates (.docx or .dotx reference documents), kept whole in the archive:
 * an export never reads a template from a path, which could have moved or changed since it was
 * chosen. The same file chosen twice is stored once (name and SHA-256). A brief points at its
 * template (NULL: the built-in style); the default for new briefs is the settings key
 * 'wordTemplateId'. Templates are never deleted, so an old revision's choice stays meaningful.
 * The 20 MB cap is written out rather than imported: a migration must create the same schema forever.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE word_templates (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 1000),
      content BLOB NOT NULL CHECK (length(content) BETWEEN 1 AND 20971520),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      added_at TEXT NOT NULL,
      UNIQUE (name, sha256)
    ) STRICT;
    ALTER TABLE briefs ADD COLUMN word_template_id INTEGER REFERENCES word_templates (id);
  `);
}
