import { type Db, prepareCached } from '../archive/database';
import { docLengths, indexStats, lengthOf, saturation, weightedFrequency } from './bm25';
import { ftsTokens, isCountable } from './ftsTokens';
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

interface Gathered {
  ids: number[];
  scores: number[];
  titles: number[];
  bodies: number[];
  /** Once pruned, the lowest score kept: a source at or below it cannot enter the list. */
  floor: number;
}

/** Keeps the LIST_LENGTH + 1 best of a word's sources (the extra one sets the threshold). */
function prune(list: Gathered, length: number): void {
  const order = list.scores.map((_, i) => i).sort((a, b) => list.scores[b]! - list.scores[a]!);
  const keep = order.slice(0, length + 1);
  list.ids = keep.map((i) => list.ids[i]!);
  list.scores = keep.map((i) => list.scores[i]!);
  list.titles = keep.map((i) => list.titles[i]!);
  list.bodies = keep.map((i) => list.bodies[i]!);
  if (keep.length > length) list.floor = list.scores[length]!;
}

/** Title count × 2^26 + body count, for the listed words only: one map entry per word. */
const TITLE_UNIT = 2 ** 26;

function countListed(title: string, body: string, listed: ReadonlyMap<string, unknown>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of ftsTokens(title)) if (listed.has(word)) counts.set(word, (counts.get(word) ?? 0) + TITLE_UNIT);
  for (const word of ftsTokens(body)) if (listed.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/**
 * Builds every list from scratch (about 10 s per 100,000 sources): the common words come from
 * FTS5's own vocabulary, their counts from the sources' text. One transaction, so a search never
 * sees half a rebuild.
 */
export interface RankingIndexShape {
  /** Words in at least this many sources get a list. */
  minDocs: number;
  /** Sources kept per word. */
  listLength: number;
}

export function rebuildRankingIndex(
  db: Db,
  shape: RankingIndexShape = { minDocs: LISTED_MIN_DOCS, listLength: LIST_LENGTH },
): void {
  const { minDocs, listLength } = shape;
  db.transaction(() => {
    const { rows, avgdl } = indexStats(db);
    const common = prepareCached(db, 'SELECT term FROM sources_vocab WHERE doc >= ?').pluck().all(minDocs) as string[];
    const lists = new Map<string, Gathered>(
      common.map((w) => [w, { ids: [], scores: [], titles: [], bodies: [], floor: -1 }]),
    );
    const uncountable: number[] = [];
    const lengths = new Map<number, number>();
    const sources = prepareCached(
      db,
      'SELECT s.id, s.title, s.body, d.sz FROM sources s JOIN sources_fts_docsize d ON d.id = s.id',
    );
    if (lists.size > 0) {
      for (const row of sources.iterate() as Iterable<{ id: number; title: string; body: string; sz: Uint8Array }>) {
        if (!isCountable(row.title) || !isCountable(row.body)) {
          uncountable.push(row.id);
          continue;
        }
        const length = lengthOf(row.sz);
        lengths.set(row.id, length);
        for (const [word, packed] of countListed(row.title, row.body, lists)) {
          const list = lists.get(word)!;
          const title = Math.floor(packed / TITLE_UNIT);
          const body = packed % TITLE_UNIT;
          const score = saturation(weightedFrequency(title, body), length, avgdl);
          if (score <= list.floor) continue;
          list.ids.push(row.id);
          list.scores.push(score);
          list.titles.push(title);
          list.bodies.push(body);
          if (list.ids.length > 2 * listLength) prune(list, listLength);
        }
      }
    }
    for (const table of ['search_impacts', 'search_impact_terms', 'search_impact_basis', 'search_unranked']) {
      prepareCached(db, `DELETE FROM ${table}`).run();
    }
    const addTerm = prepareCached(db, 'INSERT INTO search_impact_terms (term, threshold) VALUES (?, ?)');
    const addImpact = prepareCached(
      db,
      `INSERT INTO search_impacts (term, source_id, title_count, body_count, doc_length)
       VALUES (?, ?, ?, ?, ?)`,
    );
    for (const [word, list] of lists) {
      if (list.ids.length === 0) continue;
      prune(list, listLength);
      const threshold = list.ids.length > listLength ? list.scores[listLength]! : 0;
      addTerm.run(word, threshold);
      for (let i = 0; i < Math.min(listLength, list.ids.length); i++) {
        addImpact.run(word, list.ids[i], list.titles[i], list.bodies[i], lengths.get(list.ids[i]!));
      }
    }
    prepareCached(db, 'INSERT INTO search_impact_basis (id, avgdl, sources) VALUES (1, ?, ?)').run(avgdl, rows);
    const keepAside = prepareCached(db, 'INSERT INTO search_unranked (source_id, uncountable) VALUES (?, 1)');
    for (const id of uncountable) keepAside.run(id);
  }).immediate();
}

export interface RankingBasis {
  avgdl: number;
  sources: number;
}

export function rankingBasis(db: Db): RankingBasis | null {
  return (prepareCached(db, 'SELECT avgdl, sources FROM search_impact_basis WHERE id = 1').get() ??
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
      for (const [word, packed] of countListed(row.title, row.body, thresholds)) {
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

/** Rebuilt lazily (just after a search) only up to this many sources: about a second's work. */
const REBUILD_INLINE_UP_TO = 10_000;

/**
 * Brings the index up to date: rebuilt when there is none yet or the archive has changed shape
 * since (grown or shrunk by half, or sources' average length moved by a quarter, which would
 * loosen the bounds), otherwise caught up with the sources added or changed. Importers call it
 * after a large import; searches call it afterwards for small archives (maintainAfterSearch).
 */
export function refreshRankingIndex(db: Db): void {
  const basis = rankingBasis(db);
  const { rows, avgdl } = indexStats(db);
  const reshaped =
    basis === null ||
    rows > basis.sources * 1.5 ||
    rows < basis.sources / 2 ||
    avgdl > basis.avgdl * 1.25 ||
    avgdl < basis.avgdl / 1.25;
  if (reshaped) rebuildRankingIndex(db);
  else catchUpRankingIndex(db);
}

let scheduled: Db | null = null;

/**
 * After a search has answered: counts in what was added since (a few ms per hundred sources),
 * or rebuilds a small archive's index. A large archive without one is ranked exhaustively until
 * refreshRankingIndex runs (the importer's job).
 */
export function maintainAfterSearch(db: Db): void {
  if (scheduled === db || !upkeepAllowed(db)) return;
  const pending = prepareCached(db, 'SELECT EXISTS (SELECT 1 FROM search_unranked WHERE uncountable = 0)')
    .pluck()
    .get() as number;
  if (!pending) return;
  const basis = rankingBasis(db);
  if (basis === null && indexStats(db).rows > REBUILD_INLINE_UP_TO) return;
  scheduled = db;
  setImmediate(() => {
    scheduled = null;
    if (!db.open) return;
    // Never wait for another connection's write lock on the app's thread: try again next time.
    const timeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      if (basis === null || indexStats(db).rows <= REBUILD_INLINE_UP_TO) refreshRankingIndex(db);
      // One batch per turn of the event loop, so the app stays responsive; then the next.
      else if (catchUpRankingIndex(db, 1) > 0) setImmediate(() => maintainAfterSearch(db));
    } catch (error) {
      // Busy: another connection is writing, the next search tries again. Read-only: the CLI.
      const code = (error as { code?: string }).code ?? '';
      if (code !== 'SQLITE_BUSY' && !code.startsWith('SQLITE_READONLY')) {
        console.error('[precis] ranking index upkeep failed', error);
      }
    } finally {
      if (db.open) db.pragma(`busy_timeout = ${Number(timeout) || 0}`);
    }
  });
}
