import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { needsRebuild, rankingBasis, refreshRankingIndex } from '../../../main/search/rankingIndex';
import { LISTS_SHAPE } from '../../../main/search/rankingIndexBuild';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 210));

/** An archive at the previous version whose lists were made the older way (one list of 400 per word). */
function archiveWithOldLists(): Db {
  const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
  db.pragma('foreign_keys = ON');
  migrate(db, PREVIOUS);
  const insert = db.prepare(
    `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count)
     VALUES (?, ?, ?, ?, '2024-01-01T00:00:00.000Z', 3)`,
  );
  for (let i = 1; i <= 30; i++) insert.run(`Radar ${i}`, `radar station ${i} government`, 'x', `h${i}`);
  db.exec(`
    DELETE FROM search_unranked;
    INSERT INTO search_impact_basis (id, avgdl, sources) VALUES (1, 6, 30);
    INSERT INTO search_impact_terms (term, threshold) VALUES ('radar', 2.1);
    INSERT INTO search_impacts (term, source_id, title_count, body_count, doc_length) VALUES ('radar', 1, 1, 1, 6);
  `);
  return db;
}

describe('migration 210 (the ranking lists record their make-up)', () => {
  it('marks lists made the older way for a rebuild, keeps them in use until then, and rewrites no table', () => {
    const db = archiveWithOldLists();
    migrate(db, 210);
    expect(schemaVersion(db)).toBe(210);
    expect(MIGRATIONS.find((m) => m.version === 210)?.name).toBe('ranking-lists-shape');
    // The older lists stay: searches keep using them until the new ones are written.
    expect(rankingBasis(db)).toEqual({ avgdl: 6, sources: 30, shape: 1 });
    expect(db.prepare('SELECT count(*) FROM search_impacts').pluck().get()).toBe(1);
    expect(needsRebuild(db)).toBe(true);
    expect(() => db.prepare('UPDATE search_impact_basis SET shape = 0').run()).toThrow();
    refreshRankingIndex(db);
    expect(rankingBasis(db)?.shape).toBe(LISTS_SHAPE);
    expect(needsRebuild(db)).toBe(false);
  });
});
