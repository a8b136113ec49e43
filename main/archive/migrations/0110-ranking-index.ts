import type { Db } from '../database';

/**
 * The exact-ranking index beside sources_fts (main/search/rankingIndex.ts, docs/search.md):
 * for each word common enough that ranking all its matches would be slow, the sources where it
 * weighs most, so a search can rank a few hundred candidates and prove that no other source
 * could reach its first page.
 * - search_impact_terms: the words that have a list, each with its threshold: no source outside
 *   the list has a saturation (bm25's per-source factor, at the basis avgdl) above it.
 * - search_impacts: the listed sources, with the word's count in the title and in the body, and
 *   the source's length in tokens (FTS5's, all columns), so a search need not look it up.
 * - search_impact_basis: the average source length the thresholds were computed at.
 * - search_unranked: sources added or changed since the lists were made (the triggers put them
 *   there), which every search checks one by one until rankingIndex.ts has counted them, and
 *   sources whose text it cannot count exactly (`uncountable`), which stay.
 * sources_fts is left exactly as it was: it remains the reference ranking.
 * The lists start empty and every source unranked; until they are built, searches rank every
 * match, as they did before.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE search_impact_terms (
      term TEXT PRIMARY KEY,
      threshold REAL NOT NULL CHECK (threshold >= 0)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE search_impacts (
      term TEXT NOT NULL,
      source_id INTEGER NOT NULL,
      title_count INTEGER NOT NULL CHECK (title_count >= 0),
      body_count INTEGER NOT NULL CHECK (body_count >= 0),
      doc_length INTEGER NOT NULL CHECK (doc_length >= 0),
      PRIMARY KEY (term, source_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX search_impacts_by_source ON search_impacts (source_id);

    CREATE TABLE search_impact_basis (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      avgdl REAL NOT NULL CHECK (avgdl > 0),
      sources INTEGER NOT NULL CHECK (sources >= 0)
    ) STRICT;

    CREATE TABLE search_unranked (
      source_id INTEGER PRIMARY KEY,
      uncountable INTEGER NOT NULL DEFAULT 0 CHECK (uncountable IN (0, 1))
    ) STRICT;
    INSERT INTO search_unranked (source_id) SELECT id FROM sources;

    CREATE TRIGGER search_unranked_after_insert AFTER INSERT ON sources BEGIN
      INSERT OR REPLACE INTO search_unranked (source_id, uncountable) VALUES (new.id, 0);
    END;

    -- Every indexed column counts: outlet, author and language change a source's length.
    CREATE TRIGGER search_impacts_after_update AFTER UPDATE OF id, title, body, outlet, author, language ON sources BEGIN
      DELETE FROM search_impacts WHERE source_id = old.id;
      DELETE FROM search_unranked WHERE source_id = old.id;
      INSERT OR REPLACE INTO search_unranked (source_id, uncountable) VALUES (new.id, 0);
    END;

    CREATE TRIGGER search_impacts_after_delete AFTER DELETE ON sources BEGIN
      DELETE FROM search_impacts WHERE source_id = old.id;
      DELETE FROM search_unranked WHERE source_id = old.id;
    END;
  `);
}
