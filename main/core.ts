import { join } from 'node:path';
import type { Handlers } from '../shared/contract';
import { BACKUPS_DIR_NAME, startDailyBackups } from './archive/backups';
import { ARCHIVE_FILE_NAME, type Db } from './archive/database';
import { openArchiveWithBackups } from './archive/openWithBackups';
import { seedIfEmpty } from './archive/seed';
import { countSources } from './archive/sources';
import { briefHandlers } from './handlers/briefHandlers';
import { settingsHandlers } from './handlers/settingsHandlers';
import { sourceHandlers } from './handlers/sourceHandlers';
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
   * or migrated (when no other Précis process has it open), and daily backups are taken.
   * false (read-only commands): such an archive is reported (`ArchiveNeedsRepairError`) and nothing
   * is moved, restored or migrated; no backup is taken either.
   */
  allowRepair: boolean;
  /** The clock the daily backups go by (tests move it across days). */
  clock?: () => Date;
  /** How often a long-running process looks whether the daily backup is due. */
  backupCheckMs?: number;
}

export interface Core {
  db: Db;
  handlers: Handlers;
  /** Set when the archive was damaged and replaced (or a backup failed): tell the analyst. */
  readonly notice: string | null;
  close(): void;
}

/**
 * Opens (creating and seeding on first use) the archive in dataDir and the contract's handlers over
 * it. Backs the archive up before migrating it and once a day (the first after seeding, then
 * whenever a day has passed, for as long as the process runs), and recovers a damaged one from the
 * newest backup (main/archive/openWithBackups.ts); `notice` then says what happened.
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
  let stopBackups = () => {};
  try {
    if (options.seedsDir) await seedIfEmpty(db, options.seedsDir);
    if (options.allowRepair) {
      stopBackups = await startDailyBackups(db, join(options.dataDir, BACKUPS_DIR_NAME), {
        clock,
        checkEveryMs: options.backupCheckMs,
        // A full disk must not keep the analyst out of the archive; say so instead.
        onError: (error) => {
          const message = `The daily backup could not be written (${error instanceof Error ? error.message : String(error)}).`;
          notice = notice ? `${notice} ${message}` : message;
        },
      });
    }
  } catch (error) {
    opened.close();
    throw error;
  }
  const team = new TeamArchiveSession(db);
  const close = () => {
    void team.close();
    stopBackups();
    opened.close();
  };
  return {
    db,
    get notice() {
      return notice;
    },
    handlers: createHandlers(db, options, () => notice, team),
    close,
  };
}

/**
 * The contract's handlers: one object literal typed by `Handlers`, assembled from the domain
 * handler maps, so a method the contract declares but nobody implements fails to compile.
 */
function createHandlers(db: Db, options: CoreOptions, notice: () => string | null, team: TeamArchiveSession): Handlers {
  return {
    appInfo: () => ({ version: options.version, mode: options.mode, sourceCount: countSources(db), notice: notice() }),
    // While a team archive is connected (Team archive settings), source calls go to it; briefs stay local.
    ...sessionSourceHandlers(sourceHandlers(db), team),
    ...briefHandlers(db),
    ...settingsHandlers(db),
    ...teamArchiveHandlers(team),
  };
}
