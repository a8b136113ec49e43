import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { assertMigratable, migrate } from './migrations';

export type Db = Database.Database;

export const ARCHIVE_FILE_NAME = 'archive.sqlite';

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Opens (creating if needed) the archive at `file` and brings its schema up to date.
 * `nativeBinding` lets the Electron build point better-sqlite3 at the addon rebuilt for Electron.
 */
export function openArchive(file: string, options: { nativeBinding?: string } = {}): Db {
  mkdirSync(dirname(file), { recursive: true });
  // Checked before SQLite touches the file: a user who points us at the wrong file must get it
  // back byte for byte, and SQLite only notices a bad header once it has been asked to write.
  assertLooksLikeSqlite(file);

  const db = options.nativeBinding ? new Database(file, { nativeBinding: options.nativeBinding }) : new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    // Before WAL mode, which is recorded in the file: a database we refuse stays as it was.
    assertMigratable(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Database.SqliteError && (error.code === 'SQLITE_NOTADB' || error.code === 'SQLITE_CORRUPT')) {
      throw new Error(`${file} is not a readable Précis archive (${error.message}).`, { cause: error });
    }
    throw error;
  }
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
    throw new Error(`${file} is not a Précis archive: it is not an SQLite database. The file was left untouched.`);
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
