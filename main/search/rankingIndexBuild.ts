import { type Db, prepareCached } from '../archive/database';
import { committed } from '../archive/writeErrors';
import { lazyCrypto } from '../lazyCrypto';
import { indexStats, lengthOf, saturation, weightedFrequency } from './bm25';
import { ftsTokens, isCountable } from './ftsTokens';
import { TopScores } from './topScores';

/**
 * Builds the lists of the exact-ranking index (rankingIndex.ts, migration 0110) a chunk of
 * sources at a time, so that a large archive's build never holds the write lock for long and
 * can run between the app's own work: `start` (a short write), `step` as often as needed (reads
 * only), `finish` (one short write of every list). Migration 0170's triggers record every source
 * inserted, edited or deleted after `start`; `finish` leaves those unranked, so invariant (I) of
 * docs/search.md holds: a source outside a word's list and not unranked was read by this build
 * as it still is, and scored at most the threshold. Until `finish`, the previous lists (if any)
 * stay in use and searches stay exact.
 */

export interface RankingIndexShape {
  /** Words in at least this many sources get a list. */
  minDocs: number;
  /** Sources kept per word among those without it in the title. */
  listLength: number;
  /**
   * At most this many sources with the word in the title are kept beside them (those above the
   * body-only threshold); 10 × listLength when not given.
   */
  titleCap?: number;
}

/**
 * The version of the lists' make-up that search_impact_basis.shape records (migration 0210):
 * 2 = the body-only list plus the title hits above its threshold. Lists of an older shape are
 * still exact and stay in use until a build replaces them.
 */
export const LISTS_SHAPE = 2;

/**
 * A word's two lists: the sources without it in the title (the `listLength` best, whose next
 * sets the body-only threshold θ'), and those with it (kept while above θ', at most `titleCap`).
 * Every source above the word's threshold max(θ', θ of the title hits past the cap) is listed:
 * the title counts ten times, so a common word's best sources are short titles holding it, and
 * a single list of 400 ends among them (θ 2.04–2.17 at 1M, too near saturation's 2.2 to prove a
 * phrase's page); the body-only θ' sits lower, and the title hits above it are few.
 */
interface WordLists {
  /** The listLength + 1 best without the word in the title (the extra one sets θ'). */
  body: TopScores;
  /** The titleCap + 1 best with it (those above θ' are kept, the extra one sets their θ). */
  title: TopScores;
}

/**
 * The rows a word's list keeps ([id, title count, body count, length]) and its threshold: no
 * source left out scores above it.
 */
function finalList(
  lists: WordLists,
  shape: RankingIndexShape,
): { rows: number[][]; scores: number[]; threshold: number } {
  const { listLength } = shape;
  const titleCap = titleCapOf(shape);
  const body = lists.body.sorted();
  const bodyThreshold = body.rows.length > listLength ? body.scores[listLength]! : 0;
  // Best first, so those above θ' are a prefix.
  const title = lists.title.sorted();
  const above = title.scores.findIndex((score) => score <= bodyThreshold);
  const titleAbove = above < 0 ? title.rows.length : above;
  const titleThreshold = titleAbove > titleCap ? title.scores[titleCap]! : 0;
  const keptTitles = Math.min(titleCap, titleAbove);
  return {
    rows: [...body.rows.slice(0, listLength), ...title.rows.slice(0, keptTitles)],
    scores: [...body.scores.slice(0, listLength), ...title.scores.slice(0, keptTitles)],
    threshold: Math.max(bodyThreshold, titleThreshold),
  };
}

const titleCapOf = (shape: RankingIndexShape): number => shape.titleCap ?? 10 * shape.listLength;

/**
 * A key's short list (the `listLength` best of its long list) and its threshold: a source left
 * out is either outside the long list (at most its threshold) or below the short list's last.
 */
function shortList(
  long: { rows: number[][]; scores: number[]; threshold: number },
  listLength: number,
): { rows: number[][]; threshold: number } {
  if (long.rows.length <= listLength) return long;
  const order = long.scores.map((_, i) => i).sort((a, b) => long.scores[b]! - long.scores[a]!);
  return {
    rows: order.slice(0, listLength).map((i) => long.rows[i]!),
    threshold: Math.max(long.threshold, long.scores[order[listLength]!]!),
  };
}

/** Title count × 2^26 + body count, for the listed words only: one map entry per word. */
export const TITLE_UNIT = 2 ** 26;

/**
 * Prefixes that get lists of their own, as `gov*`: every token that starts with them counts
 * (FTS5's prefix query `gov*` counts the same tokens), so a prefix query is driven by the list
 * of its first 3 or 4 letters, as a word by its own (docs/search.md, *Prefixes*).
 */
export const PREFIX_LENGTHS = [3, 4] as const;

export const prefixKey = (word: string, length: number): string => `${word.slice(0, length)}*`;

/**
 * Suffix of a key's long list (no token holds a space). Each key has a short list, its
 * `listLength` sources of highest saturation, cheap to read; when the body-only list and the
 * title hits above it are longer, they are kept as well, under `key + EXTENDED`, with their
 * lower threshold: a search reads them only when the short list cannot prove its page.
 */
export const EXTENDED = ' +';

const NO_KEYS: readonly string[] = [];

/**
 * The listed keys a token counts for (itself, its 3- and 4-letter prefixes), looked up once per
 * distinct token: a build meets each common token hundreds of thousands of times.
 */
export class ListedKeys {
  private readonly cache = new Map<string, readonly string[]>();

  constructor(private readonly listed: ReadonlyMap<string, unknown>) {}

  of(token: string): readonly string[] {
    let keys = this.cache.get(token);
    if (keys === undefined) {
      const found = [token, ...PREFIX_LENGTHS.filter((n) => token.length >= n).map((n) => prefixKey(token, n))]
        .flatMap((key) => [key, key + EXTENDED])
        .filter((key) => this.listed.has(key));
      keys = found.length === 0 ? NO_KEYS : found;
      if (this.cache.size >= 1_000_000) this.cache.clear();
      this.cache.set(token, keys);
    }
    return keys;
  }
}

export function countListed(title: string, body: string, keys: ListedKeys): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [text, unit] of [
    [title, TITLE_UNIT],
    [body, 1],
  ] as const) {
    for (const token of ftsTokens(text)) {
      for (const key of keys.of(token)) counts.set(key, (counts.get(key) ?? 0) + unit);
    }
  }
  return counts;
}

/**
 * The words and prefixes that get a list: those in at least `minDocs` sources (a prefix's count
 * is the sum over its words, at least the sources holding one; listing a few more costs only rows).
 */
function commonKeys(db: Db, minDocs: number): string[] {
  // One pass over FTS5's vocabulary (it reads the whole index): words and prefix sums together.
  const keys: string[] = [];
  const prefixDocs = new Map<string, number>();
  for (const [term, doc] of prepareCached(db, 'SELECT term, doc FROM sources_vocab').raw().iterate() as Iterable<
    [string, number]
  >) {
    if (doc >= minDocs) keys.push(term);
    for (const length of PREFIX_LENGTHS) {
      if (term.length < length) continue;
      const key = prefixKey(term, length);
      prefixDocs.set(key, (prefixDocs.get(key) ?? 0) + doc);
    }
  }
  for (const [key, doc] of prefixDocs) if (doc >= minDocs) keys.push(key);
  return keys;
}

export class RankingIndexBuild {
  private readonly token = lazyCrypto().randomUUID();
  private readonly lists = new Map<string, WordLists>();
  private readonly keys = new ListedKeys(this.lists);
  private readonly uncountable: number[] = [];
  private readonly basis: { rows: number; avgdl: number };
  private after = 0;
  private finished = false;

  constructor(
    private readonly db: Db,
    private readonly shape: RankingIndexShape,
  ) {
    this.basis = indexStats(db);
    committed(db, () => {
      prepareCached(db, 'DELETE FROM search_rebuild_changed').run();
      prepareCached(db, 'INSERT OR REPLACE INTO search_rebuild (id, token, started_at) VALUES (1, ?, ?)').run(
        this.token,
        new Date().toISOString(),
      );
    });
    for (const word of commonKeys(db, shape.minDocs)) {
      this.lists.set(word, {
        body: new TopScores(shape.listLength + 1),
        title: new TopScores(titleCapOf(shape) + 1),
      });
    }
  }

  /** Counts the next `maxSources` sources (by id); false once every source has been read. */
  step(maxSources: number): boolean {
    if (this.lists.size === 0) return false;
    const rows = prepareCached(
      this.db,
      `SELECT s.id, s.title, s.body, d.sz FROM sources s JOIN sources_fts_docsize d ON d.id = s.id
       WHERE s.id > ? ORDER BY s.id LIMIT ?`,
    ).all(this.after, maxSources) as { id: number; title: string; body: string; sz: Uint8Array }[];
    const { avgdl } = this.basis;
    for (const row of rows) {
      if (!isCountable(row.title) || !isCountable(row.body)) {
        this.uncountable.push(row.id);
        continue;
      }
      const length = lengthOf(row.sz);
      for (const [word, packed] of countListed(row.title, row.body, this.keys)) {
        const lists = this.lists.get(word)!;
        const title = Math.floor(packed / TITLE_UNIT);
        const body = packed % TITLE_UNIT;
        const score = saturation(weightedFrequency(title, body), length, avgdl);
        // Whatever cannot enter the body-only list is at most its final threshold θ'.
        if (lists.body.refuses(score)) continue;
        (title === 0 ? lists.body : lists.title).offer(row.id, score, title, body, length);
      }
    }
    if (rows.length > 0) this.after = rows[rows.length - 1]!.id;
    return rows.length === maxSources;
  }

  /**
   * Replaces the index with the lists built, in one transaction; false (and nothing written) when
   * another build started since this one, which then owns the change log.
   */
  finish(): boolean {
    if (this.finished) return false;
    this.finished = true;
    const db = this.db;
    return committed(db, () => {
      const current = prepareCached(db, 'SELECT token FROM search_rebuild WHERE id = 1').pluck().get();
      if (current !== this.token) return false;
      const changed = new Set(
        prepareCached(db, 'SELECT source_id FROM search_rebuild_changed').pluck().all() as number[],
      );
      for (const table of ['search_impacts', 'search_impact_terms', 'search_impact_basis', 'search_unranked']) {
        prepareCached(db, `DELETE FROM ${table}`).run();
      }
      const remakeIndexes = withoutSecondaryIndexes(db, 'search_impacts');
      const addTerm = prepareCached(db, 'INSERT INTO search_impact_terms (term, threshold) VALUES (?, ?)');
      const addImpacts = prepareCached(
        db,
        `INSERT INTO search_impacts (term, source_id, title_count, body_count, doc_length)
         SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
      );
      for (const [word, lists] of this.lists) {
        if (lists.body.size + lists.title.size === 0) continue;
        const long = finalList(lists, this.shape);
        const short = shortList(long, this.shape.listLength);
        const kept = [[word, short]] as [string, { rows: number[][]; threshold: number }][];
        if (short.threshold > long.threshold) kept.push([word + EXTENDED, long]);
        for (const [key, { rows, threshold }] of kept) {
          addTerm.run(key, threshold);
          // Changed since it was read (or deleted): it is left unranked instead.
          // In id order, the primary key's: each list is appended, not scattered through the B-tree.
          const listed = rows.filter(([id]) => !changed.has(id!)).sort((a, b) => a[0]! - b[0]!);
          addImpacts.run(key, JSON.stringify(listed));
        }
      }
      remakeIndexes();
      prepareCached(db, 'INSERT INTO search_impact_basis (id, avgdl, sources, shape) VALUES (1, ?, ?, ?)').run(
        this.basis.avgdl,
        this.basis.rows,
        LISTS_SHAPE,
      );
      prepareCached(
        db,
        `INSERT OR REPLACE INTO search_unranked (source_id, uncountable)
         SELECT value, 1 FROM json_each(?)
         WHERE value IN (SELECT id FROM sources) AND value NOT IN (SELECT source_id FROM search_rebuild_changed)`,
      ).run(JSON.stringify(this.uncountable));
      // What changed since the build read it is counted in by the next catch-up.
      prepareCached(
        db,
        `INSERT OR IGNORE INTO search_unranked (source_id, uncountable)
         SELECT c.source_id, 0 FROM search_rebuild_changed c JOIN sources s ON s.id = c.source_id`,
      ).run();
      prepareCached(db, 'DELETE FROM search_rebuild_changed').run();
      prepareCached(db, 'DELETE FROM search_rebuild').run();
      return true;
    });
  }
}

/**
 * Drops a table's secondary indexes (inside the caller's transaction) and returns what makes them
 * again, from their own definitions: a list written into search_impacts_by_source row by row lands
 * at random places in it, and at 760,000 rows (10,000 pages) that took 6.7 s of CPU where a
 * CREATE INDEX, which sorts first, takes 0.5 s and the rows 0.9 s.
 */
function withoutSecondaryIndexes(db: Db, table: string): () => void {
  const indexes = prepareCached(
    db,
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
  ).all(table) as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  return () => {
    for (const { sql } of indexes) db.exec(sql);
  };
}
