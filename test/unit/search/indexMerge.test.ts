import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSources } from '../../../bench/corpus';
import { ARCHIVE_FILE_NAME, type Db } from '../../../main/archive/database';
import { insertSources } from '../../../main/archive/sources';
import { openCore } from '../../../main/core';
import { dispatch } from '../../../main/dispatch';
import { indexSegments, mergeIndex, mergeStep, needsMerge } from '../../../main/search/indexMerge';
import { searchSources } from '../../../main/search/searchSources';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';

/**
 * The search index's segments merged into one in the app's idle upkeep (indexMerge.ts): read from
 * FTS5's own structure record, merged without changing a single result, after a search in the
 * app and never by a read-only command, and without waiting for another connection's write.
 */

afterEach(cleanUpTemp);

/** `batches` imports of `each` generated sources: one index segment each. */
function importInBatches(db: Db, batches: number, each: number): void {
  const sources = [...generateSources(batches * each, { seed: 28 })];
  for (let i = 0; i < batches; i++) insertSources(db, sources.slice(i * each, (i + 1) * each));
}

const QUERIES = ['the jury', '"the state"', 'govern*', 'said OR told', 'city -county', 'court'];

function answers(db: Db) {
  return QUERIES.flatMap((query) =>
    (['relevance', 'date'] as const).map((sort) => searchSources(db, { query, limit: 30, offset: 0, sort })),
  );
}

describe('merging the search index', () => {
  it('reads the segments FTS5 wrote, and merges them into one without changing any result', () => {
    const { db } = tempArchive();
    importInBatches(db, 3, 60);
    const before = indexSegments(db);
    expect(before.pages).toHaveLength(3);
    expect(needsMerge(db)).toBe(true);
    const found = answers(db);
    expect(found.every((answer) => answer.results.length > 0)).toBe(true);

    mergeIndex(db);
    expect(indexSegments(db).pages).toHaveLength(1);
    expect(needsMerge(db)).toBe(false);
    expect(mergeStep(db)).toBe(false);
    expect(answers(db)).toEqual(found);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.prepare("INSERT INTO sources_fts (sources_fts, rank) VALUES ('integrity-check', 1)").run();
  });

  it('leaves a small new segment beside a large one until the rest holds an eighth of its pages', () => {
    const { db } = tempArchive();
    importInBatches(db, 1, 400);
    insertSources(db, [...generateSources(5, { seed: 99 })]);
    const { pages } = indexSegments(db);
    expect(pages).toHaveLength(2);
    expect(Math.min(...pages) * 8).toBeLessThan(Math.max(...pages));
    expect(needsMerge(db)).toBe(false);
  });
});

/** An archive of three imports (three segments), closed. */
async function archiveOfSegments(): Promise<string> {
  const dataDir = tempDir();
  const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
  importInBatches(core.db, 3, 40);
  core.close();
  return dataDir;
}

const segmentsIn = (dataDir: string) => {
  const db = new Database(join(dataDir, ARCHIVE_FILE_NAME), { readonly: true });
  try {
    return indexSegments(db).pages.length;
  } finally {
    db.close();
  }
};

describe('the merge in the upkeep after a search', () => {
  it('merges in the app, and never in a read-only command', async () => {
    const dataDir = await archiveOfSegments();
    const readOnly = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: false });
    try {
      expect((await dispatch(readOnly.handlers, 'search', { query: 'jury', limit: 20, offset: 0 })).ok).toBe(true);
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      readOnly.close();
    }
    expect(segmentsIn(dataDir)).toBe(3);

    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
    try {
      expect((await dispatch(core.handlers, 'search', { query: 'jury', limit: 20, offset: 0 })).ok).toBe(true);
      await expect.poll(() => indexSegments(core.db).pages.length).toBe(1);
    } finally {
      core.close();
    }
  });

  it('waits for another connection’s write instead of blocking the search', async () => {
    const dataDir = await archiveOfSegments();
    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
    // Brought up to date first, so that only the merge is left to the upkeep.
    await dispatch(core.handlers, 'search', { query: 'jury', limit: 20, offset: 0 });
    const other = new Database(join(dataDir, ARCHIVE_FILE_NAME));
    try {
      await expect.poll(() => indexSegments(core.db).pages.length).toBe(1);
      importInBatches(core.db, 2, 40);
      insertSources(core.db, [...generateSources(60, { seed: 7 })]);
      expect(needsMerge(core.db)).toBe(true);
      other.exec('BEGIN IMMEDIATE');
      const answer = await dispatch(core.handlers, 'search', { query: 'court', limit: 20, offset: 0 });
      expect(answer.ok).toBe(true);
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(indexSegments(core.db).pages.length).toBeGreaterThan(1);
      other.exec('ROLLBACK');
      await expect.poll(() => indexSegments(core.db).pages.length).toBe(1);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      core.close();
    }
  });
});
