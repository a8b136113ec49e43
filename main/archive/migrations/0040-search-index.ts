import type { Db } from '../database';

/**
 * The search index as the query language needs it (main/search/queryParser.ts):
 *
 * - sources_fts gains outlet, author and language columns, so `outlet:"canadian press"`,
 *   `author:joly` and `lang:fr` are column filters inside the one MATCH: accent- and
 *   case-insensitive like the text, and answered from the index instead of a scan of sources.
 *   Ranking gives those columns no weight and plain words never look at them.
 * - The update trigger now also fires when those columns are edited.
 * - 'rank' makes ORDER BY rank mean bm25 with the title ten times the body.
 * - hashsize: FTS5 writes what it has gathered as a new segment whenever its in-memory table
 *   passes this size. The 1 MB default makes a bulk import write many small segments and then
 *   merge them again; 16 MB (only used while a write transaction is open) writes a tenth as many.
 * - sources_vocab lists the indexed terms with their document counts, for did-you-mean;
 *   search_terms is a plain-table copy of it (an fts5vocab range read walks every posting list
 *   in the range, ~100 ms per initial letter at 100,000 sources), refreshed by
 *   main/search/suggestions.ts when the index has changed.
 * - sources_published_at serves "newest first" and after:/before: without sorting every match.
 *
 * The new table is filled from sources ('rebuild'), so an existing archive stays searchable.
 */
export function up(db: Db): void {
  db.exec(`
    DROP TRIGGER sources_fts_after_insert;
    DROP TRIGGER sources_fts_after_delete;
    DROP TRIGGER sources_fts_after_update;
    DROP TABLE sources_fts;

    CREATE VIRTUAL TABLE sources_fts USING fts5(
      title,
      body,
      outlet,
      author,
      language,
      content = 'sources',
      content_rowid = 'id',
      tokenize = "unicode61 remove_diacritics 2"
    );
    INSERT INTO sources_fts (sources_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 0.0, 0.0, 0.0)');
    INSERT INTO sources_fts (sources_fts, rank) VALUES ('hashsize', 16777216);

    CREATE TRIGGER sources_fts_after_insert AFTER INSERT ON sources BEGIN
      INSERT INTO sources_fts (rowid, title, body, outlet, author, language)
      VALUES (new.id, new.title, new.body, new.outlet, new.author, new.language);
    END;

    CREATE TRIGGER sources_fts_after_delete AFTER DELETE ON sources BEGIN
      INSERT INTO sources_fts (sources_fts, rowid, title, body, outlet, author, language)
      VALUES ('delete', old.id, old.title, old.body, old.outlet, old.author, old.language);
    END;

    -- Grading, tagging or clustering a source must not re-index its body.
    CREATE TRIGGER sources_fts_after_update AFTER UPDATE OF id, title, body, outlet, author, language ON sources BEGIN
      INSERT INTO sources_fts (sources_fts, rowid, title, body, outlet, author, language)
      VALUES ('delete', old.id, old.title, old.body, old.outlet, old.author, old.language);
      INSERT INTO sources_fts (rowid, title, body, outlet, author, language)
      VALUES (new.id, new.title, new.body, new.outlet, new.author, new.language);
    END;

    INSERT INTO sources_fts (sources_fts) VALUES ('rebuild');

    CREATE VIRTUAL TABLE sources_vocab USING fts5vocab(sources_fts, row);

    CREATE TABLE search_terms (
      term TEXT PRIMARY KEY,
      docs INTEGER NOT NULL CHECK (docs >= 0)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO search_terms (term, docs) SELECT term, doc FROM sources_vocab;

    CREATE INDEX sources_published_at ON sources (published_at);
  `);
}
