import type { Db } from '../database';
import { up as sources } from './0010-sources';
import { up as briefs } from './0020-briefs';
import { up as sourceAssessment } from './0030-source-assessment';
import { up as searchIndex } from './0040-search-index';
import { up as nearDuplicates } from './0050-near-duplicates';
import { up as briefLifecycle } from './0060-brief-lifecycle';
import { up as rankingIndex } from './0110-ranking-index';

export interface Migration {
  version: number;
  name: string;
  up: (db: Db) => void;
}

/** Every schema change, oldest first. Versions go up in steps of 10 and are never renumbered. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'sources', up: sources },
  { version: 20, name: 'briefs', up: briefs },
  { version: 30, name: 'source-assessment', up: sourceAssessment },
  { version: 40, name: 'search-index', up: searchIndex },
  { version: 50, name: 'near-duplicates', up: nearDuplicates },
  { version: 60, name: 'brief-lifecycle', up: briefLifecycle },
  { version: 110, name: 'ranking-index', up: rankingIndex },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Refuses, before anything is written, a database this version must not touch: one from a newer
 * Précis, or another program's. Returns the archive's schema version.
 */
export function assertMigratable(db: Db): number {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new Error(
      `This archive was written by a newer version of Précis (schema version ${current}; this version ` +
        `understands up to ${LATEST_VERSION}). Update Précis to open it; the archive was not changed.`,
    );
  }
  if (current === 0 && db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get() !== undefined) {
    // Version 0 with tables in it is some other program's database: adding ours would damage it.
    throw new Error('This file is an SQLite database but not a Précis archive; it was left untouched.');
  }
  return current;
}

/**
 * Applies, in order, every migration above the archive's `user_version` (up to `targetVersion`,
 * which tests use to build an archive as an older release left it). Each migration and its
 * version bump commit together, so a crash leaves the archive at a version it really has.
 */
export function migrate(db: Db, targetVersion: number = LATEST_VERSION): void {
  const current = assertMigratable(db);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > targetVersion) continue;
    db.transaction(() => {
      // Another process (the CLI next to the app) may have migrated since we looked; the
      // IMMEDIATE transaction holds the write lock, so this second look is authoritative.
      if (schemaVersion(db) >= migration.version) return;
      migration.up(db);
      // PRAGMA takes no bound parameters; the value is our own integer constant, checked here.
      if (!Number.isSafeInteger(migration.version)) throw new Error(`Bad migration version ${migration.version}.`);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
