import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db, openArchive } from '../../../main/archive/database';
import { asWriteError, describeStorageFailure } from '../../../main/archive/writeErrors';
import { dispatch } from '../../../main/dispatch';
import { briefHandlers } from '../../../main/handlers/briefHandlers';
import { settingsHandlers } from '../../../main/handlers/settingsHandlers';
import { sourceHandlers } from '../../../main/handlers/sourceHandlers';
import type { Handlers, Result } from '../../../shared/contract';
import { type SmallDisk, smallDiskOrSkip } from '../../support/fullDisk';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

const paragraph = (text: string) => ({
  root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] },
});
const base64 = (text: string) => Buffer.from(text).toString('base64');
const article = (words: number, seed: string) =>
  `${seed} report\n\n${Array.from({ length: words }, (_, i) => `${seed}${i % 97} word${i}`).join(' ')}\n`;

function handlersFor(db: Db): Handlers {
  return { ...briefHandlers(db), ...settingsHandlers(db), ...sourceHandlers(db) } as Handlers;
}

/** What the archive holds, to compare before and after a refused write. */
function everything(db: Db): unknown {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    briefs: all('SELECT * FROM briefs ORDER BY id'),
    snapshots: all('SELECT * FROM brief_snapshots ORDER BY id'),
    settings: all("SELECT * FROM settings WHERE key = 'authorName'"),
    sources: all('SELECT id, title, reliability, credibility, classification FROM sources ORDER BY id'),
    tags: all('SELECT * FROM source_tags ORDER BY source_id, tag'),
  };
}

/** An archive with a brief, a brief in the trash and a source, for every kind of write to act on. */
async function prepare(db: Db) {
  const call = (method: keyof Handlers, payload: unknown) => dispatch(handlersFor(db), method, payload);
  const value = async (method: keyof Handlers, payload: unknown) => {
    const result = await call(method, payload);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as { id: number; revision: number; kind?: string };
  };
  const brief = await value('createBrief', { template: 'briefing-note-en' });
  const trashed = await value('createBrief', { template: 'blank', title: 'Old note' });
  await value('deleteBrief', { id: trashed.id });
  const imported = await value('importFile', { name: 'a.txt', base64: base64(article(300, 'arctic')) });
  if (imported.kind !== 'imported') throw new Error('the source was not imported');
  return { call, brief, trashed, sourceId: imported.id };
}

/** Every write the contract offers, each as the renderer would make it. */
function writes(ids: { brief: { id: number; revision: number }; trashed: { id: number }; sourceId: number }) {
  const { brief, trashed, sourceId } = ids;
  const big = paragraph('Canada should act now. '.repeat(2000));
  const mine = { id: brief.id, title: 'Mine', classification: 'PROTECTED B', content: big };
  return [
    ['createBrief', { template: 'blank', title: 'New note' }],
    ['saveBrief', { id: brief.id, baseRevision: brief.revision, content: big }],
    ['renameBrief', { id: brief.id, baseRevision: brief.revision, title: 'Renamed' }],
    [
      'saveBriefBlocks',
      {
        id: brief.id,
        baseRevision: brief.revision,
        blocks: { root: { ...big.root, children: [0, ...(big.root.children ?? [])] } },
      },
    ],
    ['duplicateBrief', { id: brief.id }],
    ['deleteBrief', { id: brief.id }],
    ['restoreBrief', { id: trashed.id }],
    ['takeSnapshot', { briefId: brief.id, reason: 'manual' }],
    ['resolveBriefConflict', { ...mine, choice: 'take-theirs' }],
    ['resolveBriefConflict', { ...mine, choice: 'keep-mine-as-copy' }],
    ['exportBrief', { id: brief.id }],
    ['saveSettings', { authorName: 'A. Analyst' }],
    ['addSpellingWord', { language: 'en', word: 'Kanata' }],
    ['updateSource', { id: sourceId, edit: { title: 'Corrected title', author: 'J. Smith' } }],
    ['updateSource', { id: sourceId, edit: { tags: ['arctic', 'defence'] } }],
    ['updateSource', { id: sourceId, edit: { reliability: 'B', credibility: 2 } }],
    ['updateSource', { id: sourceId, edit: { classification: 'PROTECTED A' } }],
    ['importFile', { name: 'b.txt', base64: base64(article(3000, 'radar')) }],
  ] as const;
}

/** The failure a write reported: an error value, or an import's 'failed' outcome. */
function reportedFailure(result: Result<unknown>): string | null {
  if (!result.ok) return `${result.error.code}: ${result.error.message}`;
  const value = result.value as { kind?: string; error?: string };
  return value.kind === 'failed' ? `failed: ${value.error}` : null;
}

describe('every write on a full disk (a real tmpfs)', () => {
  let disk: SmallDisk | null = null;
  let db: Db | null = null;
  beforeAll(() => {
    disk = smallDiskOrSkip(16, 'the full-disk write tests');
  });
  afterAll(() => {
    if (db?.open) db.close();
    disk?.unmount();
  });

  it('is refused as "the disk is full", changes nothing, and succeeds once space is freed', async (context) => {
    if (!disk) return context.skip();
    const file = join(disk.dir, ARCHIVE_FILE_NAME);
    db = openArchive(file);
    const ids = await prepare(db);
    // An empty WAL: every commit must now grow it, so no write can land in space the WAL already holds.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = everything(db);
    disk.fill();
    try {
      for (const [method, payload] of writes(ids)) {
        const result = await ids.call(method, payload);
        expect(reportedFailure(result) ?? 'reported as saved', method).toMatch(
          /^(disk-full|failed): Not saved: the disk is full\./,
        );
      }
      expect(everything(db)).toEqual(before);
      // Reading needs no space: search still answers (its suggestion cache is left for later).
      expect(await ids.call('search', { query: 'arctic' })).toMatchObject({ ok: true, value: { total: 1 } });
      // A misspelling makes search refresh its did-you-mean list, a write: it waits for space.
      expect(await ids.call('search', { query: 'arctik' })).toMatchObject({ ok: true });
      expect(await ids.call('getBrief', { id: ids.brief.id })).toMatchObject({ ok: true });
    } finally {
      disk.free();
    }
    // Only tests of this file use `db`; TypeScript cannot see that it stays set across the awaits.
    const archive: Db = db;
    for (const [method, payload] of writes(ids)) {
      // A rename or a save of blocks after the save has a stale base; everything else must now go through.
      const result = await ids.call(method, payload);
      if (method === 'renameBrief' || method === 'saveBriefBlocks')
        expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
      else expect(reportedFailure(result), method).toBeNull();
    }
    const after = everything(archive);
    archive.close();
    // What was acknowledged is really in the file.
    db = openArchive(file);
    expect(everything(db)).toEqual(after);
    db.close();
  });
});

describe('writes that need new pages past PRAGMA max_page_count', () => {
  it('are refused as "the disk is full" and change nothing', async () => {
    const { db } = tempArchive();
    const ids = await prepare(db);
    // SQLite checks the limit only when a write adds a page, so only writes that grow the file fail
    // here; the tmpfs test above covers writes that change pages in place.
    const growing = new Set(['saveBrief', 'saveBriefBlocks', 'duplicateBrief', 'resolveBriefConflict', 'importFile']);
    await ids.call('saveBrief', {
      id: ids.brief.id,
      baseRevision: ids.brief.revision,
      content: paragraph('Snapshot me. '.repeat(3000)),
    });
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const before = everything(db);
    const current = { ...ids, brief: { id: ids.brief.id, revision: ids.brief.revision + 1 } };
    for (const [method, payload] of writes(current)) {
      if (!growing.has(method)) continue;
      expect(reportedFailure(await ids.call(method, payload)) ?? 'reported as saved', method).toMatch(
        /the disk is full/,
      );
    }
    const snapshot = await ids.call('takeSnapshot', { briefId: ids.brief.id, reason: 'manual' });
    expect(reportedFailure(snapshot) ?? 'reported as saved').toMatch(/^disk-full: Not saved: the disk is full/);
    expect(everything(db)).toEqual(before);
  });
});

describe('other storage failures', () => {
  it('a lock held by another process past the busy timeout: "busy", nothing written', async () => {
    const { db, file } = tempArchive();
    const ids = await prepare(db);
    const other = openArchive(file);
    other.prepare('BEGIN IMMEDIATE').run();
    db.pragma('busy_timeout = 50');
    try {
      const result = await ids.call('saveSettings', { authorName: 'Blocked' });
      expect(result).toMatchObject({ ok: false, error: { code: 'busy' } });
      expect(reportedFailure(result)).toMatch(/^busy: Not saved: another process is writing to the archive\./);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(await ids.call('saveSettings', { authorName: 'Unblocked' })).toMatchObject({ ok: true });
  });

  it('an archive opened read-only: "read-only", for briefs and sources alike', async () => {
    const { db, file } = tempArchive();
    const ids = await prepare(db);
    db.close();
    const readOnly = new Database(file, { readonly: true });
    try {
      const call = (method: keyof Handlers, payload: unknown) => dispatch(handlersFor(readOnly), method, payload);
      for (const [method, payload] of writes(ids)) {
        if (method === 'exportBrief') continue;
        expect(reportedFailure(await call(method, payload)) ?? 'reported as saved', method).toMatch(
          /^(read-only|failed): Not saved: the archive cannot be written to\./,
        );
      }
    } finally {
      readOnly.close();
    }
  });

  it('names every storage failure SQLite reports, and leaves other errors alone', () => {
    expect(describeStorageFailure('SQLITE_IOERR_WRITE')?.code).toBe('io-error');
    expect(describeStorageFailure('SQLITE_IOERR_FSYNC')?.advice).toContain('SQLITE_IOERR_FSYNC');
    expect(describeStorageFailure('SQLITE_READONLY_DBMOVED')?.code).toBe('read-only');
    expect(describeStorageFailure('SQLITE_LOCKED_SHAREDCACHE')?.code).toBe('busy');
    expect(describeStorageFailure('SQLITE_BUSY_SNAPSHOT')?.code).toBe('busy');
    expect(describeStorageFailure('SQLITE_CONSTRAINT_CHECK')).toBeNull();
    const constraint = new Database.SqliteError('CHECK constraint failed', 'SQLITE_CONSTRAINT_CHECK');
    expect(asWriteError(constraint)).toBe(constraint);
  });
});
