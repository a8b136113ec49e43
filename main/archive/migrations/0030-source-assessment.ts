import type { Db } from '../database';

/**
 * What an analyst records about a source beyond its text, and what import learns about it:
 * - reliability (A–F) and credibility (1–6): the Admiralty code, empty until the analyst grades it;
 * - classification: the security marking of the source itself, UNCLASSIFIED unless changed;
 * - cluster_id: the source that heads its group of near-duplicates (syndicated copies, rewrites,
 *   translations); NULL means the source is its own cluster;
 * - format: what it was imported from (txt, md, html, docx, pdf);
 * - page_starts: for paginated originals (PDF), a JSON array of the body offset where each page
 *   begins, so a citation can give "p. 3".
 * Tags live in their own table so a source can carry any number of them.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE sources ADD COLUMN reliability TEXT CHECK (reliability IS NULL OR reliability IN ('A','B','C','D','E','F'));
    ALTER TABLE sources ADD COLUMN credibility INTEGER CHECK (credibility IS NULL OR credibility BETWEEN 1 AND 6);
    ALTER TABLE sources ADD COLUMN classification TEXT NOT NULL DEFAULT 'UNCLASSIFIED';
    ALTER TABLE sources ADD COLUMN cluster_id INTEGER REFERENCES sources (id) ON DELETE SET NULL;
    ALTER TABLE sources ADD COLUMN format TEXT NOT NULL DEFAULT 'txt';
    ALTER TABLE sources ADD COLUMN page_starts TEXT;

    CREATE INDEX sources_cluster ON sources (cluster_id) WHERE cluster_id IS NOT NULL;

    CREATE TABLE source_tags (
      source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
      tag TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 80),
      PRIMARY KEY (source_id, tag)
    ) STRICT, WITHOUT ROWID;

    CREATE INDEX source_tags_by_tag ON source_tags (tag, source_id);
  `);
}
