import type { Db } from '../database';

/**
 * The source archive and its full-text index.
 *
 * `body` is the cleaned text that search and excerpt offsets use; `original` keeps the file as
 * imported so that no cleaning heuristic can lose what the user gave us. The FTS table stores no
 * text of its own (external content), so the triggers below are what keep it in step.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE sources (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      outlet TEXT,
      author TEXT,
      published_at TEXT CHECK (published_at IS NULL OR published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      language TEXT,
      url TEXT,
      body TEXT NOT NULL,
      original TEXT NOT NULL,
      content_hash TEXT NOT NULL UNIQUE,
      file_name TEXT,
      imported_at TEXT NOT NULL,
      word_count INTEGER NOT NULL CHECK (word_count >= 0)
    ) STRICT;

    CREATE INDEX sources_imported_at ON sources (imported_at);

    CREATE VIRTUAL TABLE sources_fts USING fts5(
      title,
      body,
      content = 'sources',
      content_rowid = 'id',
      tokenize = "unicode61 remove_diacritics 2"
    );

    CREATE TRIGGER sources_fts_after_insert AFTER INSERT ON sources BEGIN
      INSERT INTO sources_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
    END;

    CREATE TRIGGER sources_fts_after_delete AFTER DELETE ON sources BEGIN
      INSERT INTO sources_fts (sources_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END;

    -- Only the indexed columns matter; editing an outlet or author must not re-index the body.
    CREATE TRIGGER sources_fts_after_update AFTER UPDATE OF id, title, body ON sources BEGIN
      INSERT INTO sources_fts (sources_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
      INSERT INTO sources_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
    END;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `);
}
