import type { Handlers } from '../shared/contract';
import { openArchiveWithBackups } from './archive/backups';
import { ARCHIVE_FILE_NAME, type Db } from './archive/database';
import { seedIfEmpty } from './archive/seed';
import { countSources } from './archive/sources';
import { briefHandlers } from './handlers/briefHandlers';
import { settingsHandlers } from './handlers/settingsHandlers';
import { sourceHandlers } from './handlers/sourceHandlers';

export interface CoreOptions {
  dataDir: string;
  /** Folder of sample sources imported into an empty archive on first run; null to skip. */
  seedsDir: string | null;
  mode: 'electron' | 'browser';
  version: string;
  /** better-sqlite3 binary built for Electron's ABI (the Node build is used when absent). */
  nativeBinding?: string;
  /**
   * False for read-only commands (the CLI's search, sources, briefs, export): never move, restore
   * or migrate the archive; report and fail instead. (Implemented by the archive side.)
   */
  allowRepair?: boolean;
}

export interface Core {
  db: Db;
  handlers: Handlers;
  /** Set when the archive was damaged and replaced (or a backup failed): tell the analyst. */
  notice: string | null;
  close(): void;
}

/**
 * Opens (creating and seeding on first use) the archive in dataDir and the contract's handlers over
 * it. Backs the archive up before migrating it and once a day, and recovers a damaged one from the
 * newest backup (main/archive/backups.ts); `notice` then says what happened.
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const { db, notice } = await openArchiveWithBackups(options.dataDir, ARCHIVE_FILE_NAME, {
    nativeBinding: options.nativeBinding,
  });
  try {
    if (options.seedsDir) await seedIfEmpty(db, options.seedsDir);
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, notice, handlers: createHandlers(db, options, notice), close: () => db.close() };
}

/**
 * The contract's handlers: one object literal typed by `Handlers`, assembled from the domain
 * handler maps, so a method the contract declares but nobody implements fails to compile.
 */
function createHandlers(db: Db, options: CoreOptions, notice: string | null): Handlers {
  return {
    appInfo: () => ({ version: options.version, mode: options.mode, sourceCount: countSources(db), notice }),
    ...sourceHandlers(db),
    ...briefHandlers(db),
    ...settingsHandlers(db),
  };
}
