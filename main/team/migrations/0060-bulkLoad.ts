/**
 * What a fast bulk load of the team archive needs (docs/team-archive.md):
 *
 * 1. The text (`body`, `original`) and the weighted vector are stored compressed with lz4 rather
 * than pglz: a ~3 KB article compresses little either way, but pglz spends about three times the
 * CPU finding that out (measured: 1.8 s against 0.7 s of server CPU to store 10,000 sources), and
 * reading a vector back for ranking is faster too. New values only: nothing is rewritten, so this
 * costs nothing on a large archive. A server built without lz4 keeps pglz.
 *
 * 2. The did-you-mean counts (search_terms, PG migration 40) are upserted in word order. Two
 * statements that write sources at once (two loaders, or an import beside a title edit) each lock
 * the words they count; in the hash order of their grouping, each could hold a word the other
 * waits for, a deadlock. In one order, the second waits for the first to commit and goes on.
 */
export const sql = `
DO $lz4$ BEGIN
  ALTER TABLE sources ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN original SET COMPRESSION lz4,
    ALTER COLUMN text_vector SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'this server has no lz4: sources stay compressed with pglz';
END $lz4$;

CREATE OR REPLACE FUNCTION precis_terms_inserted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO search_terms (term, classification, docs)
  SELECT w, r.classification, count(*) FROM new_rows r, unnest(tsvector_to_array(r.text_vector)) w
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (term, classification) DO UPDATE SET docs = search_terms.docs + excluded.docs;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION precis_terms_deleted() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  -- UPDATE … FROM locks in join order: lock the words in word order first.
  PERFORM 1 FROM search_terms t
    JOIN (SELECT DISTINCT w AS term, r.classification FROM old_rows r, unnest(tsvector_to_array(r.text_vector)) w) d
      ON t.term = d.term AND t.classification = d.classification
    ORDER BY t.term, t.classification FOR UPDATE OF t;
  UPDATE search_terms t SET docs = t.docs - d.n
  FROM (SELECT w AS term, r.classification, count(*) AS n
        FROM old_rows r, unnest(tsvector_to_array(r.text_vector)) w GROUP BY 1, 2) d
  WHERE t.term = d.term AND t.classification = d.classification;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION precis_terms_updated() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  -- Only rows whose words or marking changed (a new title, a reclassification) move counts; the
  -- words they had and have are locked in word order first, as UPDATE … FROM locks in join order.
  PERFORM 1 FROM search_terms t
    JOIN (SELECT w AS term, o.classification
          FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(tsvector_to_array(o.text_vector)) w
          WHERE o.text_vector IS DISTINCT FROM n.text_vector OR o.classification IS DISTINCT FROM n.classification
          UNION
          SELECT w, n.classification
          FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(tsvector_to_array(n.text_vector)) w
          WHERE o.text_vector IS DISTINCT FROM n.text_vector OR o.classification IS DISTINCT FROM n.classification) d
      ON t.term = d.term AND t.classification = d.classification
    ORDER BY t.term, t.classification FOR UPDATE OF t;
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
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (term, classification) DO UPDATE SET docs = search_terms.docs + excluded.docs;
  RETURN NULL;
END $$;
`;
