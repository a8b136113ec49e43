import { join } from 'node:path';
import type { Handlers } from '../shared/contract';
import { ARCHIVE_FILE_NAME, type Db, openArchive } from './archive/database';
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
}

export interface Core {
  db: Db;
  handlers: Handlers;
  close(): void;
}

/** Opens (creating and seeding on first use) the archive in dataDir and the contract's handlers over it. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const db = openArchive(join(options.dataDir, ARCHIVE_FILE_NAME), { nativeBinding: options.nativeBinding });
  if (options.seedsDir) await seedIfEmpty(db, options.seedsDir);
  return { db, handlers: createHandlers(db, options), close: () => db.close() };
}

/**
 * The contract's handlers: one object literal typed by `Handlers`, assembled from the domain
 * handler maps, so a method the contract declares but nobody implements fails to compile.
 */
function createHandlers(db: Db, options: CoreOptions): Handlers {
  return {
    appInfo: () => ({ version: options.version, mode: options.mode, sourceCount: countSources(db) }),
    ...sourceHandlers(db),
    ...briefHandlers(db),
    ...settingsHandlers(db),
  };
}
