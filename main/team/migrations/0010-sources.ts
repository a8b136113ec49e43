/**
 * The team archive's sources and their search index. `precis` is a text search configuration
 * like the local FTS5 index: no stemming, case folded, accents removed (unaccent), so
 * `securite` finds "sécurité" and the two engines match the same words. The title is weighted A
 * and the body D, so ts_rank puts a title match above a body match. The content hash is unique:
 * two analysts importing one file at once get one source and one duplicate.
 */
export const sql = `
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION precis (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION precis
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
  WITH unaccent, simple;

CREATE TABLE classification_levels (
  name text PRIMARY KEY,
  level smallint NOT NULL UNIQUE
);
INSERT INTO classification_levels (name, level) VALUES
  ('UNCLASSIFIED', 0), ('PROTECTED A', 1), ('PROTECTED B', 2), ('PROTECTED C', 3),
  ('CONFIDENTIAL', 4), ('SECRET', 5), ('TOP SECRET', 6);

CREATE TABLE sources (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 2000),
  outlet text,
  author text,
  published_at text CHECK (published_at ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  language text,
  url text,
  body text NOT NULL,
  original text NOT NULL,
  content_hash text NOT NULL UNIQUE CHECK (length(content_hash) BETWEEN 1 AND 200),
  file_name text,
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by text NOT NULL DEFAULT session_user,
  word_count integer NOT NULL CHECK (word_count >= 0),
  format text NOT NULL,
  page_starts jsonb,
  ocr_pages jsonb,
  cluster_id bigint REFERENCES sources (id),
  reliability text CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
  credibility smallint CHECK (credibility BETWEEN 1 AND 6),
  classification text NOT NULL DEFAULT 'UNCLASSIFIED' REFERENCES classification_levels (name),
  provenance jsonb NOT NULL DEFAULT '{}',
  revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  -- tsvector positions stop at 16,383 and a tsvector at 1 MB: the first 500,000 characters are indexed.
  text_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('precis', title), 'A') || setweight(to_tsvector('precis', left(body, 500000)), 'D')
  ) STORED
);
CREATE INDEX sources_text ON sources USING gin (text_vector);
CREATE INDEX sources_cluster ON sources (cluster_id) WHERE cluster_id IS NOT NULL;
CREATE INDEX sources_published ON sources (published_at);
CREATE INDEX sources_imported ON sources (imported_at DESC, id DESC);

CREATE TABLE source_tags (
  source_id bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  tag text NOT NULL CHECK (length(tag) BETWEEN 1 AND 80),
  PRIMARY KEY (source_id, tag)
);
CREATE INDEX source_tags_tag ON source_tags (tag);

-- Near-duplicate candidates: each source's MinHash band buckets (main/archive/nearDuplicates.ts).
CREATE TABLE source_lsh_buckets (
  bucket bigint NOT NULL,
  source_id bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  PRIMARY KEY (bucket, source_id)
);
`;
