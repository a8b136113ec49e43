import { readFileSync, rmSync, statSync } from 'node:fs';
import { openArchive } from '../main/archive/database';
import { insertSources } from '../main/archive/sources';
import { refreshRankingIndex } from '../main/search/rankingIndex';
import { refreshSearchTerms } from '../main/search/suggestions';
import { type BenchSource, generateSources } from './corpus';

/** Sources per transaction, as an importer of a large folder would commit them. */
export const BATCH = 1000;

export interface BuildStats {
  count: number;
  inserted: number;
  duplicates: number;
  /** Time spent in insertSources (hashing, counting, SQLite), generating the text excluded. */
  insertSeconds: number;
  /** insertSources time plus refreshing did-you-mean's word list and the closing WAL checkpoint. */
  totalSeconds: number;
  /** Building the exact-ranking index after the import (not in totalSeconds). */
  rankingIndexSeconds: number;
  /** Peak resident memory once the ranking index is built too (peakRssMb is the import's alone). */
  rankingPeakRssMb: number;
  sourcesPerSecond: number;
  /** Highest resident set of the importing process (VmHWM), in MB. */
  peakRssMb: number;
  fileMb: number;
}

/** Peak resident memory of this process so far, from the kernel's own high-water mark. */
export function peakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall back to the current figure.
  }
  return process.memoryUsage.rss() / 1024 / 1024;
}

/**
 * Builds an archive of `count` generated sources at `file` through insertSources, the importer's
 * path, in transactions of BATCH. Tags go in as the analyst would add them; near-duplicates
 * join the cluster of the source they copy.
 */
export function buildArchive(file: string, count: number, onProgress?: (done: number) => void): BuildStats {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = openArchive(file);
  const heads = new Int32Array(count);
  // One statement per batch: each writing statement makes FTS5 write out what it has gathered.
  const addTags = db.prepare(
    `INSERT OR IGNORE INTO source_tags (source_id, tag)
     SELECT value ->> 0, value ->> 1 FROM json_each(?)`,
  );
  let insertMs = 0;
  let inserted = 0;
  let duplicates = 0;
  let batch: BenchSource[] = [];
  let done = 0;
  const flush = (): void => {
    const started = performance.now();
    db.transaction(() => {
      const outcomes = insertSources(
        db,
        batch.map((s) => ({ ...s, clusterId: s.duplicateOf === null ? null : heads[s.duplicateOf] || null })),
      );
      const tags: [number, string][] = [];
      outcomes.forEach((outcome, i) => {
        const index = done + i;
        const id = outcome.kind === 'inserted' ? outcome.id : outcome.duplicateOf;
        const source = batch[i]!;
        heads[index] = source.duplicateOf === null ? id : heads[source.duplicateOf] || id;
        if (outcome.kind === 'inserted') inserted++;
        else duplicates++;
        for (const tag of source.tags) tags.push([id, tag]);
      });
      if (tags.length > 0) addTags.run(JSON.stringify(tags));
    })();
    insertMs += performance.now() - started;
    done += batch.length;
    batch = [];
    onProgress?.(done);
  };
  for (const source of generateSources(count)) {
    batch.push(source);
    if (batch.length === BATCH) flush();
  }
  if (batch.length > 0) flush();
  const started = performance.now();
  // What an importer does once a large import is in: did-you-mean's word list, then a checkpoint.
  refreshSearchTerms(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const totalMs = insertMs + performance.now() - started;
  const importPeakMb = peakRssMb();
  const rankingStarted = performance.now();
  refreshRankingIndex(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rankingMs = performance.now() - rankingStarted;
  db.close();
  return {
    count,
    inserted,
    duplicates,
    insertSeconds: insertMs / 1000,
    totalSeconds: totalMs / 1000,
    rankingIndexSeconds: rankingMs / 1000,
    sourcesPerSecond: count / (totalMs / 1000),
    peakRssMb: importPeakMb,
    rankingPeakRssMb: peakRssMb(),
    fileMb: statSync(file).size / 1024 / 1024,
  };
}
