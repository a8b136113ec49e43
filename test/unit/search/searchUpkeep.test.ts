import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSources } from '../../../bench/corpus';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { insertSources } from '../../../main/archive/sources';
import { type Core, openCore } from '../../../main/core';
import { dispatch } from '../../../main/dispatch';
import { LISTS_SHAPE } from '../../../main/search/rankingIndexBuild';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

/** An archive whose ranking index and did-you-mean list lag behind its sources, as after an import. */
async function laggingArchive(): Promise<string> {
  const dataDir = tempDir();
  const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
  insertSources(
    core.db,
    [...generateSources(40, { seed: 3 })].map((s) => ({ ...s, fileName: s.fileName })),
  );
  core.close();
  return dataDir;
}

/** What a search's upkeep would change, read through a connection of its own. */
function upkeepState(dataDir: string): unknown {
  const db = new Database(join(dataDir, ARCHIVE_FILE_NAME), { readonly: true });
  try {
    return {
      unranked: db.prepare('SELECT count(*) FROM search_unranked').pluck().get(),
      basis: db.prepare('SELECT count(*) FROM search_impact_basis').pluck().get(),
      terms: db.prepare('SELECT count(*) FROM search_terms').pluck().get(),
      stamp: db.prepare("SELECT value FROM settings WHERE key = 'search_terms_stamp'").pluck().get() ?? null,
    };
  } finally {
    db.close();
  }
}

/** Searches, then lets the event loop run every turn the upkeep scheduled (setImmediate chains). */
async function searchAndSettle(core: Core): Promise<void> {
  const answer = await dispatch(core.handlers, 'search', { query: 'the jury said', limit: 20, offset: 0 });
  expect(answer.ok).toBe(true);
  await dispatch(core.handlers, 'search', { query: 'goverment', limit: 20, offset: 0 });
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('a search’s upkeep', () => {
  it('is never written by a read-only command (allowRepair: false)', async () => {
    const dataDir = await laggingArchive();
    const before = upkeepState(dataDir);
    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: false });
    try {
      await searchAndSettle(core);
      expect(core.db.prepare('SELECT total_changes()').pluck().get()).toBe(0);
    } finally {
      core.close();
    }
    expect(upkeepState(dataDir)).toEqual(before);
  });

  it('is written by the app, serve and import (allowRepair: true)', async () => {
    const dataDir = await laggingArchive();
    const before = upkeepState(dataDir) as { unranked: number };
    expect(before.unranked).toBe(40);
    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
    try {
      await searchAndSettle(core);
    } finally {
      core.close();
    }
    expect(upkeepState(dataDir)).toMatchObject({ unranked: 0, basis: 1 });
  });

  it('rebuilds lists of an older make-up (migration 0210) after a search, with nothing else to count in', async () => {
    const dataDir = await laggingArchive();
    const setUp = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
    try {
      await searchAndSettle(setUp);
      // As migration 0210 leaves lists built before it: caught up, but of shape 1.
      setUp.db.prepare('UPDATE search_impact_basis SET shape = 1').run();
    } finally {
      setUp.close();
    }
    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
    try {
      await searchAndSettle(core);
      await expect.poll(() => core.db.prepare('SELECT shape FROM search_impact_basis').pluck().get()).toBe(LISTS_SHAPE);
    } finally {
      core.close();
    }
  });
});
