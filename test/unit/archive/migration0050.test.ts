import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { features, fingerprint, recordFingerprint } from '../../../main/archive/nearDuplicates';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

function rawDb(): Db {
  const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
  db.pragma('foreign_keys = ON');
  return db;
}

const BODY = Array.from(
  { length: 40 },
  (_, i) => `Radar station number ${i} covers sector ${i * 7} of the Arctic.`,
).join(' ');

function insertSourceRow(db: Db, hash: string): number {
  const row = db
    .prepare(
      `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count)
       VALUES ('Radar', ?, ?, ?, '2024-01-01T00:00:00.000Z', 400) RETURNING id`,
    )
    .get(BODY, BODY, hash) as { id: number };
  return row.id;
}

const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('migration 0050 (near-duplicates)', () => {
  it('is listed as version 50', () => {
    expect(MIGRATIONS.find((m) => m.version === 50)?.name).toBe('near-duplicates');
  });

  it('adds STRICT fingerprint and bucket tables to an archive at version 30, keeping its sources', () => {
    const db = rawDb();
    migrate(db, 30);
    const id = insertSourceRow(db, 'h1');
    migrate(db, 50);
    expect(schemaVersion(db)).toBe(50);
    for (const table of ['source_fingerprints', 'source_lsh_buckets']) {
      const row = db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(table) as { strict: number };
      expect(row.strict).toBe(1);
    }
    expect(db.prepare('SELECT id FROM sources').all()).toEqual([{ id }]);
    expect(count(db, 'source_fingerprints')).toBe(0);
    db.close();
  });

  it('forgets a fingerprint and its buckets when the source is deleted', () => {
    const { db } = tempArchive();
    const id = insertSourceRow(db, 'h2');
    const print = fingerprint(features(BODY));
    expect(print.buckets.length).toBeGreaterThan(0);
    recordFingerprint(db, id, print);
    expect(count(db, 'source_fingerprints')).toBe(1);
    expect(count(db, 'source_lsh_buckets')).toBe(print.buckets.length);

    db.prepare('DELETE FROM sources WHERE id = ?').run(id);
    expect(count(db, 'source_fingerprints')).toBe(0);
    expect(count(db, 'source_lsh_buckets')).toBe(0);
  });

  it('refuses bucket rows for unknown sources and wrongly typed values', () => {
    const { db } = tempArchive();
    expect(() => db.prepare('INSERT INTO source_lsh_buckets (bucket, source_id) VALUES (1, 999)').run()).toThrow(
      /FOREIGN KEY constraint failed/,
    );
    const id = insertSourceRow(db, 'h3');
    expect(() =>
      db.prepare('INSERT INTO source_fingerprints (source_id, scheme, content_words) VALUES (?, 1, ?)').run(id, 'many'),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
