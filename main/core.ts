import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../shared/contract';
import { type LocalizedText, type Worded, worded } from '../shared/i18n/localizedText';
import type { BackgroundCheck } from './archive/backgroundCheck';
import { BACKUPS_DIR_NAME, listBackups, startDailyBackups } from './archive/backups';
import { damageFound, recordDamageFound } from './archive/cleanClose';
import { ARCHIVE_FILE_NAME, type Db } from './archive/database';
import { openArchiveWithBackups } from './archive/openWithBackups';
import { seedIfEmpty } from './archive/seed';
import { countSources } from './archive/sources';
import { BRIEF_METHODS, type BriefHandlers, INTEGRITY_METHODS, loadedOnFirstCall } from './handlers/briefMethods';
import { settingsHandlers } from './handlers/settingsHandlers';
import { sourceHandlers } from './handlers/sourceHandlers';
import { forbidUpkeep } from './search/upkeepAllowed';

/** A data dir's first backup is taken at start only while the archive is this small (a new one). */
const FIRST_BACKUP_AT_START_MAX_BYTES = 64 * 1024 * 1024;
/** How long after start the background check and the first daily backup wait (start-up first). */
const MAINTENANCE_DELAY_MS = 10_000;

import { sessionSourceHandlers, TeamArchiveSession, teamArchiveHandlers } from './handlers/teamArchiveHandlers';

export interface CoreOptions {
  dataDir: string;
  /** Folder of sample sources imported into an empty archive on first run; null to skip. */
  seedsDir: string | null;
  mode: 'electron' | 'browser';
  version: string;
  /** better-sqlite3 binary built for Electron's ABI (the Node build is used when absent). */
  nativeBinding?: string;
  /**
   * true (the app, `serve`, `import`): a damaged, missing-with-backups or older archive is repaired
   * or migrated (when no other Précis process has it open), daily backups are taken, and the full
   * check an opening skipped runs in the background.
   * false (read-only commands): such an archive is reported (`ArchiveNeedsRepairError`) and nothing
   * is moved, restored or migrated; no backup is taken either.
   */
  allowRepair: boolean;
  /** The clock the daily backups go by (tests move it across days). */
  clock?: () => Date;
  /** How often a long-running process looks whether the daily backup is due. */
  backupCheckMs?: number;
  /** How long after start the background check and the first daily backup wait (tests: 0). */
  maintenanceDelayMs?: number;
  /**
   * Told of a notice that comes after start (the background check found damage), as English and a
   * catalog message: the door that listens says it in its own language.
   */
  onNotice?: (notice: Worded) => void;
}

export interface Core {
  db: Db;
  handlers: Handlers;
  /** Set when the archive was damaged and replaced (or a backup failed): tell the analyst. */
  readonly notice: string | null;
  /**
   * Loads, in the background, the handlers a window's first screen calls (the briefs': the note to
   * open). They load on their first call otherwise, and a window's first open then waited for
   * their module (about 0.1–0.25 s of a fresh host's first answer, docs/opening.md). The
   * browser-mode host and Electron call it once they serve; the CLI's commands do not.
   */
  loadWindowHandlers(): Promise<void>;
  close(): void;
}

/**
 * Opens (creating and seeding on first use) the archive in dataDir and the contract's handlers over
 * it, and recovers a damaged one from the newest backup (main/archive/openWithBackups.ts); `notice`
 * then says what happened. Nothing slow stands between the start and the first answer, unless the
 * last process ended without closing: the full integrity check the opening skipped after a clean
 * close runs on a worker thread a little after start, and the daily backups (before migrating too)
 * on a timer, the first one at start only for a new data dir. See docs/archive-processes.md.
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? (() => new Date());
  const opened = await openArchiveWithBackups(options.dataDir, ARCHIVE_FILE_NAME, {
    nativeBinding: options.nativeBinding,
    allowRepair: options.allowRepair,
    now: clock(),
  });
  const { db } = opened;
  let notice = opened.notice;
  // The same notices as catalog messages, for the interface's language (docs/i18n.md).
  const texts: LocalizedText[] = opened.noticeText ? [opened.noticeText] : [];
  const tell = (told: Worded) => {
    notice = notice ? `${notice} ${told.message}` : told.message;
    texts.push(told.text);
    options.onNotice?.(told);
  };
  let stopMaintenance = () => {};
  try {
    if (options.seedsDir) await seedIfEmpty(db, options.seedsDir);
    // A read-only command's search leaves the archive as it was: no index upkeep after answering.
    if (!options.allowRepair) forbidUpkeep(db);
    if (options.allowRepair) stopMaintenance = await startMaintenance(db, options, !opened.checked, clock, tell);
  } catch (error) {
    opened.close();
    throw error;
  }
  const team = new TeamArchiveSession(db);
  let briefHandlersLoading: Promise<BriefHandlers> | undefined;
  const loadBriefHandlers = () =>
    (briefHandlersLoading ??= import('./handlers/briefHandlers').then((loaded) => loaded.briefHandlers(db)));
  const close = () => {
    stopMaintenance();
    void team.close();
    opened.close();
  };
  return {
    db,
    get notice() {
      return notice;
    },
    handlers: createHandlers(db, options, () => ({ notice, notices: texts }), team, loadBriefHandlers),
    loadWindowHandlers: async () => {
      await loadBriefHandlers();
    },
    close,
  };
}

/** The background check (when the opening skipped it) and the daily backups; returns a stop. */
async function startMaintenance(
  db: Db,
  options: CoreOptions,
  needsCheck: boolean,
  clock: () => Date,
  tell: (notice: Worded) => void,
): Promise<() => void> {
  const backupsDir = join(options.dataDir, BACKUPS_DIR_NAME);
  const delay = options.maintenanceDelayMs ?? MAINTENANCE_DELAY_MS;
  const small = existsSync(db.name) && statSync(db.name).size <= FIRST_BACKUP_AT_START_MAX_BYTES;
  // No daily backup of an archive whose check is still to come, or found it damaged (a copy of a
  // damaged archive would push good backups out). A new data dir's first is taken all the same:
  // there is no good backup to lose, and a restore takes only a backup that passes quick_check.
  let checkPending = false;
  const stopBackups = await startDailyBackups(db, backupsDir, {
    clock,
    checkEveryMs: options.backupCheckMs,
    firstNow: small && listBackups(backupsDir).length === 0,
    firstAfterMs: delay,
    skip: () => checkPending || damageFound(options.dataDir),
    // A full disk must not keep the analyst out of the archive; say so instead.
    onError: (error) => {
      const reason = error instanceof Error ? error.message : String(error);
      tell(worded(`The daily backup could not be written (${reason}).`, 'archive.notice.backupFailed', { reason }));
    },
  });
  if (!needsCheck) return stopBackups;
  checkPending = true;
  let stopped = false;
  let check: BackgroundCheck | null = null;
  const runCheck = async () => {
    const { checkInBackground, damagedNotice } = await import('./archive/backgroundCheck');
    if (stopped) return;
    check = checkInBackground(db.name, { nativeBinding: options.nativeBinding });
    const outcome = await check.outcome;
    if (outcome.kind === 'damaged' && db.open) recordDamageFound(options.dataDir, outcome.report);
    checkPending = false;
    if (outcome.kind !== 'damaged' || !db.open) return;
    tell(damagedNotice(outcome.report));
  };
  // A check that cannot run says nothing about the archive; the next start tries again.
  const startCheck = setTimeout(
    () =>
      void runCheck().catch(() => {
        checkPending = false;
      }),
    delay,
  );
  startCheck.unref();
  return () => {
    stopped = true;
    clearTimeout(startCheck);
    check?.stop();
    stopBackups();
  };
}

/**
 * The contract's handlers: one object literal typed by `Handlers`, assembled from the domain
 * handler maps, so a method the contract declares but nobody implements fails to compile.
 */
function createHandlers(
  db: Db,
  options: CoreOptions,
  notice: () => { notice: string | null; notices: LocalizedText[] },
  team: TeamArchiveSession,
  loadBriefHandlers: () => Promise<BriefHandlers>,
): Handlers {
  return {
    appInfo: () => ({ version: options.version, mode: options.mode, sourceCount: countSources(db), ...notice() }),
    // While a team archive is connected (Team archive settings), source calls go to it; briefs stay local.
    ...sessionSourceHandlers(sourceHandlers(db), team),
    ...loadedOnFirstCall(BRIEF_METHODS, loadBriefHandlers),
    ...settingsHandlers(db),
    ...loadedOnFirstCall(INTEGRITY_METHODS, async () =>
      (await import('./handlers/integrityHandlers')).integrityHandlers(db),
    ),
    ...teamArchiveHandlers(team),
  };
}
