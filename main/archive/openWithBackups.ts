import { existsSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalizedText, type Worded, worded } from '../../shared/i18n/localizedText';
import { type ArchiveLock, lockArchive } from './archiveLock';
import {
  BACKUPS_DIR_NAME,
  backupTo,
  fileStamp,
  listBackups,
  prepareBackupsDir,
  removeLeftoverPartials,
  restoreNewestGoodBackup,
} from './backups';
import { clearDamageFound, closedCleanlySince, damageFound, recordCleanClose, recordDamageFound } from './cleanClose';
import { type ArchiveOptions, connectArchive, type Db, finishOpening, UnreadableArchiveError } from './database';
import { LATEST_VERSION } from './migrations';
import { makePrivateDir } from './privateFiles';

/**
 * The archive needs a repair (restore, move aside) or a migration that this opening may not do:
 * the caller said `allowRepair: false`, or another Précis process has the archive open. Nothing was
 * changed. The message is one line for the analyst.
 */
export class ArchiveNeedsRepairError extends Error {}

export interface OpenOptions extends ArchiveOptions {
  /** false: never move, restore or migrate (read-only commands); report and throw instead. */
  allowRepair?: boolean;
  now?: Date;
  /** How long to wait for another process that is opening the archive (tests shorten it). */
  gateWaitMs?: number;
}

export interface OpenedArchive {
  db: Db;
  /** Something the analyst must be told (the archive was damaged and replaced); null otherwise. */
  notice: string | null;
  /** The notice as a catalog message, for the interface's language (docs/i18n.md). */
  noticeText: LocalizedText | null;
  /** True when no other Précis process had the archive open (this one may prune, clean up). */
  alone: boolean;
  /**
   * True when this opening ran the full `quick_check` (after an unclean shutdown, a change since
   * the last clean close, or beside another process); false when it trusted a clean close and ran
   * only the cheap check, leaving the full one to the background (backgroundCheck.ts).
   */
  checked: boolean;
  /** Closes the archive and lets go of the data dir (see archiveLock.ts). */
  close(): void;
}

/**
 * How the app opens its archive (`<dataDir>/archive.sqlite`), one process at a time (archiveLock.ts):
 * - the archive is checked (`quick_check`, or only a cheap check if it is as the last process left
 *   it when it closed cleanly: cleanClose.ts); an archive with migrations to apply is first copied to
 *   `backups/archive-pre-migration-vN-<time>.sqlite` (N = its version before migrating);
 * - a damaged or unreadable archive is never written to: it and its -wal/-shm are renamed to
 *   `archive.corrupt-<time>.sqlite…`, the newest good backup is copied in its place (or, without
 *   one, a fresh archive is created), and `notice` says so;
 * - a missing or empty archive with backups beside it is restored from the newest good one;
 * - repairs and migrations happen only with `allowRepair` and while no other Précis process has
 *   the archive open; otherwise `ArchiveNeedsRepairError`, with nothing changed.
 * Daily backups are the caller's (after seeding): see `startDailyBackups`.
 */
export async function openArchiveWithBackups(
  dataDir: string,
  fileName: string,
  options: OpenOptions = {},
): Promise<OpenedArchive> {
  makePrivateDir(dataDir);
  const lock = await lockArchive(dataDir, { nativeBinding: options.nativeBinding, waitMs: options.gateWaitMs });
  const file = join(dataDir, fileName);
  try {
    const { db, notice, checked } = await openLocked(dataDir, file, lock, options);
    if (checked) clearDamageFound(dataDir);
    lock.openGate();
    const close = () =>
      lock.release(
        () => db.open && db.close(),
        () => recordCleanClose(dataDir, file),
      );
    return { db, notice: notice?.message ?? null, noticeText: notice?.text ?? null, alone: lock.alone, checked, close };
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openLocked(dataDir: string, file: string, lock: ArchiveLock, options: OpenOptions) {
  const backupsDir = join(dataDir, BACKUPS_DIR_NAME);
  const repair = repairPolicy(file, lock, options.allowRepair ?? true);
  if (lock.alone) removeLeftoverPartials(backupsDir);
  if (existsSync(backupsDir)) prepareBackupsDir(backupsDir);
  // quick_check is skipped for an archive untouched since a clean close (cleanClose.ts), by a
  // process that is alone: beside another, the file may be changing as we look. It is skipped too
  // by a read-only command beside another process (the app, `serve`): that process checked at its
  // opening or checks in the background and records what it finds; a command that never writes
  // cannot spread damage, and a damaged page it reads fails it with one line. Once damage has been
  // recorded, every opening checks in full again.
  const readOnlyBesideAnother = !(options.allowRepair ?? true) && !lock.alone && !damageFound(dataDir);
  const trustedClose = lock.alone && !lock.uncleanShutdown && closedCleanlySince(dataDir, file);
  const fullCheck = !(trustedClose || readOnlyBesideAnother);
  const opening = { ...options, fullCheck };
  const stamp = fileStamp(options.now ?? new Date());

  let notice: Worded | null = null;
  if (isMissingOrEmpty(file) && listBackups(backupsDir).length > 0) {
    repair.check('is missing or empty, and there are backups beside it');
    const restored = restoreNewestGoodBackup(backupsDir, file, options);
    notice = restored
      ? worded(
          `The archive was missing or empty; the backup of ${new Date(restored.takenAt).toISOString()} ` +
            'was restored: changes made since then are not in it.',
          'archive.notice.missingRestored',
          { takenAt: new Date(restored.takenAt).toISOString() },
        )
      : worded(
          `The archive was missing or empty and none of the backups in ${backupsDir} could be read; a new, ` +
            'empty archive was created.',
          'archive.notice.missingNoBackup',
          { backupsDir },
        );
  }
  try {
    return { db: await openMigrating(file, backupsDir, opening, stamp, repair), notice, checked: fullCheck };
  } catch (error) {
    if (!(error instanceof UnreadableArchiveError)) throw error;
    const reason = error.message.replace(`${file} `, 'it ').replace(/\.? The file was left untouched\.$/, '');
    // Whoever may repair next must check in full, even if the holder now closes it cleanly.
    recordDamageFound(dataDir, reason);
    repair.check(`could not be read (${reason})`);
    const aside = `${file.replace(/\.sqlite$/, '')}.corrupt-${stamp}.sqlite`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    const restored = restoreNewestGoodBackup(backupsDir, file, options);
    notice = restored
      ? worded(
          `The archive could not be read (${reason}). It was moved aside to ${aside} and the backup of ` +
            `${new Date(restored.takenAt).toISOString()} was restored: changes made since then are not in it.`,
          'archive.notice.unreadableRestored',
          { reason, aside, takenAt: new Date(restored.takenAt).toISOString() },
        )
      : worded(
          `The archive could not be read (${reason}). It was moved aside to ${aside}; there was no backup to ` +
            'restore, so a new, empty archive was created.',
          'archive.notice.unreadableNoBackup',
          { reason, aside },
        );
    const db = await openMigrating(file, backupsDir, { ...opening, fullCheck: true }, stamp, repair);
    return { db, notice, checked: true };
  }
}

/** Says, before anything changes, whether this opening may repair or migrate the archive. */
function repairPolicy(file: string, lock: ArchiveLock, allowRepair: boolean) {
  return {
    check(problem: string): void {
      if (!allowRepair) {
        throw new ArchiveNeedsRepairError(
          `The archive ${file} ${problem}. This command never repairs or upgrades it; open Précis or ` +
            'run `precis serve` to do that. Nothing was changed.',
        );
      }
      if (!lock.alone) {
        throw new ArchiveNeedsRepairError(
          `The archive ${file} ${problem}, but another Précis process has it open; close every Précis ` +
            'window and `precis serve`, then start again. Nothing was changed.',
        );
      }
    },
  };
}

type RepairPolicy = ReturnType<typeof repairPolicy>;

function isMissingOrEmpty(file: string): boolean {
  return !existsSync(file) || (statSync(file).isFile() && statSync(file).size === 0);
}

async function openMigrating(
  file: string,
  backupsDir: string,
  options: ArchiveOptions,
  stamp: string,
  repair: RepairPolicy,
): Promise<Db> {
  const { db, version } = connectArchive(file, options);
  if (version > 0 && version < LATEST_VERSION) {
    try {
      repair.check(`needs upgrading from schema version ${version} to ${LATEST_VERSION}`);
      prepareBackupsDir(backupsDir);
      await backupTo(db, join(backupsDir, `archive-pre-migration-v${version}-${stamp}.sqlite`));
    } catch (error) {
      db.close();
      throw error;
    }
  }
  return finishOpening(db, file);
}
