import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db, openArchive } from '../../../main/archive/database';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
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

/**
 * A source as a version-10 archive stores it (today's insertSource writes columns that later
 * migrations add, such as migration 230's packed original).
 */
function insertAtVersion10(db: Db, source = article, hash = 'hash-1'): number {
  const row = db
    .prepare(
      `INSERT INTO sources (title, outlet, author, published_at, language, body, original, content_hash, file_name, imported_at, word_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2024-01-31T00:00:00.000Z', 10) RETURNING id`,
    )
    .get(
      source.title,
      source.outlet,
      source.author,
      source.publishedAt,
      source.language,
      source.body,
      source.original,
      hash,
      source.fileName,
    ) as {
    id: number;
  };
  return row.id;
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
    // Engineers add migrations concurrently, so numbers may be skipped; never reused or reordered.
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions.slice(0, 2)).toEqual([10, 20]);
    versions.forEach((version, i) => {
      expect(version % 10).toBe(0);
      if (i > 0) expect(version).toBeGreaterThan(versions[i - 1]!);
    });
    expect(LATEST_VERSION).toBe(versions[versions.length - 1]);
  });

  it('bring a fresh archive to the latest version with STRICT tables', () => {
    const { db } = tempArchive();
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['briefs', 'settings', 'sources', 'sources_fts']));
    for (const table of ['briefs', 'settings', 'sources']) expect(isStrict(db, table)).toBe(true);
  });

  it('0010 creates sources, their FTS index with working triggers, and settings', () => {
    const db = rawDb();
    expect(schemaVersion(db)).toBe(0);
    migrate(db, 10);
    expect(schemaVersion(db)).toBe(10);
    expect(tableNames(db)).toEqual(['settings', 'sources', 'sources_fts']);

    // Raw SQL: today's insertSource writes columns that later migrations add.
    const id = insertAtVersion10(db);
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
    const id = insertAtVersion10(db);
    expect(tableNames(db)).not.toContain('briefs');

    migrate(db, 20);
    expect(schemaVersion(db)).toBe(20);
    expect(tableNames(db)).toContain('briefs');
    expect(db.prepare('SELECT title FROM sources WHERE id = ?').get(id)).toEqual({ title: 'Arctic surveillance pact' });
    expect(matchIds(db, 'radar')).toEqual([id]);
    db.prepare(
      "INSERT INTO briefs (title, content, created_at, updated_at) VALUES ('Note to the DM', '{\"root\":{}}', 'a', 'a')",
    ).run();
    expect(db.prepare('SELECT title FROM briefs').get()).toEqual({ title: 'Note to the DM' });
    expect(() =>
      db
        .prepare("INSERT INTO briefs (title, content, created_at, updated_at) VALUES ('x', 'not json', 'a', 'a')")
        .run(),
    ).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('0040 rebuilds the search index with outlet, author and language filters, vocabulary and date index', () => {
    const db = rawDb();
    migrate(db, 30);
    const id = insertAtVersion10(db);

    migrate(db, 40);
    expect(schemaVersion(db)).toBe(40);
    // The existing source was indexed by the rebuild, in the new columns too.
    expect(matchIds(db, 'radar')).toEqual([id]);
    expect(matchIds(db, 'outlet : "canadian press"')).toEqual([id]);
    expect(matchIds(db, 'author : "jane"')).toEqual([id]);
    expect(matchIds(db, 'language : "en"')).toEqual([id]);
    expect(matchIds(db, '{title body} : "canadian"')).toEqual([]);
    expect(db.prepare('SELECT docs FROM search_terms WHERE term = ?').pluck().get('radar')).toBe(1);
    expect(db.prepare("SELECT doc FROM sources_vocab WHERE term = 'arctic'").pluck().get()).toBe(1);
    expect(isStrict(db, 'search_terms')).toBe(true);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all();
    expect(indexes).toContain('sources_published_at');
    // ORDER BY rank is bm25 with the title weighted above the body.
    const inTitle = insertAtVersion10(
      db,
      { ...article, title: 'Sonar', body: 'Unrelated text about sonar.', original: 'x' },
      'hash-sonar-title',
    );
    const inBody = insertAtVersion10(
      db,
      { ...article, title: 'Other', body: 'Sonar, sonar and sonar again.', original: 'y' },
      'hash-sonar-body',
    );
    const ranked = db
      .prepare('SELECT rowid FROM sources_fts WHERE sources_fts MATCH ? ORDER BY rank')
      .pluck()
      .all('sonar');
    expect(ranked).toEqual([inTitle, inBody]);

    // Editing the outlet re-indexes it; grading does not touch the index.
    db.prepare('UPDATE sources SET outlet = ? WHERE id = ?').run('Reuters', id);
    expect(matchIds(db, 'outlet : "reuters"')).toEqual([id]);
    expect(matchIds(db, 'outlet : "canadian"')).not.toContain(id);
    db.prepare("UPDATE sources SET reliability = 'B' WHERE id = ?").run(id);
    db.prepare('DELETE FROM sources WHERE id = ?').run(id);
    expect(matchIds(db, 'radar')).toEqual([]);
    expect(() => db.exec("INSERT INTO sources_fts (sources_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
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
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
  });

  it('refuses an archive written by a newer version, without changing it', () => {
    const { db, file } = tempArchive();
    const newer = LATEST_VERSION + 10;
    db.pragma(`user_version = ${newer}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = readFileSync(file);
    expect(() => openArchive(file)).toThrow(
      new RegExp(`newer version of Précis \\(schema version ${newer}; .* up to ${LATEST_VERSION}\\)`),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(newer);
    raw.close();
  });
});
