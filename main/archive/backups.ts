import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type ArchiveOptions, connectArchive, type Db, finishOpening, UnreadableArchiveError } from './database';
import { LATEST_VERSION } from './migrations';

export const BACKUPS_DIR_NAME = 'backups';
/** Daily backups kept; the oldest beyond this are deleted. Pre-migration backups are kept. */
export const DAILY_BACKUPS_KEPT = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `2026-11-25T19-25-06.123Z`: an ISO instant that sorts as text and is a valid file name everywhere. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/:/g, '-');
}

function parseStamp(stamp: string): number {
  return Date.parse(stamp.replace(/T(\d\d)-(\d\d)-(\d\d)/, 'T$1:$2:$3'));
}

const BACKUP_NAME = /^archive-(daily|pre-migration-v\d+)-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z)\.sqlite$/;

export interface BackupFile {
  path: string;
  kind: 'daily' | 'pre-migration';
  takenAt: number;
}

/** The backups in `backupsDir`, newest first. */
export function listBackups(backupsDir: string): BackupFile[] {
  if (!existsSync(backupsDir)) return [];
  const backups: BackupFile[] = [];
  for (const name of readdirSync(backupsDir)) {
    const match = BACKUP_NAME.exec(name);
    if (!match?.[1] || !match[2]) continue;
    const takenAt = parseStamp(match[2]);
    if (Number.isNaN(takenAt)) continue;
    backups.push({ path: join(backupsDir, name), kind: match[1] === 'daily' ? 'daily' : 'pre-migration', takenAt });
  }
  return backups.sort((a, b) => b.takenAt - a.takenAt || (a.path < b.path ? 1 : -1));
}

/**
 * Copies the live archive with SQLite's online backup API, then switches the copy to a rollback
 * journal, so that a backup is one self-contained file that can later be copied back as it is.
 */
export async function backupTo(db: Db, target: string): Promise<void> {
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  await db.backup(partial);
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  // Renamed only when complete: a backup interrupted by a crash is never taken for a good one.
  renameSync(partial, target);
}

/** Takes a daily backup when the newest is older than a day (or there is none); keeps the newest 7. */
export async function takeDailyBackupIfDue(db: Db, backupsDir: string, now: Date = new Date()): Promise<string | null> {
  mkdirSync(backupsDir, { recursive: true });
  const dailies = listBackups(backupsDir).filter((b) => b.kind === 'daily');
  const newest = dailies[0];
  let taken: string | null = null;
  if (!newest || now.getTime() - newest.takenAt >= DAY_MS) {
    taken = join(backupsDir, `archive-daily-${fileStamp(now)}.sqlite`);
    await backupTo(db, taken);
  }
  for (const old of listBackups(backupsDir)
    .filter((b) => b.kind === 'daily')
    .slice(DAILY_BACKUPS_KEPT)) {
    rmSync(old.path, { force: true });
  }
  return taken;
}

export interface OpenedArchive {
  db: Db;
  /** Something the analyst must be told (the archive was damaged and replaced); null otherwise. */
  notice: string | null;
}

/**
 * How the app opens its archive (`<dataDir>/archive.sqlite`):
 * - an archive with migrations to apply is first copied to
 *   `backups/archive-pre-migration-vN-<time>.sqlite` (N = its version before migrating);
 * - a damaged or unreadable archive is never written to: it and its -wal/-shm are renamed to
 *   `archive.corrupt-<time>.sqlite…`, the newest backup that passes `quick_check` is copied in its
 *   place (or, without one, a fresh archive is created), and `notice` says so;
 * - once open, a daily backup is taken if the newest is more than a day old (7 are kept).
 */
export async function openArchiveWithBackups(
  dataDir: string,
  fileName: string,
  options: ArchiveOptions & { now?: Date } = {},
): Promise<OpenedArchive> {
  const file = join(dataDir, fileName);
  const backupsDir = join(dataDir, BACKUPS_DIR_NAME);
  let notice: string | null = null;
  let db: Db;
  try {
    db = await openMigratingWithBackup(file, backupsDir, options);
  } catch (error) {
    if (!(error instanceof UnreadableArchiveError)) throw error;
    const stamp = fileStamp(options.now ?? new Date());
    const asideName = `${fileName.replace(/\.sqlite$/, '')}.corrupt-${stamp}.sqlite`;
    const aside = join(dataDir, asideName);
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    const restored = restoreNewestGoodBackup(backupsDir, file, options);
    const reason = error.message.replace(`${file} `, 'it ').replace(/\.? The file was left untouched\.$/, '');
    notice = restored
      ? `The archive could not be read (${reason}). It was moved aside to ${aside} and the backup of ` +
        `${new Date(restored.takenAt).toISOString()} was restored: changes made since then are not in it.`
      : `The archive could not be read (${reason}). It was moved aside to ${aside}; there was no backup to ` +
        'restore, so a new, empty archive was created.';
    db = await openMigratingWithBackup(file, backupsDir, options);
  }
  try {
    await takeDailyBackupIfDue(db, backupsDir, options.now);
  } catch (error) {
    // A full disk must not keep the analyst out of the archive; say so instead.
    const message = `The daily backup could not be written (${error instanceof Error ? error.message : String(error)}).`;
    notice = notice ? `${notice} ${message}` : message;
  }
  return { db, notice };
}

async function openMigratingWithBackup(file: string, backupsDir: string, options: ArchiveOptions & { now?: Date }) {
  const { db, version } = connectArchive(file, options);
  if (version > 0 && version < LATEST_VERSION) {
    try {
      mkdirSync(backupsDir, { recursive: true });
      const stamp = fileStamp(options.now ?? new Date());
      await backupTo(db, join(backupsDir, `archive-pre-migration-v${version}-${stamp}.sqlite`));
    } catch (error) {
      db.close();
      throw error;
    }
  }
  return finishOpening(db, file);
}

/** Copies the newest backup that opens and passes `quick_check` to `file`; null when there is none. */
function restoreNewestGoodBackup(backupsDir: string, file: string, options: ArchiveOptions): BackupFile | null {
  for (const backup of listBackups(backupsDir)) {
    if (!isGoodBackup(backup.path, options)) continue;
    copyFileSync(backup.path, file);
    return backup;
  }
  return null;
}

function isGoodBackup(path: string, options: ArchiveOptions): boolean {
  let db: Db | null = null;
  try {
    const settings: Database.Options = { readonly: true, fileMustExist: true };
    if (options.nativeBinding) settings.nativeBinding = options.nativeBinding;
    db = new Database(path, settings);
    const version = db.pragma('user_version', { simple: true }) as number;
    return version > 0 && version <= LATEST_VERSION && db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
