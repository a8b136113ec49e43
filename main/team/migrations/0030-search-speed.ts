/**
 * What a fast team search needs (main/team/teamSearchPlan.ts):
 * - `title_vector`, the title alone: a common word's title matches are its best-ranked sources
 *   (ts_rank weighs the title ten times the body), and they are found from this column's small GIN
 *   index without reading the body's vector;
 * - `outlet_vector` and `author_vector`, what `outlet:` and `author:` match, stored and indexed:
 *   computing `to_tsvector` per row costs a pass over the table, and an index on that expression
 *   is out of an analyst's reach (to_tsvector is not leakproof; see below);
 * - the date order as one index (newest first, undated last, then newest id), walked from the top;
 * - GIN indexes without a pending list (fastupdate off): an import pays its index update at once,
 *   and no search has to scan a growing pending list.
 * Adding a stored column rewrites `sources` once: on a large archive run `team init` off-hours.
 * None of these GIN indexes serves an analyst unless the DBA marks `@@` leakproof (row-level
 * security otherwise forbids testing a match before the clearance): docs/team-archive.md.
 */
export const sql = `
ALTER TABLE sources ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (to_tsvector('precis', title)) STORED;
ALTER TABLE sources ADD COLUMN outlet_vector tsvector GENERATED ALWAYS AS (to_tsvector('precis', coalesce(outlet, ''))) STORED;
ALTER TABLE sources ADD COLUMN author_vector tsvector GENERATED ALWAYS AS (to_tsvector('precis', coalesce(author, ''))) STORED;
CREATE INDEX sources_title ON sources USING gin (title_vector) WITH (fastupdate = off);
CREATE INDEX sources_outlet ON sources USING gin (outlet_vector) WITH (fastupdate = off);
CREATE INDEX sources_author ON sources USING gin (author_vector) WITH (fastupdate = off);
ALTER INDEX sources_text SET (fastupdate = off);
CREATE INDEX sources_newest_published ON sources (published_at DESC NULLS LAST, id DESC);
GRANT SELECT (title_vector, outlet_vector, author_vector) ON sources TO precis_analyst;
`;
