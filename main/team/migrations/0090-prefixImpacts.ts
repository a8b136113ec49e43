/**
 * A common prefix's best-ranked sources read in rank order, as migration 80 does for one word
 * (docs/team-archive.md, *Prefix impacts*).
 *
 * For a rank query of ONE prefix (`nucl*` is `'nucl':*`), ts_rank(text_vector, query, 0) is the
 * SUM over the source's lexemes that begin so of each lexeme's one-word score (PostgreSQL's
 * calc_rank_or: one query item, every vector entry it matches added up). A lexeme in the title
 * scores at least 0.608 alone (migration 80); a lexeme in the body only less than 0.1. So a source
 * with no such lexeme in its title scores less than 0.1 for each distinct lexeme of the prefix in
 * its body: under 0.6 with five or fewer. Stored here, one row per (prefix, source), are the
 * 3- and 4-letter prefixes of the source's lexemes for which the source scores 0.6 or more: every
 * prefix of a title lexeme (0.608 at least), and a body-only prefix only when six or more of the
 * source's distinct lexemes begin with it and ts_rank gives 0.6 or more. Any source not stored for
 * a prefix scores under 0.6, below every stored one: the head of the list, in (score, newest id)
 * order, is the head of ranking every match of the prefix.
 *
 * About 14 rows a source (a title's words give 3- and 4-letter prefixes, some shared). Same
 * row-level security and triggers as title_impacts: each row carries its source's marking under
 * the policy of sources, written as the owner by statement-level triggers, read-only for
 * analysts; a change of title, body or marking writes a source's rows again; TRUNCATE empties it.
 */
export const sql = `
-- The session's clearance, as every row-level security policy asks it (once per table a statement
-- reads: about ten times a search). As a SQL function with SECURITY DEFINER and SET it can be
-- neither inlined nor kept planned, so each statement planned its body again, clearances' own
-- policy included: about 0.3 ms of server CPU each time, measured. PL/pgSQL keeps the plan of its
-- query for the session: about 0.05 ms. Same query, same result; CREATE OR REPLACE keeps the grants
-- and the policies that call it.
CREATE OR REPLACE FUNCTION precis_clearance() RETURNS smallint
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN coalesce((SELECT precis_level(c.classification) FROM clearances c WHERE c.role_name = session_user), -1);
END $$;

-- Snippets at less CPU (migration 70's function, three changes; docs/team-archive.md, *Snippets*):
-- 1. The first match is looked for in the body as stored, case-insensitively, and only if none is
--    there in the body folded (lower(unaccent())): folding the whole body cost more than finding
--    the match, and only a word written with accents needs it.
-- 2. The marked window is checked against the query only when the query holds a phrase: for
--    words and prefixes OR'ed (a rank query has nothing else), any marked word matches it.
-- 3. The window is 400 characters (about 65 words) instead of 600, for a snippet of at most 30.
CREATE OR REPLACE FUNCTION precis_snippets(ids bigint[], query tsquery) RETURNS TABLE (id bigint, snippet text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  options constant text := 'StartSel=' || chr(57344) || ', StopSel=' || chr(57345)
    || ', MaxWords=30, MinWords=12, MaxFragments=1';
  patterns constant text[] := CASE WHEN query IS NULL THEN '{}' ELSE precis_query_patterns(query) END;
  -- A phrase operator (<->, <N>); a lexeme holding '<' only costs the check.
  phrased constant boolean := strpos(query::text, '<') > 0;
  source record;
  found_at integer;
  start integer;
  piece text;
  headline text;
BEGIN
  FOR source IN SELECT s.id, s.body, query IS NOT NULL AND s.title_vector @@ query AS in_title
                FROM sources s WHERE s.id = ANY (ids) LOOP
    headline := NULL;
    found_at := NULL;
    IF cardinality(patterns) > 0 THEN
      SELECT min(nullif(regexp_instr(source.body, p, 1, 1, 0, 'i'), 0)) INTO found_at FROM unnest(patterns) p;
      IF found_at IS NULL THEN
        SELECT min(nullif(regexp_instr(f.folded, p), 0)) INTO found_at
          FROM unnest(patterns) p, (SELECT lower(unaccent(left(source.body, 1000000))) AS folded) f;
      END IF;
    END IF;
    IF found_at IS NOT NULL THEN
      start := greatest(1, found_at - 200);
      piece := substr(source.body, start, 400);
      -- Whole words only: drop what the window's edges cut.
      IF start > 1 THEN piece := regexp_replace(piece, '^\\S*\\s+', ''); END IF;
      IF start + 400 <= length(source.body) THEN piece := regexp_replace(piece, '\\s+\\S*$', ''); END IF;
      headline := ts_headline('precis', piece, query, options);
      -- Marked words that are not the match (a phrase's words apart) do not make a snippet.
      IF phrased AND NOT to_tsvector('precis', replace(replace(headline, chr(57344), ''), chr(57345), '')) @@ query THEN
        headline := NULL;
      END IF;
    END IF;
    IF headline IS NULL AND query IS NOT NULL AND NOT (found_at IS NULL AND source.in_title) THEN
      headline := ts_headline('precis', left(source.body, 100000), query, options);
    END IF;
    id := source.id;
    snippet := CASE WHEN strpos(headline, chr(57344)) > 0 THEN headline ELSE left(source.body, 400) END;
    RETURN NEXT;
  END LOOP;
END $$;

-- A prefix as a tsquery prefix lexeme ('nucl':*), quoted as tsquery input quotes.
CREATE FUNCTION precis_prefix_query(prefix text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ('''' || replace(replace(prefix, '\\', '\\\\'), '''', '''''') || ''':*')::tsquery
$$;

-- The (prefix, score) rows of one source: see above for which are kept.
CREATE FUNCTION precis_prefix_rows(vector tsvector, title tsvector) RETURNS TABLE (prefix text, score real)
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT p.prefix, r.score
  FROM (SELECT left(w, n) AS prefix, count(*) AS lexemes
        FROM unnest(tsvector_to_array(vector)) w, (VALUES (3), (4)) k(n)
        WHERE char_length(w) >= n GROUP BY 1) p,
       LATERAL (SELECT EXISTS (SELECT 1 FROM unnest(tsvector_to_array(title)) t
                               WHERE left(t, char_length(p.prefix)) = p.prefix) AS titled) h,
       LATERAL (SELECT ts_rank(vector, precis_prefix_query(p.prefix), 0) AS score) r
  -- In this order: ts_rank runs only for a title's prefixes and those of six lexemes or more.
  WHERE CASE WHEN h.titled THEN true WHEN p.lexemes >= 6 THEN r.score >= 0.6 ELSE false END
$$;

CREATE TABLE prefix_impacts (
  prefix text NOT NULL,
  source_id bigint NOT NULL,
  score real NOT NULL,
  -- The source's marking, copied by the triggers (sources checks it against classification_levels).
  classification text NOT NULL
);
ALTER TABLE prefix_impacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY prefix_impacts_cleared ON prefix_impacts
  USING (precis_level(classification) <= (SELECT precis_clearance()));
GRANT SELECT ON prefix_impacts TO precis_analyst;

CREATE FUNCTION precis_prefixes_inserted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO prefix_impacts (prefix, source_id, score, classification)
  SELECT p.prefix, r.id, p.score, r.classification
  FROM new_rows r, precis_prefix_rows(r.text_vector, r.title_vector) p;
  RETURN NULL;
END $$;

CREATE FUNCTION precis_prefixes_deleted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  DELETE FROM prefix_impacts t USING old_rows o WHERE t.source_id = o.id;
  RETURN NULL;
END $$;

CREATE FUNCTION precis_prefixes_updated() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  -- Only rows whose words or marking changed (a new title or body, a reclassification).
  DELETE FROM prefix_impacts t USING old_rows o JOIN new_rows n ON n.id = o.id
  WHERE t.source_id = o.id
    AND (o.text_vector IS DISTINCT FROM n.text_vector OR o.classification IS DISTINCT FROM n.classification);
  INSERT INTO prefix_impacts (prefix, source_id, score, classification)
  SELECT p.prefix, n.id, p.score, n.classification
  FROM old_rows o JOIN new_rows n ON n.id = o.id, precis_prefix_rows(n.text_vector, n.title_vector) p
  WHERE o.text_vector IS DISTINCT FROM n.text_vector OR o.classification IS DISTINCT FROM n.classification;
  RETURN NULL;
END $$;

CREATE FUNCTION precis_prefixes_truncated() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  TRUNCATE prefix_impacts;
  RETURN NULL;
END $$;

REVOKE ALL ON FUNCTION precis_prefixes_inserted, precis_prefixes_deleted, precis_prefixes_updated,
  precis_prefixes_truncated FROM PUBLIC;
CREATE TRIGGER sources_prefixes_inserted AFTER INSERT ON sources
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION precis_prefixes_inserted();
CREATE TRIGGER sources_prefixes_deleted AFTER DELETE ON sources
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION precis_prefixes_deleted();
CREATE TRIGGER sources_prefixes_updated AFTER UPDATE ON sources
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION precis_prefixes_updated();
CREATE TRIGGER sources_prefixes_truncated AFTER TRUNCATE ON sources
  FOR EACH STATEMENT EXECUTE FUNCTION precis_prefixes_truncated();

-- The backfill: every source, row-level security lifted for this transaction only (as migration 80).
ALTER TABLE sources NO FORCE ROW LEVEL SECURITY;
INSERT INTO prefix_impacts (prefix, source_id, score, classification)
SELECT p.prefix, s.id, p.score, s.classification
FROM sources s, precis_prefix_rows(s.text_vector, s.title_vector) p;
ALTER TABLE sources FORCE ROW LEVEL SECURITY;
-- Keyed by source first: the triggers delete a source's rows by its id alone.
ALTER TABLE prefix_impacts ADD PRIMARY KEY (source_id, prefix);
CREATE INDEX prefix_impacts_rank ON prefix_impacts (prefix, score DESC, source_id DESC);
ANALYZE prefix_impacts;
`;
