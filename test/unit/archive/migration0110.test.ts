import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { refreshRankingIndex } from '../../../main/search/rankingIndex';
import { searchSources } from '../../../main/search/searchSources';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 110));

function archiveBefore110(): Db {
  const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
  db.pragma('foreign_keys = ON');
  migrate(db, PREVIOUS);
  const insert = db.prepare(
    `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count)
     VALUES (?, ?, ?, ?, '2024-01-01T00:00:00.000Z', 4)`,
  );
  for (let i = 0; i < 30; i++) insert.run(`Radar ${i}`, `radar station ${i} radar`, 'x', `h${i}`);
  return db;
}

const strictTables = (db: Db) =>
  db
    .prepare("SELECT name FROM pragma_table_list WHERE strict = 1 AND name LIKE 'search_%' ORDER BY name")
    .pluck()
    .all();

describe('migration 110 (ranking index)', () => {
  it('adds the STRICT impact tables beside sources_fts, leaving sources_fts as it was', () => {
    const db = archiveBefore110();
    const ftsBefore = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'sources_fts'").pluck().get();
    migrate(db, 110);
    expect(schemaVersion(db)).toBe(110);
    expect(MIGRATIONS.find((m) => m.version === 110)?.name).toBe('ranking-index');
    expect(strictTables(db)).toEqual([
      'search_impact_basis',
      'search_impact_terms',
      'search_impacts',
      'search_terms',
      'search_unranked',
    ]);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'sources_fts'").pluck().get()).toBe(ftsBefore);
    // Nothing is listed yet: every existing source waits to be counted, and search ranks them all.
    expect(db.prepare('SELECT count(*) FROM search_unranked').pluck().get()).toBe(30);
    expect(db.prepare('SELECT count(*) FROM search_impacts').pluck().get()).toBe(0);
    // Search is today's code, which reads later migrations' tables: bring the archive up to date
    // (none of them lists a source) before searching.
    migrate(db);
    expect(db.prepare('SELECT count(*) FROM search_impacts').pluck().get()).toBe(0);
    expect(searchSources(db, { query: 'radar', limit: 5, offset: 0 }).total).toBe(30);
    db.close();
  });

  it('keeps search_unranked in step with sources through its triggers', () => {
    const db = archiveBefore110();
    // The index code of today builds through migration 170's tables too.
    migrate(db);
    refreshRankingIndex(db);
    expect(db.prepare('SELECT count(*) FROM search_unranked').pluck().get()).toBe(0);
    db.prepare(
      `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count)
       VALUES ('New', 'radar', 'x', 'new', '2024-01-01T00:00:00.000Z', 1)`,
    ).run();
    db.prepare("UPDATE sources SET outlet = 'Reuters' WHERE id = 1").run();
    db.prepare("UPDATE sources SET reliability = 'B' WHERE id = 2").run();
    db.prepare('DELETE FROM sources WHERE id = 3').run();
    const unranked = db.prepare('SELECT source_id FROM search_unranked ORDER BY source_id').pluck().all();
    expect(unranked).toEqual([1, 31]);
    refreshRankingIndex(db);
    expect(db.prepare('SELECT count(*) FROM search_unranked').pluck().get()).toBe(0);
    db.close();
  });
});
