import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db, openArchive } from '../../../main/archive/database';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { getSource, insertSource } from '../../../main/archive/sources';
import { createBrief, getBrief } from '../../../main/briefs/briefs';
import type { ParsedSource } from '../../../main/importers/plainText';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

function rawDb(): Db {
  const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
  return db;
}

function tableNames(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    .map((row) => row.name)
    .filter((name) => !name.startsWith('sqlite_') && !name.startsWith('sources_fts_'));
}

function isStrict(db: Db, table: string): boolean {
  const row = db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(table) as { strict: number };
  return row.strict === 1;
}

function matchIds(db: Db, query: string): number[] {
  return (
    db.prepare('SELECT rowid AS id FROM sources_fts WHERE sources_fts MATCH ? ORDER BY rowid').all(query) as {
      id: number;
    }[]
  ).map((row) => row.id);
}

const article: ParsedSource & { fileName: string | null } = {
  title: 'Arctic surveillance pact',
  outlet: 'The Canadian Press',
  author: 'Jane Doe',
  publishedAt: '2024-01-31',
  url: null,
  language: 'en',
  body: 'Canada and Korea will share radar data over the Arctic.',
  original: 'Arctic surveillance pact\n\nCanada and Korea will share radar data over the Arctic.',
  fileName: 'arctic.txt',
};

describe('migrations', () => {
  it('are listed in order, in steps of 10, ending at the latest version', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([10, 20]);
    versions.forEach((version, i) => {
      expect(version).toBe((i + 1) * 10);
    });
    expect(LATEST_VERSION).toBe(20);
  });

  it('bring a fresh archive to version 20 with STRICT tables', () => {
    const { db } = tempArchive();
    expect(schemaVersion(db)).toBe(20);
    expect(tableNames(db)).toEqual(['briefs', 'settings', 'sources', 'sources_fts']);
    for (const table of ['briefs', 'settings', 'sources']) expect(isStrict(db, table)).toBe(true);
  });

  it('0010 creates sources, their FTS index with working triggers, and settings', () => {
    const db = rawDb();
    expect(schemaVersion(db)).toBe(0);
    migrate(db, 10);
    expect(schemaVersion(db)).toBe(10);
    expect(tableNames(db)).toEqual(['settings', 'sources', 'sources_fts']);

    const inserted = insertSource(db, article);
    if (inserted.kind !== 'inserted') throw new Error('expected an insert');
    const id = inserted.id;
    expect(matchIds(db, 'radar')).toEqual([id]);
    expect(matchIds(db, 'surveillance')).toEqual([id]);

    db.prepare('UPDATE sources SET body = ? WHERE id = ?').run('Sonar data will be shared.', id);
    expect(matchIds(db, 'radar')).toEqual([]);
    expect(matchIds(db, 'sonar')).toEqual([id]);

    db.prepare('UPDATE sources SET title = ? WHERE id = ?').run('Sonar pact', id);
    expect(matchIds(db, 'surveillance')).toEqual([]);

    db.prepare('DELETE FROM sources WHERE id = ?').run(id);
    expect(matchIds(db, 'sonar')).toEqual([]);
    // The index must be consistent with its content table, not merely give the right answers.
    expect(() => db.exec("INSERT INTO sources_fts (sources_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    db.close();
  });

  it('0010 enforces STRICT types, the date shape and unique content hashes', () => {
    const db = rawDb();
    migrate(db, 10);
    const insert = db.prepare(
      `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count, published_at)
       VALUES ('t', 'b', 'b', ?, '2024-01-01T00:00:00.000Z', ?, ?)`,
    );
    expect(() => insert.run('h1', 'many', null)).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => insert.run('h2', 1, 'April 13')).toThrow(/CHECK constraint failed/);
    insert.run('h3', 1, '2023-04-13');
    expect(() => insert.run('h3', 1, null)).toThrow(/UNIQUE constraint failed/);
    db.close();
  });

  it('0020 adds briefs to an archive at version 10 and keeps its sources', () => {
    const db = rawDb();
    migrate(db, 10);
    const inserted = insertSource(db, article);
    expect(tableNames(db)).not.toContain('briefs');

    migrate(db, 20);
    expect(schemaVersion(db)).toBe(20);
    expect(tableNames(db)).toContain('briefs');
    if (inserted.kind !== 'inserted') throw new Error('expected an insert');
    expect(getSource(db, inserted.id)?.title).toBe('Arctic surveillance pact');
    expect(matchIds(db, 'radar')).toEqual([inserted.id]);
    const brief = createBrief(db, 'Note to the DM');
    expect(getBrief(db, brief.id)?.title).toBe('Note to the DM');
    expect(() =>
      db
        .prepare("INSERT INTO briefs (title, content, created_at, updated_at) VALUES ('x', 'not json', 'a', 'a')")
        .run(),
    ).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('runs each migration in a transaction: a failing one leaves the archive at the previous version', () => {
    const db = rawDb();
    migrate(db, 10);
    // A table squatting on the index's name makes 0020 fail after it has created `briefs`.
    db.exec('CREATE TABLE briefs_updated_at (x TEXT)');
    expect(() => migrate(db)).toThrow(/already a table named briefs_updated_at|already exists/);
    expect(schemaVersion(db)).toBe(10);
    expect(tableNames(db)).not.toContain('briefs');
    db.close();
  });

  it('does nothing when the archive is already current', () => {
    const { db } = tempArchive();
    const before = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').all();
    migrate(db);
    expect(db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').all()).toEqual(before);
    expect(schemaVersion(db)).toBe(20);
  });

  it('refuses an archive written by a newer version, without changing it', () => {
    const { db, file } = tempArchive();
    db.pragma('user_version = 30');
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = readFileSync(file);
    expect(() => openArchive(file)).toThrow(/newer version of Précis \(schema version 30; .* up to 20\)/);
    expect(readFileSync(file).equals(before)).toBe(true);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(30);
    raw.close();
  });
});
