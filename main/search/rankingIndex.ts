import { type Db, prepareCached } from '../archive/database';
import { docLengths, indexStats, saturation, weightedFrequency } from './bm25';
import { isCountable } from './ftsTokens';
import { mergeStep, needsMerge } from './indexMerge';
import {
  countListed,
  LISTS_SHAPE,
  ListedKeys,
  RankingIndexBuild,
  type RankingIndexShape,
  TITLE_UNIT,
} from './rankingIndexBuild';
import { upkeepAllowed } from './upkeepAllowed';

/**
 * Keeps the exact-ranking index of migration 0110: for every word found in at least
 * LISTED_MIN_DOCS sources, the LIST_LENGTH sources where its saturation (bm25's per-source
 * factor, f·(k1+1)/(f + k1·(1−b+b·D/avgdl)), at the basis avgdl) is highest, and the threshold
 * that no other source exceeds. Sources added or changed later go to search_unranked (triggers)
 * and are counted in by catchUpRankingIndex: each joins a word's list when it beats the
 * threshold, so the threshold stays true. docs/search.md has the proof that rankedTopPage's use
 * of it is exact.
 */

/** A word in fewer sources is ranked by FTS5 over all its matches, which is cheap (searchPlan's COUNT_CAP). */
export const LISTED_MIN_DOCS = 2000;
/** Sources kept per word. */
export const LIST_LENGTH = 400;
/** Sources counted per transaction when catching up: bounds how long the write lock is held. */
const CATCH_UP_BATCH = 500;
/** Sources read per step of a build: a few tens of milliseconds. */
const BUILD_CHUNK = 100;

/**
 * Builds every list from scratch, in one go: the common words come from FTS5's own vocabulary,
 * their counts from the sources' text (rankingIndexBuild.ts, which the app runs a chunk at a time
 * instead: refreshRankingIndexInSteps).
 */
export function rebuildRankingIndex(
  db: Db,
  shape: RankingIndexShape = { minDocs: LISTED_MIN_DOCS, listLength: LIST_LENGTH },
): void {
  const build = new RankingIndexBuild(db, shape);
  while (build.step(BUILD_CHUNK * 20)) {
    // Each step reads and counts the next chunk of sources.
  }
  build.finish();
}

export interface RankingBasis {
  avgdl: number;
  sources: number;
  /** The lists' make-up (LISTS_SHAPE): an older one is rebuilt, and used until then. */
  shape: number;
}

export function rankingBasis(db: Db): RankingBasis | null {
  return (prepareCached(db, 'SELECT avgdl, sources, shape FROM search_impact_basis WHERE id = 1').get() ??
    null) as RankingBasis | null;
}

/**
 * Counts in the sources added or changed since the lists were made, in batches; returns how
 * many it counted. Each joins a word's list when its saturation beats the threshold; one whose
 * text cannot be counted exactly stays unranked, marked uncountable, and is checked at search.
 */
export function catchUpRankingIndex(db: Db, maxBatches = Number.POSITIVE_INFINITY): number {
  const basis = rankingBasis(db);
  if (basis === null) return 0;
  const thresholds = new Map(
    (
      prepareCached(db, 'SELECT term, threshold FROM search_impact_terms').all() as {
        term: string;
        threshold: number;
      }[]
    ).map((row) => [row.term, row.threshold]),
  );
  const keys = new ListedKeys(thresholds);
  let counted = 0;
  const batch = db.transaction((): number => {
    const rows = prepareCached(
      db,
      `SELECT s.id, s.title, s.body FROM search_unranked u JOIN sources s ON s.id = u.source_id
       WHERE u.uncountable = 0 LIMIT ${CATCH_UP_BATCH}`,
    ).all() as { id: number; title: string; body: string }[];
    const lengths = docLengths(
      db,
      rows.map((row) => row.id),
    );
    for (const row of rows) {
      if (!isCountable(row.title) || !isCountable(row.body)) {
        prepareCached(db, 'UPDATE search_unranked SET uncountable = 1 WHERE source_id = ?').run(row.id);
        continue;
      }
      const length = lengths.get(row.id) ?? 0;
      for (const [word, packed] of countListed(row.title, row.body, keys)) {
        const threshold = thresholds.get(word)!;
        const title = Math.floor(packed / TITLE_UNIT);
        const body = packed % TITLE_UNIT;
        if (saturation(weightedFrequency(title, body), length, basis.avgdl) <= threshold) continue;
        prepareCached(
          db,
          `INSERT OR REPLACE INTO search_impacts (term, source_id, title_count, body_count, doc_length)
           VALUES (?, ?, ?, ?, ?)`,
        ).run(word, row.id, title, body, length);
      }
      prepareCached(db, 'DELETE FROM search_unranked WHERE source_id = ?').run(row.id);
    }
    return rows.length;
  });
  for (let round = 0; round < maxBatches; round++) {
    const done = batch.immediate();
    counted += done;
    if (done === 0) break;
  }
  return counted;
}

/**
 * Whether the lists must be made again rather than caught up: there are none yet, they are of an
 * older make-up (migration 0210), or the archive has changed shape since (grown or shrunk by
 * half, or sources' average length moved by a quarter, which would loosen the bounds).
 */
export function needsRebuild(db: Db): boolean {
  const basis = rankingBasis(db);
  const { rows, avgdl } = indexStats(db);
  return (
    basis === null ||
    basis.shape < LISTS_SHAPE ||
    rows > basis.sources * 1.5 ||
    rows < basis.sources / 2 ||
    avgdl > basis.avgdl * 1.25 ||
    avgdl < basis.avgdl / 1.25
  );
}

/** Brings the index up to date in one go: rebuilt when needed, otherwise caught up. */
export function refreshRankingIndex(db: Db): void {
  if (needsRebuild(db)) rebuildRankingIndex(db);
  else catchUpRankingIndex(db);
}

const running = new WeakMap<Db, Promise<void>>();
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Brings the index up to date a step at a time (a build of 100 sources, or a catch-up of 500,
 * per turn of the event loop), so the app and `serve` keep answering meanwhile; searches stay
 * exact throughout (until the lists are made, FTS5 ranks every match). One run per connection:
 * a second call joins the first. The importer awaits it after a folder; the app calls it after
 * a search. A write that finds the archive busy is tried again a moment later, never waited for.
 */
export function refreshRankingIndexInSteps(db: Db): Promise<void> {
  const current = running.get(db);
  if (current) return current;
  const work = (async () => {
    if (needsRebuild(db)) {
      const build = await withoutWaiting(db, () => new RankingIndexBuild(db, DEFAULT_SHAPE));
      while (db.open && build.step(BUILD_CHUNK)) await nextTurn();
      if (!db.open) return;
      await withoutWaiting(db, () => build.finish());
    }
    while (db.open && (await withoutWaiting(db, () => catchUpRankingIndex(db, 1))) > 0) await nextTurn();
  })().finally(() => running.delete(db));
  running.set(db, work);
  return work;
}

const DEFAULT_SHAPE: RankingIndexShape = { minDocs: LISTED_MIN_DOCS, listLength: LIST_LENGTH };
/** How long a write of the upkeep waits before trying again when another connection is writing. */
const BUSY_RETRY_MS = 250;

/** Runs a write with no busy wait on this thread, trying again later while another connection writes. */
async function withoutWaiting<T>(db: Db, write: () => T): Promise<T> {
  for (;;) {
    const timeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      return write();
    } catch (error) {
      const code =
        (error as { cause?: { code?: string }; code?: string }).cause?.code ?? (error as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') && code !== 'busy') throw error;
    } finally {
      if (db.open) db.pragma(`busy_timeout = ${Number(timeout) || 0}`);
    }
    await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
  }
}

/**
 * After a search has answered: brings the index up to date in steps (refreshRankingIndexInSteps),
 * then merges the search index's segments when they have piled up (indexMerge.ts), unless this
 * connection may not write (upkeepAllowed: `precis search` never writes).
 */
export function maintainAfterSearch(db: Db): void {
  if (!upkeepAllowed(db) || running.has(db) || merging.has(db)) return;
  const pending = prepareCached(db, 'SELECT EXISTS (SELECT 1 FROM search_unranked WHERE uncountable = 0)')
    .pluck()
    .get() as number;
  // Lists of an older make-up (migration 0210) are rebuilt too, though nothing waits to be counted.
  const lists = pending || (rankingBasis(db)?.shape ?? LISTS_SHAPE) < LISTS_SHAPE;
  if (!lists && !needsMerge(db)) return;
  setImmediate(() => {
    if (!db.open) return;
    (lists ? refreshRankingIndexInSteps(db) : Promise.resolve())
      .then(() => mergeIndexInSteps(db))
      .catch((error: unknown) => {
        // Read-only or closed meanwhile: the next search tries again.
        const code = (error as { code?: string }).code ?? '';
        if (!code.startsWith('SQLITE_READONLY') && db.open) console.error('[precis] search index upkeep failed', error);
      });
  });
}

const merging = new WeakMap<Db, Promise<void>>();

/**
 * Merges the search index into one segment a step at a time, once its segments call for it
 * (needsMerge); once begun, until a step finds nothing left to merge. One run per connection.
 */
export function mergeIndexInSteps(db: Db): Promise<void> {
  const current = merging.get(db);
  if (current) return current;
  if (!db.open || !needsMerge(db)) return Promise.resolve();
  const work = (async () => {
    while (db.open && (await withoutWaiting(db, () => mergeStep(db)))) await nextTurn();
  })().finally(() => merging.delete(db));
  merging.set(db, work);
  return work;
}
