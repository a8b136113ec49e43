import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db, openArchive, withSynchronousNormal } from '../../../main/archive/database';
import { LATEST_VERSION } from '../../../main/archive/migrations';
import { committed } from '../../../main/archive/writeErrors';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

describe('openArchive', () => {
  it('creates the parent folder and sets the connection pragmas', () => {
    const file = join(tempDir(), 'deep', 'er', ARCHIVE_FILE_NAME);
    const db = openArchive(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    } finally {
      db.close();
    }
  });

  it('reopens an existing archive with its data', () => {
    const { db, file } = tempArchive();
    db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    db.close();
    const again = openArchive(file);
    try {
      expect(again.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: 'v' });
    } finally {
      again.close();
    }
  });

  it('refuses a file that is not a database, and leaves it byte for byte as it was', () => {
    const file = join(tempDir(), ARCHIVE_FILE_NAME);
    const content = 'Notes for the minister\n'.repeat(500);
    writeFileSync(file, content);
    expect(() => openArchive(file)).toThrow(/is not a Précis archive: it is not an SQLite database/);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("refuses another program's SQLite database without adding tables to it", () => {
    const file = join(tempDir(), 'other.sqlite');
    const other = new Database(file);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann')");
    other.close();
    const before = readFileSync(file);
    expect(() => openArchive(file)).toThrow(/SQLite database but not a Précis archive/);
    expect(readFileSync(file).equals(before)).toBe(true);
    const raw = new Database(file);
    expect(raw.prepare('SELECT name FROM sqlite_schema').all()).toEqual([{ name: 'contacts' }]);
    raw.close();
  });

  it('refuses a file shorter than an SQLite header', () => {
    const file = join(tempDir(), ARCHIVE_FILE_NAME);
    writeFileSync(file, 'SQLite');
    expect(() => openArchive(file)).toThrow(/not an SQLite database/);
    expect(readFileSync(file, 'utf8')).toBe('SQLite');
  });

  it('refuses a folder', () => {
    const dir = tempDir();
    expect(() => openArchive(dir)).toThrow(/is a folder/);
  });

  it('accepts an empty file as a new archive', () => {
    const file = join(tempDir(), ARCHIVE_FILE_NAME);
    writeFileSync(file, '');
    const db = openArchive(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('passes nativeBinding to better-sqlite3', () => {
    const require = createRequire(import.meta.url);
    const binding = join(
      dirname(require.resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    );
    const dir = tempDir();
    const db = openArchive(join(dir, 'a.sqlite'), { nativeBinding: binding });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
    expect(() => openArchive(join(dir, 'b.sqlite'), { nativeBinding: join(dir, 'missing.node') })).toThrow();
  });

  it('works with a plain better-sqlite3 connection on the same file (WAL is persistent)', () => {
    const { db, file } = tempArchive();
    db.close();
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });
});

describe('withSynchronousNormal (bulk writes)', () => {
  /** Frames in the WAL not yet copied into the archive: what a checkpoint would copy now. */
  const walFrames = (db: Db): number => (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;

  it('lets the WAL grow to 64 MB between checkpoints, then restores FULL and the usual interval', async () => {
    const { db } = tempArchive();
    try {
      db.exec('CREATE TABLE bulk (x TEXT) STRICT');
      const write = db.prepare('INSERT INTO bulk (x) VALUES (?)');
      const framesWhileBulk = await withSynchronousNormal(db, () => {
        // 8 MB in 8 commits: past SQLite's own interval (1,000 pages, 4 MB), short of 64 MB.
        for (let i = 0; i < 8; i++) committed(db, () => write.run('x'.repeat(1 << 20)));
        expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
        return walFrames(db);
      });
      expect(framesWhileBulk).toBeGreaterThan(2000);
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      db.close();
    }
  });

  it('restores FULL and the usual interval when the bulk write fails', async () => {
    const { db } = tempArchive();
    try {
      await expect(
        withSynchronousNormal(db, () => {
          throw new Error('import failed');
        }),
      ).rejects.toThrow('import failed');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      db.close();
    }
  });
});
