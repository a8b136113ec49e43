import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BACKUP_BUDGET_FLOOR_BYTES,
  BACKUPS_DIR_NAME,
  backupTo,
  fileStamp,
  listBackups,
  pruneBackups,
  retentionFor,
  takeDailyBackupIfDue,
} from '../../../main/archive/backups';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { openArchiveWithBackups } from '../../../main/archive/openWithBackups';
import { type Core, openCore } from '../../../main/core';
import { cleanUpTemp, copyOfSeeds, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

const DAY = 24 * 60 * 60 * 1000;

async function core(dataDir: string, options: Partial<Parameters<typeof openCore>[0]> = {}): Promise<Core> {
  const opened = await openCore({
    dataDir,
    seedsDir: null,
    mode: 'browser',
    version: 'test',
    allowRepair: true,
    ...options,
  });
  cores.push(opened);
  return opened;
}

/** A backup file of `bytes` bytes (content does not matter to retention) taken at `iso`. */
function fakeBackup(dir: string, kind: 'daily' | 'pre-migration-v60', iso: string, bytes: number): string {
  const path = join(dir, `archive-${kind}-${fileStamp(new Date(iso))}.sqlite`);
  writeFileSync(path, Buffer.alloc(bytes));
  return path;
}

describe('backups are written whole or not at all', () => {
  it('are written as .partial and renamed when complete', async () => {
    const { db, dir } = tempArchive();
    const target = join(dir, 'copy.sqlite');
    const writing = backupTo(db, target);
    // The backup API runs in steps: while it runs, only the .partial exists.
    expect(existsSync(`${target}.partial`)).toBe(true);
    expect(existsSync(target)).toBe(false);
    await writing;
    expect(readdirSync(dir).filter((name) => name.startsWith('copy'))).toEqual(['copy.sqlite']);
  });

  it('leftover .partial files are removed at start, but not while another process may be writing one', async () => {
    const dataDir = tempDir();
    const backupsDir = join(dataDir, BACKUPS_DIR_NAME);
    (await core(dataDir)).close();
    cores.length = 0;
    const leftover = join(backupsDir, `archive-daily-${fileStamp(new Date())}.sqlite.partial`);
    writeFileSync(leftover, 'half a backup');
    const first = await core(dataDir);
    expect(existsSync(leftover)).toBe(false);
    writeFileSync(leftover, 'being written by the first process');
    await core(dataDir);
    expect(existsSync(leftover)).toBe(true);
    expect(first.notice).toBeNull();
  });
});

describe('retention: by count and by total size', () => {
  it('keeps the newest 7 daily and 3 pre-migration backups', () => {
    const dir = tempDir();
    for (let day = 1; day <= 10; day++)
      fakeBackup(dir, 'daily', `2026-11-${String(day).padStart(2, '0')}T08:00:00.000Z`, 10);
    for (let day = 1; day <= 5; day++) fakeBackup(dir, 'pre-migration-v60', `2026-10-0${day}T08:00:00.000Z`, 10);
    pruneBackups(dir, retentionFor(1000));
    const kept = listBackups(dir);
    expect(kept.filter((b) => b.kind === 'daily').map((b) => new Date(b.takenAt).getUTCDate())).toEqual([
      10, 9, 8, 7, 6, 5, 4,
    ]);
    expect(kept.filter((b) => b.kind === 'pre-migration').map((b) => new Date(b.takenAt).getUTCDate())).toEqual([
      5, 4, 3,
    ]);
  });

  it('keeps no more than the size budget, oldest deleted first, the newest always', () => {
    const dir = tempDir();
    for (let day = 1; day <= 7; day++) fakeBackup(dir, 'daily', `2026-11-0${day}T08:00:00.000Z`, 1000);
    const removed = pruneBackups(dir, { dailyKept: 7, preMigrationKept: 3, maxTotalBytes: 3500 });
    expect(removed).toHaveLength(4);
    expect(listBackups(dir).map((b) => new Date(b.takenAt).getUTCDate())).toEqual([7, 6, 5]);
    pruneBackups(dir, { dailyKept: 7, preMigrationKept: 3, maxTotalBytes: 10 });
    expect(listBackups(dir).map((b) => new Date(b.takenAt).getUTCDate())).toEqual([7]);
  });

  it('budgets 3× the archive, and at least 256 MiB', () => {
    expect(retentionFor(147 * 1024 * 1024).maxTotalBytes).toBe(3 * 147 * 1024 * 1024);
    expect(retentionFor(1024).maxTotalBytes).toBe(BACKUP_BUDGET_FLOOR_BYTES);
  });

  it('applies to daily backups as they are taken', async () => {
    const { db, dir } = tempArchive();
    const backupsDir = join(dir, BACKUPS_DIR_NAME);
    await takeDailyBackupIfDue(db, backupsDir, new Date(Date.UTC(2026, 10, 1, 8)));
    const size = statSync(listBackups(backupsDir)[0]!.path).size;
    const twoBackups = { dailyKept: 7, preMigrationKept: 3, maxTotalBytes: size * 2 };
    for (let day = 2; day <= 5; day++) {
      await takeDailyBackupIfDue(db, backupsDir, new Date(Date.UTC(2026, 10, day, 8)), twoBackups);
    }
    expect(listBackups(backupsDir).map((b) => new Date(b.takenAt).getUTCDate())).toEqual([5, 4]);
  });
});

describe('daily backups', () => {
  it('the first is taken after seeding, not of the empty archive', async () => {
    const dataDir = tempDir();
    await core(dataDir, { seedsDir: copyOfSeeds() });
    const [first, ...others] = listBackups(join(dataDir, BACKUPS_DIR_NAME));
    expect(others).toEqual([]);
    const backup = new Database(first!.path, { readonly: true });
    expect(backup.prepare('SELECT count(*) AS n FROM sources').get()).toEqual({ n: 5 });
    backup.close();
  });

  it('a process that runs across days keeps taking them (injected clock, timer)', async () => {
    const dataDir = tempDir();
    const backupsDir = join(dataDir, BACKUPS_DIR_NAME);
    let now = new Date('2026-11-20T23:30:00.000Z');
    await core(dataDir, { clock: () => now, backupCheckMs: 5 });
    expect(listBackups(backupsDir)).toHaveLength(1);
    now = new Date(now.getTime() + DAY);
    await expect.poll(() => listBackups(backupsDir).length).toBe(2);
    now = new Date(now.getTime() + DAY);
    await expect.poll(() => listBackups(backupsDir).length).toBe(3);
    expect(listBackups(backupsDir)[0]!.takenAt).toBe(now.getTime());
  });

  it('are not taken by read-only opens', async () => {
    const dataDir = tempDir();
    await core(dataDir, { allowRepair: false });
    expect(existsSync(join(dataDir, BACKUPS_DIR_NAME))).toBe(false);
  });
});

describe('files are private', () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  it.skipIf(process.platform === 'win32')('creates the data dir, archive, backups and locks 0700/0600', async () => {
    const dataDir = join(tempDir(), 'Precis');
    const opened = await core(dataDir);
    const backupsDir = join(dataDir, BACKUPS_DIR_NAME);
    const file = join(dataDir, ARCHIVE_FILE_NAME);
    for (const dir of [dataDir, backupsDir, join(dataDir, 'locks')]) expect(mode(dir), dir).toBe(0o700);
    for (const path of [file, `${file}-wal`, `${file}-shm`, ...listBackups(backupsDir).map((b) => b.path)]) {
      expect(mode(path), path).toBe(0o600);
    }
    for (const name of readdirSync(join(dataDir, 'locks')))
      expect(mode(join(dataDir, 'locks', name)), name).toBe(0o600);
    opened.close();
  });

  it.skipIf(process.platform === 'win32')('tightens what an older Précis left readable', async () => {
    const dataDir = tempDir();
    (await core(dataDir)).close();
    cores.length = 0;
    const { chmodSync } = await import('node:fs');
    const backupsDir = join(dataDir, BACKUPS_DIR_NAME);
    const file = join(dataDir, ARCHIVE_FILE_NAME);
    const [backup] = listBackups(backupsDir);
    chmodSync(dataDir, 0o755);
    chmodSync(backupsDir, 0o755);
    chmodSync(file, 0o644);
    chmodSync(backup!.path, 0o644);
    await core(dataDir);
    expect([mode(dataDir), mode(backupsDir), mode(file), mode(backup!.path)]).toEqual([0o700, 0o700, 0o600, 0o600]);
  });

  it.skipIf(process.platform === 'win32')('restores a backup 0600', async () => {
    const dataDir = tempDir();
    (await core(dataDir)).close();
    cores.length = 0;
    const file = join(dataDir, ARCHIVE_FILE_NAME);
    writeFileSync(file, '');
    const opened = await openArchiveWithBackups(dataDir, ARCHIVE_FILE_NAME);
    expect(opened.notice).toMatch(/was restored/);
    expect(mode(file)).toBe(0o600);
    opened.close();
  });
});
