import type { Db } from '../database';

/**
 * Revisions of a source's metadata, so two edits of one source cannot silently overwrite each
 * other (the archive interface's updateMetadata states the revision it was based on), and the
 * local copies of team-archive sources that briefs cite, so a brief opens and exports offline.
 *
 * A team source a brief cites is copied into the local archive as an ordinary source (text,
 * metadata, marking), and team_source_cache maps (archive, team id) to that copy: the brief cites
 * the copy's id, stable and local, so it opens and exports with the server out of reach.
 *
 * The revision lives beside sources, not in it: a column on sources would rewrite the FTS row on
 * every bump. A trigger bumps it on any change of an editable field, by whatever path (Edit
 * details, a re-import with better evidence, a reference manager), so no writer can forget it.
 * A source with no row is at revision 1.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE source_revisions (
      source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
      revision INTEGER NOT NULL CHECK (revision >= 2)
    ) STRICT;
    CREATE TRIGGER sources_metadata_revision
    AFTER UPDATE OF title, outlet, author, published_at, url, language, reliability, credibility, classification
    ON sources
    BEGIN
      INSERT INTO source_revisions (source_id, revision) VALUES (new.id, 2)
      ON CONFLICT (source_id) DO UPDATE SET revision = revision + 1;
    END;
    CREATE TABLE team_source_cache (
      archive TEXT NOT NULL CHECK (length(archive) BETWEEN 1 AND 1000),
      team_id INTEGER NOT NULL CHECK (team_id > 0),
      source_id INTEGER NOT NULL REFERENCES sources (id),
      cached_at TEXT NOT NULL,
      PRIMARY KEY (archive, team_id)
    ) STRICT;
    CREATE INDEX team_source_cache_source ON team_source_cache (source_id);
  `);
}
