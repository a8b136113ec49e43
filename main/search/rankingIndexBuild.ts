import { randomUUID } from 'node:crypto';
import { type Db, prepareCached } from '../archive/database';
import { committed } from '../archive/writeErrors';
import { indexStats, lengthOf, saturation, weightedFrequency } from './bm25';
import { ftsTokens, isCountable } from './ftsTokens';

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
  /** Sources kept per word. */
  listLength: number;
}

interface Gathered {
  ids: number[];
  scores: number[];
  titles: number[];
  bodies: number[];
  lengths: number[];
  /** Once pruned, the lowest score kept: a source at or below it cannot enter the list. */
  floor: number;
}

/** Keeps the `length` + 1 best of a word's sources (the extra one sets the threshold). */
function prune(list: Gathered, length: number): void {
  const keep = list.scores
    .map((_, i) => i)
    .sort((a, b) => list.scores[b]! - list.scores[a]!)
    .slice(0, length + 1);
  for (const key of ['ids', 'scores', 'titles', 'bodies', 'lengths'] as const) {
    const column = list[key];
    list[key] = keep.map((i) => column[i]!);
  }
  if (keep.length > length) list.floor = list.scores[length]!;
}

/** Title count × 2^26 + body count, for the listed words only: one map entry per word. */
export const TITLE_UNIT = 2 ** 26;

export function countListed(title: string, body: string, listed: ReadonlyMap<string, unknown>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of ftsTokens(title)) if (listed.has(word)) counts.set(word, (counts.get(word) ?? 0) + TITLE_UNIT);
  for (const word of ftsTokens(body)) if (listed.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

export class RankingIndexBuild {
  private readonly token = randomUUID();
  private readonly lists = new Map<string, Gathered>();
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
    const common = prepareCached(db, 'SELECT term FROM sources_vocab WHERE doc >= ?')
      .pluck()
      .all(shape.minDocs) as string[];
    for (const word of common) {
      this.lists.set(word, { ids: [], scores: [], titles: [], bodies: [], lengths: [], floor: -1 });
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
    const listLength = this.shape.listLength;
    for (const row of rows) {
      if (!isCountable(row.title) || !isCountable(row.body)) {
        this.uncountable.push(row.id);
        continue;
      }
      const length = lengthOf(row.sz);
      for (const [word, packed] of countListed(row.title, row.body, this.lists)) {
        const list = this.lists.get(word)!;
        const title = Math.floor(packed / TITLE_UNIT);
        const body = packed % TITLE_UNIT;
        const score = saturation(weightedFrequency(title, body), length, avgdl);
        if (score <= list.floor) continue;
        list.ids.push(row.id);
        list.scores.push(score);
        list.titles.push(title);
        list.bodies.push(body);
        list.lengths.push(length);
        if (list.ids.length > 2 * listLength) prune(list, listLength);
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
    const { listLength } = this.shape;
    return committed(db, () => {
      const current = prepareCached(db, 'SELECT token FROM search_rebuild WHERE id = 1').pluck().get();
      if (current !== this.token) return false;
      const changed = new Set(
        prepareCached(db, 'SELECT source_id FROM search_rebuild_changed').pluck().all() as number[],
      );
      for (const table of ['search_impacts', 'search_impact_terms', 'search_impact_basis', 'search_unranked']) {
        prepareCached(db, `DELETE FROM ${table}`).run();
      }
      const addTerm = prepareCached(db, 'INSERT INTO search_impact_terms (term, threshold) VALUES (?, ?)');
      const addImpacts = prepareCached(
        db,
        `INSERT INTO search_impacts (term, source_id, title_count, body_count, doc_length)
         SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
      );
      for (const [word, list] of this.lists) {
        if (list.ids.length === 0) continue;
        prune(list, listLength);
        const threshold = list.ids.length > listLength ? list.scores[listLength]! : 0;
        addTerm.run(word, threshold);
        const rows: number[][] = [];
        for (let i = 0; i < Math.min(listLength, list.ids.length); i++) {
          const id = list.ids[i]!;
          // Changed since it was read (or deleted): it is left unranked instead.
          if (!changed.has(id)) rows.push([id, list.titles[i]!, list.bodies[i]!, list.lengths[i]!]);
        }
        addImpacts.run(word, JSON.stringify(rows));
      }
      prepareCached(db, 'INSERT INTO search_impact_basis (id, avgdl, sources) VALUES (1, ?, ?)').run(
        this.basis.avgdl,
        this.basis.rows,
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
