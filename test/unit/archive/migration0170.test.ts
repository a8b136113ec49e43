import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 170));

function archiveBefore170(): Db {
  const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
  db.pragma('foreign_keys = ON');
  migrate(db, PREVIOUS);
  const insert = db.prepare(
    `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count)
     VALUES (?, ?, ?, ?, '2024-01-01T00:00:00.000Z', 3)`,
  );
  for (let i = 1; i <= 5; i++) insert.run(`Radar ${i}`, `radar station ${i}`, 'x', `h${i}`);
  return db;
}

const changed = (db: Db) => db.prepare('SELECT source_id FROM search_rebuild_changed ORDER BY 1').pluck().all();

describe('migration 170 (ranking index built in steps)', () => {
  it('adds the STRICT build tables, keeping the sources', () => {
    const db = archiveBefore170();
    migrate(db, 170);
    expect(schemaVersion(db)).toBe(170);
    expect(MIGRATIONS.find((m) => m.version === 170)?.name).toBe('ranking-index-build');
    const strict = db
      .prepare("SELECT name FROM pragma_table_list WHERE strict = 1 AND name LIKE 'search_rebuild%' ORDER BY name")
      .pluck()
      .all();
    expect(strict).toEqual(['search_rebuild', 'search_rebuild_changed']);
    expect(db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(5);
    expect(() => db.prepare("INSERT INTO search_rebuild (id, token, started_at) VALUES (2, 't', 'x')").run()).toThrow();
  });

  it('records inserted, edited and deleted sources only while a build runs', () => {
    const db = archiveBefore170();
    migrate(db, 170);
    db.prepare('UPDATE sources SET body = ? WHERE id = 1').run('radar changed');
    expect(changed(db)).toEqual([]);
    db.prepare("INSERT INTO search_rebuild (id, token, started_at) VALUES (1, 't', 'now')").run();
    db.prepare('UPDATE sources SET body = ? WHERE id = 2').run('radar changed');
    db.prepare('UPDATE sources SET credibility = 2 WHERE id = 3').run(); // not indexed: not a change
    db.prepare('DELETE FROM sources WHERE id = 4').run();
    db.prepare(
      `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count)
       VALUES ('New', 'radar new', 'x', 'h9', '2024-01-01T00:00:00.000Z', 2)`,
    ).run();
    expect(changed(db)).toEqual([2, 4, 6]);
  });
});
