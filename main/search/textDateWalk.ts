import { type Db, prepareCached } from '../archive/database';
import { phraseGroups, type RankingPhrase, rankingPhrases } from './exactRanking';
import { isCountable } from './ftsTokens';
import { countIn } from './phraseCounts';

/**
 * The date walk of a query of {title body} phrases alone, one at least of several words
 * (`"the state"`, `"foreign policy" OR treaty`), deciding each source it passes from its own
 * title and body rather than by an FTS5 probe.
 *
 * A probe (`sources_fts MATCH ? AND rowid = ?`) parses the MATCH again and seeks each phrase's
 * doclist in every segment: ~100 µs for `"the state"` at 1,000,000 sources, whose "the" is in
 * every source. Reading a source's title and body costs ~17 µs, and counting a phrase in them
 * a few more: the same counting the exact ranking trusts (phraseCounts.ts, ftsTokens.ts). A source
 * whose text holds characters that counting is not trusted for (ftsTokens' `isCountable`) is
 * probed by FTS5, as before.
 *
 * Returns the first `wanted` matches among the first `budget` sources in the page's order
 * (`published_at DESC, id DESC`, undated last), in that order: fewer when the stretch holds fewer,
 * and the caller falls back exactly as for the probing walk (docs/search.md, "Sorting by date").
 * Null when the query is not of that shape.
 */
export function textDateWalk(
  db: Db,
  condition: string,
  params: unknown[],
  budget: number,
  wanted: number,
): number[] | null {
  if (condition !== 'sources_fts MATCH ?' || typeof params[0] !== 'string') return null;
  const match = params[0];
  const phrases = rankingPhrases(match);
  const groups = phraseGroups(match, phrases.length);
  // A single word's probe is one seek in one doclist (~20–35 µs at 1M), no dearer than reading a
  // source's text: `government` by date took 9–11 ms by probes, 15–22 by reading.
  if (groups === null || !phrases.some((phrase) => phrase.words.length > 1)) return null;

  // Ids in the page's order: an index-only walk (~0.1 µs an entry).
  const order = prepareCached(
    db,
    `SELECT id FROM sources INDEXED BY sources_published_at ORDER BY published_at DESC, id DESC LIMIT ?`,
  )
    .pluck()
    .all(budget) as number[];
  const texts = prepareCached(
    db,
    'SELECT id, title, body FROM sources WHERE id IN (SELECT value FROM json_each(?))',
  ).raw();
  const probe = prepareCached(
    db,
    'SELECT 1 FROM sources_fts WHERE sources_fts MATCH ? AND sources_fts.rowid = CAST(? AS INTEGER)',
  ).pluck();

  const found: number[] = [];
  // Read in stretches that double from 32: one read as long as the share predicts overshoots
  // (at 1M, `"the state"` by date: 5 ms in stretches from 32, 11 ms in one of 316).
  let chunk = 32;
  for (let from = 0; from < order.length && found.length < wanted; from += chunk, chunk *= 2) {
    const ids = order.slice(from, from + chunk);
    const byId = new Map<number, [string, string]>();
    for (const [id, title, body] of texts.all(JSON.stringify(ids)) as [number, string, string][]) {
      byId.set(id, [title, body]);
    }
    for (const id of ids) {
      const row = byId.get(id);
      if (row === undefined) continue;
      if (matches(row[0], row[1], phrases, groups) ?? probe.get(match, id) !== undefined) {
        found.push(id);
        if (found.length === wanted) break;
      }
    }
  }
  return found;
}

/** Whether every AND group has a phrase in the title or body; null when the text is not countable here. */
function matches(title: string, body: string, phrases: RankingPhrase[], groups: number[][]): boolean | null {
  if (!isCountable(title) || !isCountable(body)) return null;
  const text = { title, body };
  return groups.every((group) =>
    group.some((i) => {
      const [inTitle, inBody] = countIn(text, phrases[i]!);
      return inTitle + inBody > 0;
    }),
  );
}
