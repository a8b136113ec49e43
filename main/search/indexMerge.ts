import { type Db, prepareCached } from '../archive/database';

/**
 * Merging the search index's segments into one, in the idle time after searches.
 *
 * FTS5 writes what each transaction indexed as a new segment (a b-tree) and merges them as they
 * pile up (automerge), keeping about four to a level: the 100,000-source benchmark archive has 12
 * in 4 levels, the 1,000,000 one 10 in 5. Every term a query looks up is looked up in each, and
 * every listing merges their posting lists as it goes. One segment answered the FTS-heavy queries
 * of the mix 10–20% faster at 100,000 sources (`author:tremblay water` page 2.09 → 1.67 ms,
 * docs/search.md, "Merging the index"), so the app's upkeep merges them, a few megabytes per step
 * with the event loop turning between steps (searches go on meanwhile, and see a whole index at
 * every step), never waiting for another connection's write.
 *
 * A merge rewrites the whole index (1.5 s of CPU in steps at 100,000 sources), so it is begun
 * when the segments beside the largest hold an eighth of its pages or more: an index rewritten
 * each time it has grown by an eighth is written about eight times over, as automerge writes it.
 */

/** Pages (FTS5's, ~4 KB) a step merges: about 2 MB written, ~15 ms at 100,000 sources. */
const PAGES_PER_STEP = 500;
/** Begin when the other segments hold at least 1/SHARE of the largest's pages. */
const SHARE = 8;

export interface Segments {
  /** Pages of each segment, by level, then as FTS5 lists them. */
  pages: number[];
}

/** FTS5's structure record of version 2, written for contentless_delete tables only. */
const STRUCTURE_V2 = 0xff000001;

/**
 * The index's segments, read from FTS5's structure record (row 10 of sources_fts_data): a 4-byte
 * cookie, then varints: levels, segments, a write counter, and for each level its merge state, its
 * segment count and each segment's id, first and last page. sources_fts has external content, for
 * which FTS5 writes this legacy form; a record of any other form reads as no segments, and the
 * index is left as it is.
 */
export function indexSegments(db: Db): Segments {
  const block = prepareCached(db, 'SELECT block FROM sources_fts_data WHERE id = 10').pluck().get() as
    | Buffer
    | undefined;
  if (!block || block.length < 8 || block.readUInt32BE(4) === STRUCTURE_V2) return { pages: [] };
  const read = varints(block, 4);
  const levels = read();
  read(); // segments, counted below
  read(); // write counter
  const pages: number[] = [];
  for (let level = 0; level < levels; level++) {
    read(); // the level's merge under way, if any
    const count = read();
    for (let i = 0; i < count; i++) {
      read(); // segment id
      const first = read();
      const last = read();
      pages.push(last - first + 1);
    }
  }
  return { pages };
}

/**
 * Whether the upkeep should merge: enough pages beside the largest segment. (A merge FTS5's
 * automerge has under way is its own business: merging everything for it would be a full rewrite
 * at every other import.)
 */
export function needsMerge(db: Db): boolean {
  const { pages } = indexSegments(db);
  if (pages.length < 2) return false;
  const largest = Math.max(...pages);
  const rest = pages.reduce((sum, count) => sum + count, 0) - largest;
  return rest * SHARE >= largest;
}

/**
 * One step of the merge (FTS5's 'merge' with a negative count: every segment, whatever its level,
 * towards one). Returns whether it did any work; when it did none, the index is one segment.
 */
export function mergeStep(db: Db): boolean {
  const changes = prepareCached(db, 'SELECT total_changes()').pluck();
  const before = changes.get() as number;
  prepareCached(db, "INSERT INTO sources_fts (sources_fts, rank) VALUES ('merge', ?)").run(-PAGES_PER_STEP);
  const after = changes.get() as number;
  // FTS5's documented test: a difference of 2 or more means work was done.
  return after - before >= 2;
}

/** Merges the whole index at once (the archive benchmark, as the app's idle upkeep would have). */
export function mergeIndex(db: Db): void {
  while (mergeStep(db)) {
    // Each step is its own transaction; the loop ends when a step finds nothing to merge.
  }
}

/** Reads SQLite's varints (big-endian, 7 bits a byte, the ninth byte whole) from `block`, from `offset` on. */
function varints(block: Buffer, offset: number): () => number {
  let at = offset;
  return () => {
    let value = 0;
    for (let i = 0; i < 9; i++) {
      const byte = block[at++] ?? 0;
      if (i === 8) return value * 256 + byte;
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    return value;
  };
}
