/**
 * A snippet for a source that matched by its title only is the start of its body, cut as the
 * local archive cuts it (main/search/snippet.ts's leadSnippet: 200 characters and "…"). ts_headline
 * finding nothing in the body gives its first MinWords words instead, shorter and with no sign
 * that more follows; so when the headline holds no match, the function now returns the body's
 * first 400 characters and the search cuts them as it does locally. Same columns, same grants
 * (CREATE OR REPLACE keeps them).
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
`;
