/**
 * What the team engine's search did not yet do as the local one does.
 *
 * 1. A snippet for a source that matched by its title only is the start of its body, cut as the
 * local archive cuts it (main/search/snippet.ts's leadSnippet: 200 characters and "…"). ts_headline
 * finding nothing in the body gives its first MinWords words instead, shorter and with no sign
 * that more follows; so when the headline holds no match, the function now returns the body's
 * first 400 characters and the search cuts them as it does locally. Same columns, same grants
 * (CREATE OR REPLACE keeps them).
 *
 * 2. Did-you-mean (main/team/teamSuggestions.ts) needs the archive's words with their document
 * counts, as the local search_terms copy of the FTS5 vocabulary. Here they are kept per
 * classification, so that row-level security hides a word found only in sources above the
 * analyst's clearance: a suggestion must not reveal what a search would not. Statement-level
 * triggers with transition tables keep the counts (one grouped upsert per statement, so a bulk
 * load or COPY pays once per statement, not per row); words whose count falls to 0 stay, unused.
 * The backfill reads every source, with row-level security lifted for this transaction only.
 */
export const sql = `
CREATE OR REPLACE FUNCTION precis_snippets(ids bigint[], query tsquery) RETURNS TABLE (id bigint, snippet text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT h.id, CASE WHEN strpos(h.headline, chr(57344)) > 0 THEN h.headline ELSE left(h.body, 400) END
  FROM (
    SELECT s.id, s.body, ts_headline('precis', left(s.body, 100000), query,
      'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', MaxWords=30, MinWords=12, MaxFragments=1') AS headline
    FROM sources s WHERE s.id = ANY (ids)
  ) h
$$;

CREATE TABLE search_terms (
  term text NOT NULL,
  classification text NOT NULL REFERENCES classification_levels (name),
  docs integer NOT NULL,
  PRIMARY KEY (term, classification)
);
CREATE INDEX search_terms_prefix ON search_terms ((term COLLATE "C"));
-- Not forced: the triggers write as the owner whoever changed sources (an analyst, the owner, a
-- DBA), and the owner, who may lift RLS on sources anyway, is the only role that may see every word.
ALTER TABLE search_terms ENABLE ROW LEVEL SECURITY;
CREATE POLICY search_terms_cleared ON search_terms
  USING (precis_level(classification) <= (SELECT precis_clearance()))
  WITH CHECK (precis_level(classification) <= (SELECT precis_clearance()));
GRANT SELECT ON search_terms TO precis_analyst;

CREATE FUNCTION precis_terms_inserted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO search_terms (term, classification, docs)
  SELECT w, r.classification, count(*) FROM new_rows r, unnest(tsvector_to_array(r.text_vector)) w GROUP BY 1, 2
  ON CONFLICT (term, classification) DO UPDATE SET docs = search_terms.docs + excluded.docs;
  RETURN NULL;
END $$;

CREATE FUNCTION precis_terms_deleted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  UPDATE search_terms t SET docs = t.docs - d.n
  FROM (SELECT w AS term, r.classification, count(*) AS n
        FROM old_rows r, unnest(tsvector_to_array(r.text_vector)) w GROUP BY 1, 2) d
  WHERE t.term = d.term AND t.classification = d.classification;
  RETURN NULL;
END $$;

CREATE FUNCTION precis_terms_updated() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  -- Only rows whose words or marking changed (a new title, a reclassification) move counts.
  UPDATE search_terms t SET docs = t.docs - d.n
  FROM (SELECT w AS term, o.classification, count(*) AS n
        FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(tsvector_to_array(o.text_vector)) w
        WHERE o.text_vector IS DISTINCT FROM n.text_vector OR o.classification IS DISTINCT FROM n.classification
        GROUP BY 1, 2) d
  WHERE t.term = d.term AND t.classification = d.classification;
  INSERT INTO search_terms (term, classification, docs)
  SELECT w, n.classification, count(*)
  FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(tsvector_to_array(n.text_vector)) w
  WHERE o.text_vector IS DISTINCT FROM n.text_vector OR o.classification IS DISTINCT FROM n.classification
  GROUP BY 1, 2
  ON CONFLICT (term, classification) DO UPDATE SET docs = search_terms.docs + excluded.docs;
  RETURN NULL;
END $$;

REVOKE ALL ON FUNCTION precis_terms_inserted, precis_terms_deleted, precis_terms_updated FROM PUBLIC;
CREATE TRIGGER sources_terms_inserted AFTER INSERT ON sources
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION precis_terms_inserted();
CREATE TRIGGER sources_terms_deleted AFTER DELETE ON sources
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION precis_terms_deleted();
CREATE TRIGGER sources_terms_updated AFTER UPDATE ON sources
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION precis_terms_updated();

ALTER TABLE sources NO FORCE ROW LEVEL SECURITY;
INSERT INTO search_terms (term, classification, docs)
SELECT w, s.classification, count(*) FROM sources s, unnest(tsvector_to_array(s.text_vector)) w GROUP BY 1, 2;
ALTER TABLE sources FORCE ROW LEVEL SECURITY;
`;
