import { type Db, prepareCached } from '../archive/database';
import { ftsTokens, isCountable } from './ftsTokens';
import { andGroups, phraseGroups, type RankingPhrase, rankingPhrases, WEIGHTLESS_PHRASE } from './matchPhrases';
import { type CountablePhrase, countIn } from './phraseCounts';

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
export function textDateWalk(db: Db, match: string, budget: number, wanted: number): number[] | null {
  const phrases = rankingPhrases(match);
  const groups = phraseGroups(match, phrases.length);
  // A single word's probe is one seek in one doclist (~20–35 µs at 1M), no dearer than reading a
  // source's text: `government` by date took 9–11 ms by probes, 15–22 by reading.
  if (groups === null || !phrases.some((phrase) => phrase.words.length > 1)) return null;

  // Read in stretches that double from 32: one read as long as the share predicts overshoots
  // (at 1M, `"the state"` by date: 5 ms in stretches from 32, 11 ms in one of 316).
  return walkReading(db, match, budget, wanted, { columns: 'title, body', chunk: 32 }, ([title, body]) =>
    matches(title as string, body as string, phrases, groups),
  );
}

/**
 * The walk both kinds share: the first `budget` sources in the page's order (`published_at DESC,
 * id DESC`, an index-only walk, ~0.1 µs an entry), their `columns` read in stretches that double
 * from `chunk`, each source decided from them by `decide`, or by an FTS5 probe when that says null.
 * Returns the first `wanted` matches, in that order.
 */
function walkReading(
  db: Db,
  match: string,
  budget: number,
  wanted: number,
  read: { columns: string; chunk: number },
  decide: (columns: unknown[]) => boolean | null,
): number[] {
  const order = prepareCached(
    db,
    `SELECT id FROM sources INDEXED BY sources_published_at ORDER BY published_at DESC, id DESC LIMIT ?`,
  )
    .pluck()
    .all(budget) as number[];
  const rows = prepareCached(
    db,
    `SELECT id, ${read.columns} FROM sources WHERE id IN (SELECT value FROM json_each(?))`,
  ).raw();
  const probe = prepareCached(
    db,
    'SELECT 1 FROM sources_fts WHERE sources_fts MATCH ? AND sources_fts.rowid = CAST(? AS INTEGER)',
  ).pluck();
  const found: number[] = [];
  let chunk = read.chunk;
  for (let from = 0; from < order.length && found.length < wanted; from += chunk, chunk *= 2) {
    const ids = order.slice(from, from + chunk);
    const byId = new Map<number, unknown[]>();
    for (const [id, ...columns] of rows.all(JSON.stringify(ids)) as [number, ...unknown[]][]) byId.set(id, columns);
    for (const id of ids) {
      const columns = byId.get(id);
      if (columns === undefined) continue;
      if (decide(columns) ?? probe.get(match, id) !== undefined) {
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

/** A member of a query of weightless columns alone: `outlet : "canadian press"`, `language : "en"`. */
const COLUMN_MEMBER = new RegExp(`^${WEIGHTLESS_PHRASE.source}$`);

type FilterColumn = 'outlet' | 'author' | 'language';

interface ColumnPhrase {
  column: FilterColumn;
  phrase: CountablePhrase;
}

/**
 * The date walk of a query of outlet:, author: and lang: phrases alone (`outlet:reuters`,
 * `outlet:"canadian press" lang:en`), deciding each source it passes from those columns, read from
 * the start of its row (they come before the body, so no overflow page is read): ~2 µs a source
 * at 1,000,000 sources, where an FTS5 probe costs ~20–35 µs and listing every match ~0.2 µs a
 * match (`outlet:reuters`, ~70,000 matches there, listed them all: 8 ms). A source whose column
 * holds text counting is not trusted for is probed by FTS5. The same first `budget` sources are
 * seen in the same order, and each is decided as FTS5 decides it, so the walk's proof holds
 * (docs/search.md, "Sorting by date"). Null when the query is not of that shape.
 */
export function columnDateWalk(db: Db, match: string, budget: number, wanted: number): number[] | null {
  const groups = columnGroups(match);
  if (groups === null) return null;
  return walkReading(db, match, budget, wanted, { columns: 'outlet, author, language', chunk: 64 }, (columns) => {
    const [outlet, author, language] = columns as (string | null)[];
    return columnsMatch({ outlet: outlet!, author: author!, language: language! }, groups);
  });
}

function columnGroups(match: string): ColumnPhrase[][] | null {
  const groups = andGroups(match);
  if (groups === null) return null;
  const out: ColumnPhrase[][] = [];
  for (const group of groups) {
    const members: ColumnPhrase[] = [];
    for (const member of group) {
      const parts = COLUMN_MEMBER.exec(member);
      if (parts === null) return null;
      const words = ftsTokens(parts[2]!.replace(/""/g, '"'));
      if (words.length === 0) return null;
      members.push({ column: parts[1] as FilterColumn, phrase: { words, prefix: parts[3] === '*' } });
    }
    out.push(members);
  }
  return out;
}

/** Whether every AND group has a phrase in its column; null when a column's text is not countable here. */
function columnsMatch(row: Record<FilterColumn, string | null>, groups: ColumnPhrase[][]): boolean | null {
  for (const column of ['outlet', 'author', 'language'] as const) {
    const text = row[column];
    if (text !== null && !isCountable(text)) return null;
  }
  return groups.every((group) =>
    group.some(({ column, phrase }) => countIn({ title: row[column] ?? '', body: '' }, phrase)[0] > 0),
  );
}
