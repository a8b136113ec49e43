import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ArchiveOptions, Db } from './database';
import { assertMigratable } from './migrations';
import { createPrivateFile, makePrivateDir, tightenFile } from './privateFiles';

export const BACKUPS_DIR_NAME = 'backups';
const DAY_MS = 24 * 60 * 60 * 1000;
const MIB = 1024 * 1024;

/**
 * How many backups are kept, newest first: at most `dailyKept` daily and `preMigrationKept`
 * pre-migration backups, and no more than `maxTotalBytes` in all. The newest backup is always kept.
 */
export interface Retention {
  dailyKept: number;
  preMigrationKept: number;
  maxTotalBytes: number;
}

export const DAILY_BACKUPS_KEPT = 7;
export const PRE_MIGRATION_BACKUPS_KEPT = 3;
/** Backups may take up to 3× the archive, and never need to be fewer than 256 MiB in all. */
export const BACKUP_BUDGET_FACTOR = 3;
export const BACKUP_BUDGET_FLOOR_BYTES = 256 * MIB;

export function retentionFor(archiveBytes: number): Retention {
  return {
    dailyKept: DAILY_BACKUPS_KEPT,
    preMigrationKept: PRE_MIGRATION_BACKUPS_KEPT,
    maxTotalBytes: Math.max(BACKUP_BUDGET_FACTOR * archiveBytes, BACKUP_BUDGET_FLOOR_BYTES),
  };
}

/** `2026-11-25T19-25-06.123Z`: an ISO instant that sorts as text and is a valid file name everywhere. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/:/g, '-');
}

function parseStamp(stamp: string): number {
  return Date.parse(stamp.replace(/T(\d\d)-(\d\d)-(\d\d)/, 'T$1:$2:$3'));
}

const BACKUP_NAME = /^archive-(daily|pre-migration-v\d+)-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z)\.sqlite$/;
const PARTIAL_SUFFIX = '.partial';

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

/** Creates the backups folder private, and tightens the backups an older Précis left readable. */
export function prepareBackupsDir(backupsDir: string): void {
  makePrivateDir(backupsDir);
  for (const name of readdirSync(backupsDir)) tightenFile(join(backupsDir, name));
}

/**
 * Deletes backups whose writing was interrupted (a crash, a kill). Only while no other Précis
 * process has the archive open: another one may be writing its `.partial` right now.
 */
export function removeLeftoverPartials(backupsDir: string): string[] {
  if (!existsSync(backupsDir)) return [];
  const leftovers = readdirSync(backupsDir).filter((name) => /\.partial(-journal)?$/.test(name));
  for (const name of leftovers) rmSync(join(backupsDir, name), { force: true });
  return leftovers.map((name) => join(backupsDir, name));
}

/**
 * Copies the live archive with SQLite's online backup API into `<target>.partial` (created 0600),
 * switches the copy to a rollback journal, so that a backup is one self-contained file that can
 * later be copied back as it is, and only then renames it to `target`: a backup interrupted by a
 * crash is never taken for a good one.
 */
export async function backupTo(db: Db, target: string): Promise<void> {
  const partial = `${target}${PARTIAL_SUFFIX}`;
  rmSync(partial, { force: true });
  createPrivateFile(partial);
  try {
    await db.backup(partial);
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Deletes the backups beyond `retention` (see `Retention`); returns the paths deleted. */
export function pruneBackups(backupsDir: string, retention: Retention): string[] {
  const kept = { daily: 0, 'pre-migration': 0 };
  const limit = { daily: retention.dailyKept, 'pre-migration': retention.preMigrationKept };
  let total = 0;
  const removed: string[] = [];
  for (const [index, backup] of listBackups(backupsDir).entries()) {
    const size = statSync(backup.path).size;
    const keep = index === 0 || (kept[backup.kind] < limit[backup.kind] && total + size <= retention.maxTotalBytes);
    if (keep) {
      kept[backup.kind]++;
      total += size;
    } else {
      rmSync(backup.path, { force: true });
      removed.push(backup.path);
    }
  }
  return removed;
}

/**
 * Takes a daily backup when the newest is a day old (or there is none, or the clock went back past
 * it), then applies the retention rule (by default `retentionFor` the archive's size).
 */
export async function takeDailyBackupIfDue(
  db: Db,
  backupsDir: string,
  now: Date = new Date(),
  retention: Retention = retentionFor(archiveBytes(db)),
): Promise<string | null> {
  makePrivateDir(backupsDir);
  const newest = listBackups(backupsDir).find((b) => b.kind === 'daily');
  const age = newest ? now.getTime() - newest.takenAt : Number.POSITIVE_INFINITY;
  let taken: string | null = null;
  if (age >= DAY_MS || age < 0) {
    taken = join(backupsDir, `archive-daily-${fileStamp(now)}.sqlite`);
    await backupTo(db, taken);
  }
  pruneBackups(backupsDir, retention);
  return taken;
}

function archiveBytes(db: Db): number {
  return existsSync(db.name) ? statSync(db.name).size : 0;
}

export interface DailyBackupTimer {
  clock?: () => Date;
  /** How often to look whether a backup is due (a process may run for weeks). */
  checkEveryMs?: number;
  /**
   * true: look (and take the backup if due) before resolving, for a new data dir's first backup.
   * Otherwise the first look is `firstAfterMs` after start (default `checkEveryMs`), so that a
   * start never waits for a copy of the whole archive.
   */
  firstNow?: boolean;
  firstAfterMs?: number;
  /** While this says true no backup is taken (a damaged archive's copy would push good ones out). */
  skip?: () => boolean;
  retention?: Retention;
  onError?: (error: unknown) => void;
}

/**
 * Looks whether a daily backup is due (see `firstNow`), then again every `checkEveryMs`, so a
 * process that runs across days keeps taking them. Failures go to `onError`. Resolves to a
 * function that stops the timers.
 */
export async function startDailyBackups(db: Db, backupsDir: string, options: DailyBackupTimer = {}) {
  const clock = options.clock ?? (() => new Date());
  const every = options.checkEveryMs ?? 15 * 60 * 1000;
  let running: Promise<void> | null = null;
  const check = () => {
    if (running || !db.open || options.skip?.()) return running;
    running = takeDailyBackupIfDue(db, backupsDir, clock(), options.retention)
      .then(() => undefined)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
      });
    return running;
  };
  if (options.firstNow) await check();
  const first = setTimeout(check, options.firstAfterMs ?? every);
  const timer = setInterval(check, every);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/**
 * Copies the newest backup that opens, is a Précis archive and passes `quick_check` to `file`
 * (through a temporary file, renamed when complete); null when there is none.
 */
export function restoreNewestGoodBackup(backupsDir: string, file: string, options: ArchiveOptions): BackupFile | null {
  for (const backup of listBackups(backupsDir)) {
    if (!isGoodBackup(backup.path, options)) continue;
    const restoring = `${file}.restoring`;
    rmSync(restoring, { force: true });
    copyFileSync(backup.path, restoring);
    tightenFile(restoring);
    renameSync(restoring, file);
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
    return assertMigratable(db) > 0 && db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
