/**
 * Snippets from a window around the match instead of the whole body (docs/team-archive.md).
 *
 * ts_headline parses the text it is given, word by word through the text search configuration,
 * before it looks for the query: over a whole ~3 KB article that was 0.5–0.7 ms of server CPU per
 * hit, 11–15 ms of the ~25 ms a search cost, and it grows with the body (a 100-page report costs
 * a parse of 100,000 characters per hit; past 100,000 characters the match was never found and
 * the snippet fell back to the opening).
 *
 * Now: the query's lexemes are found in the body folded as the index folds it (lower case,
 * unaccented), as whole words (a prefix as a word start) by a regular expression, which is far
 * cheaper than the parser. The window is about 600 characters around the first occurrence of the
 * query word that occurs last (for a phrase or AND that is where all its words have been seen),
 * cut to whole words, and ts_headline marks the match there, with the same options as before, so
 * the snippet keeps its shape: up to 30 words, the match marked with U+E000/U+E001.
 *  - When the window holds no match (a phrase whose words occur apart first), ts_headline runs over
 *    the body as before: correct, only slower.
 *  - When no query word is in the body and the title matches, the snippet is the body's opening
 *    (400 characters, cut by the search as the local engine cuts it), as before, without a parse.
 *  - When no word is found yet the title does not match either (a word the folding here misses),
 *    the whole-body headline again.
 * Same columns, same grants (CREATE OR REPLACE keeps them), still SECURITY DEFINER under the
 * session's row-level security. Only the function changes: nothing is read or rewritten, so the
 * migration is instant on any archive.
 */
export const sql = `
CREATE OR REPLACE FUNCTION precis_snippets(ids bigint[], query tsquery) RETURNS TABLE (id bigint, snippet text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH lexemes AS (
    SELECT replace(m[1], '''''', '''') AS word, m[2] IS NOT NULL AS prefix
    FROM regexp_matches(query::text, '''((?:[^'']|'''')+)''(:\\*)?', 'g') m
  ), patterns AS (
    -- A word's edges are what the parser splits on, spelled out rather than \\m and \\M, which
    -- count an underscore as a letter.
    SELECT CASE WHEN word ~ '^[[:alnum:]]' THEN '(?:^|[^[:alnum:]])' ELSE '' END
      || regexp_replace(word, '([^[:alnum:]])', '\\\\\\1', 'g')
      || CASE WHEN prefix OR word !~ '[[:alnum:]]$' THEN '' ELSE '(?:[^[:alnum:]]|$)' END AS pattern
    FROM lexemes
  ), located AS (
    SELECT s.id, s.body, s.title_vector @@ query AS in_title,
      (SELECT max(nullif(regexp_instr(f.folded, p.pattern), 0)) FROM patterns p) AS at
    FROM sources s, LATERAL (SELECT lower(unaccent(left(s.body, 1000000))) AS folded) f
    WHERE s.id = ANY (ids) AND query IS NOT NULL
  ), windowed AS (
    SELECT l.*, greatest(1, l.at - 300) AS start,
      CASE WHEN l.at IS NULL THEN NULL ELSE substr(l.body, greatest(1, l.at - 300), 600) END AS piece
    FROM located l
  ), near AS (
    SELECT w.id, w.body, w.in_title, w.at,
      CASE WHEN w.piece IS NULL THEN NULL ELSE ts_headline('precis',
        regexp_replace(CASE WHEN w.start > 1 THEN regexp_replace(w.piece, '^\\S*\\s+', '') ELSE w.piece END,
          CASE WHEN w.start + 600 <= length(w.body) THEN '\\s+\\S*$' ELSE '$^' END, ''),
        query, 'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', MaxWords=30, MinWords=12, MaxFragments=1')
      END AS headline
    FROM windowed w
  ), chosen AS (
    SELECT n.id, n.body, CASE
      WHEN strpos(n.headline, chr(57344)) > 0 THEN n.headline
      WHEN n.at IS NULL AND n.in_title THEN left(n.body, 400)
      ELSE ts_headline('precis', left(n.body, 100000), query,
        'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', MaxWords=30, MinWords=12, MaxFragments=1')
    END AS headline
    FROM near n
  )
  SELECT c.id, CASE WHEN strpos(c.headline, chr(57344)) > 0 THEN c.headline ELSE left(c.body, 400) END FROM chosen c
  UNION ALL
  SELECT s.id, left(s.body, 400) FROM sources s WHERE s.id = ANY (ids) AND query IS NULL
$$;
`;
