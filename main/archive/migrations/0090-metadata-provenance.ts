import type { Db } from '../database';

/**
 * Where each metadata field of a source came from (shared/source.ts, EVIDENCE_KINDS): one row per
 * source and field. The lists of fields and kinds are written out rather than imported, because
 * a migration must create the same schema forever; test/unit/archive/migration0090.test.ts checks
 * that they still agree with shared/source.ts.
 *
 * Sources already in the archive keep their values; what is known of those values is only that
 * they were there before evidence was recorded ('legacy'). Fields without a value get no row,
 * which reads as "no evidence".
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE source_provenance (
      source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
      field TEXT NOT NULL CHECK (field IN ('title', 'outlet', 'author', 'publishedAt', 'language', 'url')),
      evidence TEXT NOT NULL CHECK (evidence IN ('user', 'meta-tag', 'json-ld', 'front-matter', 'wire-header',
        'byline', 'dateline', 'printed-date', 'cover-page', 'headline', 'document-property', 'text', 'legacy',
        'property-date', 'first-sentence', 'file-name', 'none')),
      PRIMARY KEY (source_id, field)
    ) STRICT, WITHOUT ROWID;

    INSERT INTO source_provenance (source_id, field, evidence)
      SELECT id, 'title', 'legacy' FROM sources
      UNION ALL SELECT id, 'outlet', 'legacy' FROM sources WHERE outlet IS NOT NULL
      UNION ALL SELECT id, 'author', 'legacy' FROM sources WHERE author IS NOT NULL
      UNION ALL SELECT id, 'publishedAt', 'legacy' FROM sources WHERE published_at IS NOT NULL
      UNION ALL SELECT id, 'language', 'legacy' FROM sources WHERE language IS NOT NULL
      UNION ALL SELECT id, 'url', 'legacy' FROM sources WHERE url IS NOT NULL;
  `);
}
