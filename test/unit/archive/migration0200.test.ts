import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { updateSource } from '../../../main/archive/sources';
import { sqliteArchive } from '../../../main/archive/sqliteArchive';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 200));
const INSERT = `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count, format)
  VALUES (?, ?, ?, ?, '2025-01-01T00:00:00.000Z', ?, 'txt') RETURNING id`;

describe('migration 200: source revisions and the cache of team sources', () => {
  it('starts existing sources at revision 1 and bumps it on every metadata edit, by any path', async () => {
    const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
    db.pragma('foreign_keys = ON');
    migrate(db, PREVIOUS);
    const { id } = db.prepare(INSERT).get('Talks begin', 'Talks began.', 'Talks began.', 'h1', 2) as { id: number };
    migrate(db, 200);
    expect(schemaVersion(db)).toBe(200);
    const archive = sqliteArchive(db);
    expect(await archive.revisionOf(id)).toBe(1);
    // The contract's updateSource names no revision; it still moves the revision on.
    updateSource(db, id, { title: 'Talks began' });
    const moved = (await archive.revisionOf(id))!;
    expect(moved).toBeGreaterThan(1);
    // A write of something else (a word count) leaves it alone.
    db.prepare('UPDATE sources SET word_count = 3 WHERE id = ?').run(id);
    expect(await archive.revisionOf(id)).toBe(moved);
    expect(await archive.revisionOf(999)).toBeNull();
    db.prepare(
      "INSERT INTO team_source_cache (archive, team_id, source_id, cached_at) VALUES ('postgres://a@h:1/d', 7, ?, 'now')",
    ).run(id);
    expect(() =>
      db
        .prepare("INSERT INTO team_source_cache (archive, team_id, source_id, cached_at) VALUES ('x', 8, 999, 'now')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
