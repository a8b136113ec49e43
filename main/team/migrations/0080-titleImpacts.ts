/**
 * A common word's best-ranked sources read in rank order (docs/team-archive.md, *Title impacts*).
 *
 * Ranking is ts_rank(text_vector, query, 0). For a query whose rank query is ONE word, that score
 * depends on the source alone: the weights of the word's positions in order (title positions come
 * first, weight A = 1.0; body positions after, weight D = 0.1), with no corpus statistics. And a
 * source with the word in its title always outranks one with it in the body only: the title's
 * first occurrence alone gives at least 1.0 / 1.645 = 0.61, while body occurrences alone give at
 * most 0.1 (ts_rank's sum of w / j² is capped by the largest weight times π²/6, divided by π²/6).
 * So the top of a common word's ranking is the top of its title matches, and their scores can be
 * stored: one row per (word of a title, source) with that one-word score, indexed in rank order
 * (score, then newest id, as the search breaks ties). A one-word search reads its page from the
 * index head instead of ranking the newest 2,000 matches and 200 title matches.
 *
 * Only title words: about 8 rows a source (814,000 at 100,000 sources), not every word of every
 * body (about 250 a source). Row-level security: each row carries its source's classification
 * with the same policy as sources, and the search still joins every row it keeps to sources,
 * whose own policy filters it again. Written by statement-level triggers as the owner (as
 * search_terms, migration 40): analysts may only read it. Deletes and changes of title, body or
 * marking remove a source's rows and write them again; a TRUNCATE of sources empties it.
 */
export const sql = `
-- One lexeme as a tsquery, quoted as tsquery input quotes (the words are the index's own lexemes).
-- No SET clause: inlined where it is used (the triggers and the backfill call it once per title word).
CREATE FUNCTION precis_lexeme_query(term text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ('''' || replace(replace(term, '\\', '\\\\'), '''', '''''') || '''')::tsquery
$$;

CREATE TABLE title_impacts (
  term text NOT NULL,
  source_id bigint NOT NULL,
  score real NOT NULL,
  -- The source's marking, copied by the triggers (sources checks it against classification_levels).
  classification text NOT NULL
);
ALTER TABLE title_impacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY title_impacts_cleared ON title_impacts
  USING (precis_level(classification) <= (SELECT precis_clearance()));
GRANT SELECT ON title_impacts TO precis_analyst;

CREATE FUNCTION precis_impacts_inserted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO title_impacts (term, source_id, score, classification)
  SELECT w, r.id, ts_rank(r.text_vector, precis_lexeme_query(w), 0), r.classification
  FROM new_rows r, unnest(tsvector_to_array(r.title_vector)) w;
  RETURN NULL;
END $$;

CREATE FUNCTION precis_impacts_deleted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  DELETE FROM title_impacts t USING old_rows o, unnest(tsvector_to_array(o.title_vector)) w
  WHERE t.term = w AND t.source_id = o.id;
  RETURN NULL;
END $$;

CREATE FUNCTION precis_impacts_updated() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  -- Only rows whose words or marking changed (a new title or body, a reclassification).
  DELETE FROM title_impacts t USING old_rows o JOIN new_rows n ON n.id = o.id, unnest(tsvector_to_array(o.title_vector)) w
  WHERE t.term = w AND t.source_id = o.id
    AND (o.text_vector IS DISTINCT FROM n.text_vector OR o.classification IS DISTINCT FROM n.classification);
  INSERT INTO title_impacts (term, source_id, score, classification)
  SELECT w, n.id, ts_rank(n.text_vector, precis_lexeme_query(w), 0), n.classification
  FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(tsvector_to_array(n.title_vector)) w
  WHERE o.text_vector IS DISTINCT FROM n.text_vector OR o.classification IS DISTINCT FROM n.classification;
  RETURN NULL;
END $$;

-- TRUNCATE fires no delete trigger: without this, rows of sources gone would stay, and with
-- RESTART IDENTITY name the next sources given their ids.
CREATE FUNCTION precis_impacts_truncated() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  TRUNCATE title_impacts;
  RETURN NULL;
END $$;

REVOKE ALL ON FUNCTION precis_impacts_inserted, precis_impacts_deleted, precis_impacts_updated, precis_impacts_truncated
  FROM PUBLIC;
CREATE TRIGGER sources_impacts_inserted AFTER INSERT ON sources
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION precis_impacts_inserted();
CREATE TRIGGER sources_impacts_deleted AFTER DELETE ON sources
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION precis_impacts_deleted();
CREATE TRIGGER sources_impacts_updated AFTER UPDATE ON sources
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION precis_impacts_updated();
CREATE TRIGGER sources_impacts_truncated AFTER TRUNCATE ON sources
  FOR EACH STATEMENT EXECUTE FUNCTION precis_impacts_truncated();

-- The backfill: every source, row-level security lifted for this transaction only (as migration 40).
ALTER TABLE sources NO FORCE ROW LEVEL SECURITY;
INSERT INTO title_impacts (term, source_id, score, classification)
SELECT w, s.id, ts_rank(s.text_vector, precis_lexeme_query(w), 0), s.classification
FROM sources s, unnest(tsvector_to_array(s.title_vector)) w;
ALTER TABLE sources FORCE ROW LEVEL SECURITY;
-- Indexed once filled (cheaper than row by row). CREATE TRIGGER above holds off every write to
-- sources until this transaction ends, so nothing is missed in between.
ALTER TABLE title_impacts ADD PRIMARY KEY (term, source_id);
CREATE INDEX title_impacts_rank ON title_impacts (term, score DESC, source_id DESC);
ANALYZE title_impacts;
`;
