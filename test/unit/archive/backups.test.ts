import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUPS_DIR_NAME, DAILY_BACKUPS_KEPT, listBackups, takeDailyBackupIfDue } from '../../../main/archive/backups';
import { ARCHIVE_FILE_NAME, type Db, openArchive, UnreadableArchiveError } from '../../../main/archive/database';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { type OpenedArchive, openArchiveWithBackups } from '../../../main/archive/openWithBackups';
import { openCore } from '../../../main/core';
import type { LocalizedText } from '../../../shared/i18n/localizedText';
import { catalogText } from '../support/catalogText';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const opened: OpenedArchive[] = [];
afterEach(() => {
  for (const archive of opened.splice(0)) archive.close();
});

/** Opens as the app does: repairs allowed, then the daily backup if due. */
async function open(dataDir: string, now?: Date) {
  const result = await openArchiveWithBackups(dataDir, ARCHIVE_FILE_NAME, now ? { now } : {});
  opened.push(result);
  await takeDailyBackupIfDue(result.db, join(dataDir, BACKUPS_DIR_NAME), now);
  return result;
}

function setting(db: Db, key: string): unknown {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

/** An archive with enough rows that its middle is table data, then closed (checkpointed). */
function archiveWithData(dataDir: string, marker: string): string {
  const file = join(dataDir, ARCHIVE_FILE_NAME);
  const db = openArchive(file);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('marker', marker);
  const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`filler-${i}`, 'x'.repeat(200));
  })();
  db.close();
  return file;
}

/** Overwrites 16 KiB in the middle of the file with garbage. */
function corrupt(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(16 * 1024, 0xa5), 0, 16 * 1024, Math.floor(size / 2 / 4096) * 4096);
  } finally {
    closeSync(fd);
  }
}

describe('pre-migration backup', () => {
  it('is taken before migrating an older archive, and opens at the old version with its data', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, ARCHIVE_FILE_NAME);
    const oldVersion = MIGRATIONS[MIGRATIONS.length - 2]!.version;
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(old, oldVersion);
    old.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'before migration')").run();
    old.close();

    const { db, notice } = await open(dataDir);
    expect(notice).toBeNull();
    expect(schemaVersion(db)).toBe(LATEST_VERSION);

    const preMigration = listBackups(join(dataDir, BACKUPS_DIR_NAME)).filter((b) => b.kind === 'pre-migration');
    expect(preMigration).toHaveLength(1);
    expect(preMigration[0]!.path).toMatch(
      new RegExp(`archive-pre-migration-v${oldVersion}-\\d{4}-\\d\\d-\\d\\dT[\\d-]+\\.\\d{3}Z\\.sqlite$`),
    );
    const backup = new Database(preMigration[0]!.path, { readonly: true });
    try {
      expect(backup.pragma('user_version', { simple: true })).toBe(oldVersion);
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(backup.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({
        value: 'before migration',
      });
    } finally {
      backup.close();
    }
  });

  it('is not taken for a new archive or one already current', async () => {
    const dataDir = tempDir();
    (await open(dataDir)).close();
    (await open(dataDir)).close();
    expect(listBackups(join(dataDir, BACKUPS_DIR_NAME)).filter((b) => b.kind === 'pre-migration')).toEqual([]);
  });
});

describe('a damaged archive', () => {
  it('is refused by openArchive with UnreadableArchiveError, unchanged', () => {
    const dataDir = tempDir();
    const file = archiveWithData(dataDir, 'x');
    corrupt(file);
    const before = readFileSync(file);
    expect(() => openArchive(file)).toThrow(UnreadableArchiveError);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('is moved aside, never overwritten, and the newest good backup is restored with its data', async () => {
    const dataDir = tempDir();
    const backupsDir = join(dataDir, BACKUPS_DIR_NAME);
    archiveWithData(dataDir, 'first');
    const day1 = new Date('2026-11-20T09:00:00.000Z');
    (await open(dataDir, day1)).close();

    // The next day: newer data, a newer daily backup, then more work the backup does not have.
    const day2 = new Date('2026-11-21T09:00:00.000Z');
    const second = await open(dataDir, day2);
    second.db.prepare("UPDATE settings SET value = 'second' WHERE key = 'marker'").run();
    second.close();
    const third = await open(dataDir, new Date('2026-11-22T09:00:00.000Z'));
    third.db.prepare("UPDATE settings SET value = 'after the last backup' WHERE key = 'marker'").run();
    third.close();
    const backups = listBackups(backupsDir);
    expect(backups.map((b) => b.takenAt)).toEqual([
      Date.parse('2026-11-22T09:00:00.000Z'),
      day2.getTime(),
      day1.getTime(),
    ]);

    const file = join(dataDir, ARCHIVE_FILE_NAME);
    corrupt(file);
    const damaged = readFileSync(file);
    const { db, notice, noticeText } = await open(dataDir, new Date('2026-11-22T10:00:00.000Z'));

    // The archive moves with its -wal and -shm (if any), byte for byte.
    const aside = readdirSync(dataDir).filter((name) => name.startsWith('archive.corrupt-'));
    expect(aside.filter((name) => name.endsWith('.sqlite'))).toEqual([
      'archive.corrupt-2026-11-22T10-00-00.000Z.sqlite',
    ]);
    expect(aside.every((name) => /\.sqlite(-wal|-shm)?$/.test(name))).toBe(true);
    expect(readFileSync(join(dataDir, 'archive.corrupt-2026-11-22T10-00-00.000Z.sqlite')).equals(damaged)).toBe(true);
    expect(setting(db, 'marker')).toBe('second');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(notice).toMatch(/could not be read/);
    expect(notice).toContain('archive.corrupt-2026-11-22T10-00-00.000Z.sqlite');
    expect(notice).toContain('backup of 2026-11-22T09:00:00.000Z was restored');
    expect(catalogText('en', noticeText!)).toBe(notice);
  });

  it('skips a damaged backup and restores the next one', async () => {
    const dataDir = tempDir();
    archiveWithData(dataDir, 'first');
    (await open(dataDir, new Date('2026-11-20T09:00:00.000Z'))).close();
    const later = await open(dataDir, new Date('2026-11-21T09:00:00.000Z'));
    later.close();
    const [newest] = listBackups(join(dataDir, BACKUPS_DIR_NAME));
    writeFileSync(newest!.path, 'not a database');
    corrupt(join(dataDir, ARCHIVE_FILE_NAME));
    const { db, notice, noticeText } = await open(dataDir, new Date('2026-11-21T10:00:00.000Z'));
    expect(setting(db, 'marker')).toBe('first');
    expect(notice).toContain('backup of 2026-11-20T09:00:00.000Z was restored');
    expect(catalogText('en', noticeText!)).toBe(notice);
  });

  it('without any backup: moved aside, a fresh archive is created, and the notice says so', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, ARCHIVE_FILE_NAME);
    writeFileSync(file, 'Notes for the minister\n'.repeat(100));
    const { db, notice, noticeText } = await open(dataDir, new Date('2026-11-22T10:00:00.000Z'));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(setting(db, 'marker')).toBeUndefined();
    expect(notice).toMatch(/no backup to restore, so a new, empty archive was created/);
    expect(catalogText('en', noticeText!)).toBe(notice);
    expect(readFileSync(join(dataDir, 'archive.corrupt-2026-11-22T10-00-00.000Z.sqlite'), 'utf8')).toBe(
      'Notes for the minister\n'.repeat(100),
    );
  });

  it('reaches the analyst through openCore and appInfo', async () => {
    const dataDir = tempDir();
    const file = archiveWithData(dataDir, 'x');
    corrupt(file);
    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
    try {
      expect(core.notice).toMatch(/could not be read/);
      const info = core.handlers.appInfo({}) as { notice: string; notices: LocalizedText[] };
      expect(info).toMatchObject({ notice: core.notice });
      // The same notice as a catalog message, for an interface in French (docs/i18n.md).
      expect(info.notices.map((text) => catalogText('en', text)).join(' ')).toBe(core.notice);
      expect(catalogText('fr', info.notices[0]!)).toMatch(
        /^L’archive n’a pas pu être lue \(.*\)\. Elle a été mise de côté/,
      );
    } finally {
      core.close();
    }
  });

  it('still refuses (and does not move) a newer archive: that is not damage', async () => {
    const dataDir = tempDir();
    const file = archiveWithData(dataDir, 'x');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();
    await expect(open(dataDir)).rejects.toThrow(/newer version of Précis/);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(dataDir).some((name) => name.includes('corrupt'))).toBe(false);
  });
});

describe('daily backups', () => {
  it('are taken at most once a day, and the newest 7 are kept', async () => {
    const dataDir = tempDir();
    const backupsDir = join(dataDir, BACKUPS_DIR_NAME);
    const { db } = await open(dataDir, new Date('2026-11-01T08:00:00.000Z'));
    expect(listBackups(backupsDir)).toHaveLength(1);
    // Less than a day later: nothing new.
    expect(await takeDailyBackupIfDue(db, backupsDir, new Date('2026-11-02T07:59:00.000Z'))).toBeNull();
    for (let day = 2; day <= 10; day++) {
      const now = new Date(`2026-11-${String(day).padStart(2, '0')}T08:00:00.000Z`);
      db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('day', ?)").run(String(day));
      expect(await takeDailyBackupIfDue(db, backupsDir, now)).not.toBeNull();
    }
    const kept = listBackups(backupsDir);
    expect(kept).toHaveLength(DAILY_BACKUPS_KEPT);
    expect(kept.map((b) => new Date(b.takenAt).getUTCDate())).toEqual([10, 9, 8, 7, 6, 5, 4]);
    expect(readdirSync(backupsDir).filter((name) => !name.startsWith('archive-daily-'))).toEqual([]);
    const newest = new Database(kept[0]!.path, { readonly: true });
    try {
      expect(newest.prepare("SELECT value FROM settings WHERE key = 'day'").get()).toEqual({ value: '10' });
      expect(newest.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      newest.close();
    }
  });
});
