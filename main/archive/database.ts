import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { assertMigratable, migrate } from './migrations';
import { createPrivateFile, makePrivateDir, tightenFile } from './privateFiles';

export type Db = Database.Database;

export const ARCHIVE_FILE_NAME = 'archive.sqlite';

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * The archive could not be read: not an SQLite file, or damaged (failed `PRAGMA quick_check`).
 * `openArchiveWithBackups` moves such a file aside and restores a backup; `openArchive` throws it.
 */
export class UnreadableArchiveError extends Error {}

/*
 * Durability. The archive runs in WAL mode with `synchronous = FULL`: every commit waits for the
 * WAL to reach the disk, so a saved brief survives a power cut, not just a crash of Précis (WAL
 * with NORMAL is crash-safe but may lose the last commits on power loss, which for an analyst is
 * the last keystrokes of a note). Brief saves, snapshots and settings are written at human pace (an
 * autosave at most every ~0.7 s), so one fsync each costs nothing anyone notices. Bulk writes run
 * at NORMAL through `withSynchronousNormal`: an import (or the first-run seeding) is one transaction
 * per file and can simply be run again if the machine loses power; the schema migrations run at
 * NORMAL too, and they are preceded by a backup. NORMAL still never corrupts the archive in WAL mode.
 */
const SYNCHRONOUS_FULL = 2;
const SYNCHRONOUS_NORMAL = 1;

/**
 * WAL size at which a bulk write checkpoints, instead of SQLite's 1,000 pages (4 MB). Each
 * checkpoint copies the WAL into the archive and syncs both; a page rewritten between two
 * checkpoints (the FTS5 index's, the sources' B-tree's upper pages) is copied again at each.
 * Building 10,000 bench sources: 11 syncs instead of 35 and 237 MB written instead of 253 (30,000:
 * 853 MB instead of 924); the writer's CPU moved within the noise of a loaded machine. The WAL
 * holds committed transactions only, so nothing is less durable than at NORMAL.
 */
const BULK_CHECKPOINT_BYTES = 64 << 20;

/**
 * Runs `work` (which may be async, e.g. an import) with `synchronous = NORMAL` and checkpoints
 * every BULK_CHECKPOINT_BYTES of WAL, then restores FULL and the usual interval. For bulk writes
 * whose loss on a power cut is cheap to redo; see the note above.
 */
export async function withSynchronousNormal<T>(db: Db, work: () => T | Promise<T>): Promise<T> {
  const checkpointPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`synchronous = ${SYNCHRONOUS_NORMAL}`);
  db.pragma(`wal_autocheckpoint = ${bulkCheckpointPages(db)}`);
  try {
    return await work();
  } finally {
    if (db.open) {
      db.pragma(`synchronous = ${SYNCHRONOUS_FULL}`);
      db.pragma(`wal_autocheckpoint = ${checkpointPages}`);
    }
  }
}

/** BULK_CHECKPOINT_BYTES in pages of this archive (`PRAGMA wal_autocheckpoint` counts pages). */
export function bulkCheckpointPages(db: Db): number {
  return Math.ceil(BULK_CHECKPOINT_BYTES / (db.pragma('page_size', { simple: true }) as number));
}

/**
 * Opens (creating if needed) the archive at `file` and brings its schema up to date.
 * `nativeBinding` lets the Electron build point better-sqlite3 at the addon rebuilt for Electron.
 * Throws `UnreadableArchiveError` for a file that is not an SQLite database or fails
 * `PRAGMA quick_check`, leaving it as it was. `openArchiveWithBackups` (openWithBackups.ts) adds the
 * pre-migration backup and the recovery of a damaged archive; the app opens the archive through it.
 */
export function openArchive(file: string, options: ArchiveOptions = {}): Db {
  const { db } = connectArchive(file, options);
  return finishOpening(db, file);
}

export interface ArchiveOptions {
  nativeBinding?: string;
  /**
   * false: only the cheap check (header, schema pages, size agrees with the header) instead of
   * `PRAGMA quick_check`, for an archive known to be as it was left (see cleanClose.ts).
   */
  fullCheck?: boolean;
}

/**
 * First half of opening: checks the file (header, then `PRAGMA quick_check` through a read-only
 * connection, so that a damaged archive is not even checkpointed into), opens it and refuses what
 * this version must not touch. Returns the connection and the schema version it found.
 */
export function connectArchive(file: string, options: ArchiveOptions = {}): { db: Db; version: number } {
  makePrivateDir(dirname(file));
  // Checked before SQLite touches the file: a user who points us at the wrong file must get it
  // back byte for byte, and SQLite only notices a bad header once it has been asked to write.
  assertLooksLikeSqlite(file);
  if (existsSync(file) && statSync(file).size > 0) assertHealthy(file, options);
  // SQLite would create the file 0644; its -wal and -shm take the archive's mode.
  if (!existsSync(file)) createPrivateFile(file);

  const db = openDatabase(file, options);
  try {
    db.pragma('busy_timeout = 5000');
    // Before WAL mode, which is recorded in the file: a database we refuse stays as it was.
    return { db, version: assertMigratable(db) };
  } catch (error) {
    db.close();
    throw asUnreadable(error, file);
  }
}

/** Second half of opening: connection pragmas (WAL is recorded in the file) and migrations. */
export function finishOpening(db: Db, file: string): Db {
  try {
    for (const suffix of ['', '-wal', '-shm']) tightenFile(file + suffix);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`synchronous = ${SYNCHRONOUS_NORMAL}`);
    migrate(db);
    db.pragma(`synchronous = ${SYNCHRONOUS_FULL}`);
    return db;
  } catch (error) {
    db.close();
    throw asUnreadable(error, file);
  }
}

function openDatabase(file: string, options: ArchiveOptions & { readonly?: boolean }): Db {
  const settings: Database.Options = {};
  if (options.nativeBinding) settings.nativeBinding = options.nativeBinding;
  if (options.readonly) settings.readonly = true;
  return new Database(file, settings);
}

/**
 * `PRAGMA quick_check` (or, with `fullCheck: false`, the cheap check) on a read-only connection,
 * which never writes to the file, even on close.
 */
function assertHealthy(file: string, options: ArchiveOptions): void {
  let db: Db;
  try {
    db = openDatabase(file, { ...options, readonly: true });
  } catch (error) {
    throw asUnreadable(error, file);
  }
  try {
    db.pragma('busy_timeout = 5000');
    const result = options.fullCheck === false ? cheapCheck(db, file) : db.pragma('quick_check', { simple: true });
    if (result !== 'ok') {
      throw new UnreadableArchiveError(`${file} is damaged (SQLite quick_check: ${oneLine(String(result))}).`);
    }
  } catch (error) {
    throw asUnreadable(error, file);
  } finally {
    db.close();
  }
}

/**
 * Reads the schema and checks that the header's page count agrees with the file's size. With a
 * write-ahead log in use (another process has the archive open), the page count is the log's and
 * the file catches up at the next checkpoint, so only the schema is read.
 */
function cheapCheck(db: Db, file: string): string {
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) return 'ok';
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = statSync(file).size;
  return size === pages * pageSize ? 'ok' : `the file is ${size} bytes, its header says ${pages * pageSize}`;
}

/** The first problem of a check's report, on one line (the CLI prints one line). */
export function oneLine(report: string): string {
  const text = report
    .replace(/\*\*\* in database \w+ \*\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function asUnreadable(error: unknown, file: string): unknown {
  if (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_NOTADB' || error.code.startsWith('SQLITE_CORRUPT'))
  ) {
    return new UnreadableArchiveError(`${file} is not a readable Précis archive (${error.message}).`, { cause: error });
  }
  return error;
}

function assertLooksLikeSqlite(file: string): void {
  if (!existsSync(file)) return;
  const stats = statSync(file);
  if (stats.isDirectory()) throw new Error(`${file} is a folder, not a Précis archive file.`);
  // SQLite treats an empty file as a new, empty database.
  if (stats.size === 0) return;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read < header.length || header.toString('latin1') !== SQLITE_HEADER) {
    throw new UnreadableArchiveError(
      `${file} is not a Précis archive: it is not an SQLite database. The file was left untouched.`,
    );
  }
}

type Statement = Database.Statement<unknown[], unknown>;
const statementCache = new WeakMap<Db, Map<string, Statement>>();

/**
 * Prepares `sql` once per connection. Compiling is most of the cost of a small query, and the
 * search box runs the same few statements on every keystroke.
 */
export function prepareCached(db: Db, sql: string): Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
