import type { Db } from '../database';
import { up as sources } from './0010-sources';
import { up as briefs } from './0020-briefs';
import { up as sourceAssessment } from './0030-source-assessment';
import { up as searchIndex } from './0040-search-index';
import { up as nearDuplicates } from './0050-near-duplicates';
import { up as briefLifecycle } from './0060-brief-lifecycle';
import { up as briefRevisions } from './0070-brief-revisions';
import { up as applicationId } from './0080-application-id';
import { up as metadataProvenance } from './0090-metadata-provenance';
import { up as citationStyle } from './0100-citation-style';
import { up as rankingIndex } from './0110-ranking-index';
import { up as ocrPages } from './0120-ocr-pages';
import { up as wordTemplates } from './0130-word-templates';
import { up as referenceSources } from './0140-reference-sources';
import { up as referenceDetails } from './0150-reference-details';
import { up as rankingIndexBuild } from './0170-ranking-index-build';
import { up as spellingWords } from './0180-spelling-words';
import { up as sourceRevisions } from './0200-source-revisions';
import { up as rankingListsShape } from './0210-ranking-lists-shape';
import { up as sourcesNeedingReview } from './0220-sources-needing-review';
import { up as packedOriginals } from './0230-packed-originals';
import { up as ftsFilledPerStatement } from './0240-fts-filled-per-statement';

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
  { version: 70, name: 'brief-revisions', up: briefRevisions },
  { version: 80, name: 'application-id', up: applicationId },
  { version: 90, name: 'metadata-provenance', up: metadataProvenance },
  { version: 100, name: 'citation-style', up: citationStyle },
  { version: 110, name: 'ranking-index', up: rankingIndex },
  { version: 120, name: 'ocr-pages', up: ocrPages },
  { version: 130, name: 'word-templates', up: wordTemplates },
  { version: 140, name: 'reference-sources', up: referenceSources },
  { version: 150, name: 'reference-details', up: referenceDetails },
  { version: 170, name: 'ranking-index-build', up: rankingIndexBuild },
  { version: 180, name: 'spelling-words', up: spellingWords },
  { version: 200, name: 'source-revisions', up: sourceRevisions },
  { version: 210, name: 'ranking-lists-shape', up: rankingListsShape },
  { version: 220, name: 'sources-needing-review', up: sourcesNeedingReview },
  { version: 230, name: 'packed-originals', up: packedOriginals },
  { version: 240, name: 'fts-filled-per-statement', up: ftsFilledPerStatement },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** `PRAGMA application_id` of a Précis archive: ASCII 'PRCS'. Set by migration 80. */
export const PRECIS_APPLICATION_ID = 0x50524353;
/** The migration that marks archives; older Précis archives are recognised by their tables. */
const MARKED_FROM_VERSION = 80;

const NOT_OURS = 'This file is an SQLite database but not a Précis archive; it was left untouched.';

/**
 * Refuses, before anything is written, a database this version must not touch: one from a newer
 * Précis, or another program's. Returns the archive's schema version.
 * A database is ours when its header carries our application_id; without it, only a brand-new
 * empty database or an archive from before migration 80 (a version we released, with our own
 * tables) is accepted. Anything else, whatever its user_version, is another program's.
 */
export function assertMigratable(db: Db): number {
  const current = schemaVersion(db);
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId !== PRECIS_APPLICATION_ID && !isNewOrUnmarkedArchive(db, applicationId, current)) {
    throw new Error(NOT_OURS);
  }
  if (current > LATEST_VERSION) {
    throw new Error(
      `This archive was written by a newer version of Précis (schema version ${current}; this version ` +
        `understands up to ${LATEST_VERSION}). Update Précis to open it; the archive was not changed.`,
    );
  }
  return current;
}

function isNewOrUnmarkedArchive(db: Db, applicationId: number, version: number): boolean {
  if (applicationId !== 0) return false;
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  );
  if (version === 0) return tables.size === 0;
  const released = MIGRATIONS.some((m) => m.version === version && m.version < MARKED_FROM_VERSION);
  return released && tables.has('sources') && tables.has('settings');
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
