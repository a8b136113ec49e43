import type { Db } from '../database';

/**
 * What a reference manager's entry says that a source's own fields cannot hold, kept so that a
 * library goes out as it came in (main/interchange/referenceDetails.ts):
 * - `issued`: a date less precise than a day ("2024", "2024-03"); published_at holds full days only;
 * - `doi`: the DOI itself ("10.1234/x"), apart from the URL;
 * - `item_type`: the entry's CSL type ("article-journal", "book"…), which the archive would
 *   otherwise guess from the title and outlet.
 * One row per source that has any of them; it goes with its source.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE reference_details (
      source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
      issued TEXT CHECK (issued IS NULL OR issued GLOB '[0-9][0-9][0-9][0-9]'
        OR issued GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
      doi TEXT CHECK (doi IS NULL OR (doi GLOB '10.*/*' AND length(doi) <= 300)),
      item_type TEXT CHECK (item_type IS NULL OR item_type GLOB '[a-z]*' AND length(item_type) <= 40),
      CHECK (issued IS NOT NULL OR doi IS NOT NULL OR item_type IS NOT NULL)
    ) STRICT;
  `);
}
