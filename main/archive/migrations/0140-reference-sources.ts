import type { Db } from '../database';

/**
 * Sources that come from a reference manager (Zotero's CSL-JSON, RIS or BibTeX export;
 * main/interchange/):
 * - a new evidence kind, 'reference-manager': a value read from the analyst's own library. SQLite
 *   cannot change a CHECK in place, so source_provenance is rebuilt with the longer list and its
 *   rows copied over unchanged (the lists are written out, as in migration 90, because a migration
 *   must create the same schema forever; test/unit/archive/migration0140.test.ts checks them
 *   against shared/source.ts);
 * - a source with no text of its own (format 'reference', empty body): it can be cited but has
 *   nothing to quote. Its content_hash is 'reference:' and a digest of its metadata, so it never
 *   collides with a text's hash. An empty body adds nothing to the full-text index, so the FTS
 *   triggers need no change: such a source is found by its title, author or outlet only.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE source_provenance_0140 (
      source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
      field TEXT NOT NULL CHECK (field IN ('title', 'outlet', 'author', 'publishedAt', 'language', 'url')),
      evidence TEXT NOT NULL CHECK (evidence IN ('user', 'reference-manager', 'meta-tag', 'json-ld',
        'front-matter', 'wire-header', 'byline', 'dateline', 'printed-date', 'cover-page', 'headline',
        'document-property', 'text', 'legacy', 'property-date', 'first-sentence', 'file-name', 'none')),
      PRIMARY KEY (source_id, field)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO source_provenance_0140 (source_id, field, evidence)
      SELECT source_id, field, evidence FROM source_provenance;
    DROP TABLE source_provenance;
    ALTER TABLE source_provenance_0140 RENAME TO source_provenance;

    -- A source with no text must say so: only a 'reference' may have an empty body.
    CREATE TRIGGER sources_empty_body_is_reference BEFORE INSERT ON sources
      WHEN new.body = '' AND new.format <> 'reference'
    BEGIN
      SELECT RAISE(ABORT, 'only a reference source may have no text');
    END;
  `);
}
