/**
 * Access by clearance, enforced by the database. Each analyst logs in as their own role, member
 * of precis_analyst; `clearances` gives each role its level. Row-level security (forced, so the
 * owner is bound too) hides every source above the session's clearance from every query, count
 * and search, and refuses to write one. Policies test `session_user`, the role that logged in:
 * inside the security-definer functions below `current_user` is the owner, and the clearance
 * that counts is still the analyst's.
 *
 * Analysts may read every column but the text (`body`, `original`); the text is read through
 * functions that record, in `audit_log`, each read or export of a classified source. The audit
 * rows are written by the database as the owner; analysts can neither write nor read them.
 */
export const sql = `
CREATE TABLE clearances (
  role_name text PRIMARY KEY,
  classification text NOT NULL REFERENCES classification_levels (name),
  granted_at timestamptz NOT NULL DEFAULT now(),
  granted_by text NOT NULL DEFAULT session_user
);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  role_name text NOT NULL DEFAULT session_user,
  action text NOT NULL CHECK (action IN ('read', 'export', 'compare')),
  source_id bigint NOT NULL,
  classification text NOT NULL
);
CREATE INDEX audit_log_source ON audit_log (source_id, at);

CREATE FUNCTION precis_level(classification text) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE classification
    WHEN 'UNCLASSIFIED' THEN 0 WHEN 'PROTECTED A' THEN 1 WHEN 'PROTECTED B' THEN 2 WHEN 'PROTECTED C' THEN 3
    WHEN 'CONFIDENTIAL' THEN 4 WHEN 'SECRET' THEN 5 WHEN 'TOP SECRET' THEN 6 ELSE 32767 END;

-- A role with no clearance row sees nothing (-1 is below UNCLASSIFIED).
CREATE FUNCTION precis_clearance() RETURNS smallint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  RETURN coalesce((SELECT precis_level(c.classification) FROM clearances c WHERE c.role_name = session_user), -1);

ALTER TABLE sources ENABLE ROW LEVEL SECURITY;
ALTER TABLE sources FORCE ROW LEVEL SECURITY;
CREATE POLICY sources_cleared ON sources
  USING (precis_level(classification) <= (SELECT precis_clearance()))
  WITH CHECK (precis_level(classification) <= (SELECT precis_clearance()));

ALTER TABLE source_tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE source_tags FORCE ROW LEVEL SECURITY;
CREATE POLICY source_tags_cleared ON source_tags USING (EXISTS (SELECT 1 FROM sources s WHERE s.id = source_id));

ALTER TABLE source_lsh_buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE source_lsh_buckets FORCE ROW LEVEL SECURITY;
CREATE POLICY source_lsh_buckets_cleared ON source_lsh_buckets
  USING (EXISTS (SELECT 1 FROM sources s WHERE s.id = source_id));

ALTER TABLE clearances ENABLE ROW LEVEL SECURITY;
ALTER TABLE clearances FORCE ROW LEVEL SECURITY;
-- Each role sees its own clearance; the owner (who grants them) sees all.
CREATE POLICY clearances_own ON clearances USING (
  role_name = session_user
  OR session_user = (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database())
);

-- The text of sources, audited. Each returns only what the session's clearance allows (RLS).
CREATE FUNCTION precis_read_sources(ids bigint[], audit_action text) RETURNS SETOF sources
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF audit_action NOT IN ('read', 'export', 'compare') THEN
    RAISE EXCEPTION 'unknown audit action %', audit_action;
  END IF;
  INSERT INTO audit_log (role_name, action, source_id, classification)
    SELECT session_user, audit_action, s.id, s.classification FROM sources s
    WHERE s.id = ANY (ids) AND s.classification <> 'UNCLASSIFIED';
  RETURN QUERY SELECT * FROM sources s WHERE s.id = ANY (ids);
END $$;

-- Search snippets: a few words around the matches (or the opening), never the whole text; not audited as reads.
CREATE FUNCTION precis_snippets(ids bigint[], query tsquery) RETURNS TABLE (id bigint, snippet text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT s.id, coalesce(ts_headline('precis', left(s.body, 100000), query,
    'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', MaxWords=30, MinWords=12, MaxFragments=1'),
    left(s.body, 400))
  FROM sources s WHERE s.id = ANY (ids)
$$;

DO $roles$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'precis_analyst') THEN CREATE ROLE precis_analyst NOLOGIN; END IF;
END $roles$;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON FUNCTION precis_read_sources, precis_snippets, precis_clearance FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO precis_analyst;
GRANT SELECT (id, title, outlet, author, published_at, language, url, content_hash, file_name, imported_at,
  imported_by, word_count, format, page_starts, ocr_pages, cluster_id, reliability, credibility, classification,
  provenance, revision, text_vector) ON sources TO precis_analyst;
GRANT INSERT (title, outlet, author, published_at, language, url, body, original, content_hash, file_name,
  word_count, format, page_starts, ocr_pages, cluster_id, classification, provenance) ON sources TO precis_analyst;
GRANT UPDATE (title, outlet, author, published_at, language, url, reliability, credibility, classification,
  provenance, revision) ON sources TO precis_analyst;
GRANT SELECT, INSERT, DELETE ON source_tags, source_lsh_buckets TO precis_analyst;
GRANT SELECT ON classification_levels, clearances TO precis_analyst;
GRANT EXECUTE ON FUNCTION precis_read_sources, precis_snippets, precis_clearance TO precis_analyst;
`;
