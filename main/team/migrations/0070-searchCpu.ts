/**
 * Less server CPU per search (docs/team-archive.md, issue 16's target of p95 < 100 ms at 50 searchers).
 *
 * 1. Snippets from a window around the first match instead of the whole body. ts_headline parses the text it is given, word by word through the text search configuration,
 * before it looks for the query: over a whole ~3 KB article that was 0.5–0.7 ms of server CPU per
 * hit, 11–15 ms of the ~25 ms a search cost, and it grows with the body (a 100-page report costs
 * a parse of 100,000 characters per hit; past 100,000 characters the match was never found and
 * the snippet fell back to the opening).
 *
 * Now each alternative of the rank query (a word, a prefix, a phrase: precis_query_patterns) is a
 * regular expression over the body folded as the index folds it (lower case, unaccented), words
 * whole, a phrase's words one after the other; a regular expression over folded text costs far
 * less than the parser. Around the first match, a window of about 600 characters, cut to whole
 * words, is given to ts_headline with the same options as before, so a snippet keeps its shape:
 * up to 30 words, the match marked with U+E000/U+E001 (for one word, the same snippet as before).
 *  - The headline counts only if it matches the query itself (a phrase's words marked apart do
 *    not); otherwise ts_headline runs over the body as before: correct, only slower.
 *  - No alternative found in the body and the title matches: the body's opening (400 characters,
 *    cut by the search as the local engine cuts it), as before, without a parse.
 *  - No alternative found and the title does not match (a word the folding here misses): the
 *    whole-body headline again.
 * Same columns, same grants (CREATE OR REPLACE keeps them), still SECURITY DEFINER under the
 * session's row-level security. Only functions change: nothing is read or rewritten.
 *
 * 2. A tag filter found through an index. `tag:defence` compared each tag row folded
 * (lower(unaccent()), spaces made one) with the value, so every source's tags were read, each
 * behind source_tags' row-level security check (a probe of sources per row): 830 ms at 1M. Now the
 * folded tag is a stored column with a b-tree index (in "C" order, for prefixes). Comparing text is
 * leakproof, so under row-level security PostgreSQL may use the index and check only the rows it
 * finds. precis_fold_tag names its dictionary, so it can be declared IMMUTABLE, as a stored column
 * needs; changing unaccent's rules would call for a REINDEX and an UPDATE of the column.
 * The column is added by rewriting source_tags, which is small (1–3 rows per tagged source: about
 * 30,000 rows at 1M sources, a second or two).
 */
export const sql = `
-- The rank query's alternatives (it ORs them) as regular expressions over folded text: a phrase
-- as its words one after another, anything else as its words each.
CREATE FUNCTION precis_query_patterns(query tsquery) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public AS $$
DECLARE
  lexeme constant text := '''((?:[^'']|'''')+)''(:\\*)?';
  -- Spelled out rather than \\m, which counts an underscore as a letter, as the parser does not.
  word_start constant text := '(?:^|[^[:alnum:]])';
  alternative text;
  match text[];
  word text;
  parts text[];
  words text[];
  patterns text[] := '{}';
BEGIN
  FOREACH alternative IN ARRAY string_to_array(query::text, ' | ') LOOP
    words := '{}';
    parts := '{}';
    FOR match IN SELECT regexp_matches(alternative, lexeme, 'g') LOOP
      word := replace(match[1], '''''', '''');
      -- The parser gives a hyphenated word, then each of its parts at the next positions: the
      -- text holds the word once.
      IF parts[1] = word THEN
        parts := parts[2:];
        CONTINUE;
      END IF;
      parts := CASE WHEN word LIKE '%-%' THEN string_to_array(word, '-') ELSE '{}' END;
      words := words || (regexp_replace(word, '([^[:alnum:]])', '\\\\\\1', 'g')
        || CASE WHEN match[2] IS NOT NULL OR word !~ '[[:alnum:]]$' THEN '' ELSE '(?=[^[:alnum:]]|$)' END);
    END LOOP;
    IF cardinality(words) = 0 THEN CONTINUE; END IF;
    IF alternative ~ ('^' || lexeme || '( <-> ' || lexeme || ')*$') THEN
      patterns := patterns || (word_start || array_to_string(words, '[^[:alnum:]]+'));
    ELSE
      patterns := patterns || (SELECT array_agg(word_start || w) FROM unnest(words) w);
    END IF;
  END LOOP;
  RETURN patterns;
END $$;

CREATE OR REPLACE FUNCTION precis_snippets(ids bigint[], query tsquery) RETURNS TABLE (id bigint, snippet text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  options constant text := 'StartSel=' || chr(57344) || ', StopSel=' || chr(57345)
    || ', MaxWords=30, MinWords=12, MaxFragments=1';
  patterns constant text[] := CASE WHEN query IS NULL THEN '{}' ELSE precis_query_patterns(query) END;
  source record;
  found_at integer;
  start integer;
  piece text;
  headline text;
BEGIN
  FOR source IN SELECT s.id, s.body, query IS NOT NULL AND s.title_vector @@ query AS in_title
                FROM sources s WHERE s.id = ANY (ids) LOOP
    headline := NULL;
    SELECT min(nullif(regexp_instr(f.folded, p), 0)) INTO found_at
      FROM unnest(patterns) p, (SELECT lower(unaccent(left(source.body, 1000000))) AS folded) f;
    IF found_at IS NOT NULL THEN
      start := greatest(1, found_at - 300);
      piece := substr(source.body, start, 600);
      -- Whole words only: drop what the window's edges cut.
      IF start > 1 THEN piece := regexp_replace(piece, '^\\S*\\s+', ''); END IF;
      IF start + 600 <= length(source.body) THEN piece := regexp_replace(piece, '\\s+\\S*$', ''); END IF;
      headline := ts_headline('precis', piece, query, options);
      -- Marked words that are not the match (a phrase's words apart) do not make a snippet.
      IF NOT to_tsvector('precis', replace(replace(headline, chr(57344), ''), chr(57345), '')) @@ query THEN
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
REVOKE ALL ON FUNCTION precis_query_patterns FROM PUBLIC;

-- As main/team/teamFilters.ts's foldTag (shared/text.ts's foldForComparison, spaces made one).
CREATE FUNCTION precis_fold_tag(tag text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN pg_catalog.regexp_replace(pg_catalog.lower(public.unaccent('public.unaccent'::regdictionary, tag)), '\\s+', ' ', 'g');
ALTER TABLE source_tags ADD COLUMN folded text GENERATED ALWAYS AS (precis_fold_tag(tag)) STORED;
CREATE INDEX source_tags_folded ON source_tags ((folded COLLATE "C"), source_id);
ANALYZE source_tags;
`;
