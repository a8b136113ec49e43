import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db } from '../../../main/archive/database';
import { migrate } from '../../../main/archive/migrations';
import { type ImportFacts, insertSources } from '../../../main/archive/sources';
import type { ParsedSource } from '../../../main/importers/plainText';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

function source(i: number, body: string, extra: Partial<ParsedSource & ImportFacts> = {}): ParsedSource & ImportFacts {
  return {
    title: `Report ${i} on ${['trade', 'defence', 'water'][i % 3]}`,
    body,
    original: body,
    outlet: i % 2 ? 'Reuters' : 'Canadian Press',
    author: i % 4 ? 'Jane Doe' : null,
    publishedAt: '2024-01-31',
    url: null,
    language: i % 5 ? 'en' : 'fr',
    fileName: null,
    ...extra,
  };
}

const WORDS = ['arctic', 'radar', 'sovereignty', 'trade', 'water', 'treaty', 'défense', 'minister', 'the', 'of'];
function bodyOf(i: number): string {
  const words = Array.from({ length: 20 + (i % 13) }, (_, k) => WORDS[(i * 7 + k * k) % WORDS.length]);
  return `${words.join(' ')} n${i}.`;
}

/** What a row written by any other writer looks like: one INSERT, indexed by the trigger. */
function insertRaw(db: Db, s: ParsedSource & ImportFacts, hash: string): number {
  return (
    db
      .prepare(
        `INSERT INTO sources (title, outlet, author, published_at, language, url, body, original, content_hash,
           file_name, imported_at, word_count, format)
         VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, NULL, '2026-12-03T00:00:00.000Z', 1, ?) RETURNING id`,
      )
      .get(s.title, s.outlet, s.author, s.publishedAt, s.language, s.body, s.original, hash, s.format ?? 'txt') as {
      id: number;
    }
  ).id;
}

/** Every query's matches with their bm25 scores (title ten times the body), and FTS5's own check. */
function searchable(db: Db): unknown[] {
  db.exec("INSERT INTO sources_fts (sources_fts) VALUES ('integrity-check')");
  return ['arctic', 'radar OR treaty', '"the arctic"', 'defense', 'tre*', 'outlet:reuters', 'language:fr', 'n7'].map(
    (q) =>
      db
        .prepare(
          'SELECT rowid, round(bm25(sources_fts, 10.0, 1.0, 0.0, 0.0, 0.0), 9) AS score FROM sources_fts WHERE sources_fts MATCH ? ORDER BY rowid',
        )
        .all(q),
  );
}

const filling = (db: Db) => (db.prepare('SELECT count(*) AS n FROM sources_fts_filling').get() as { n: number }).n;

describe('sources indexed a statement at a time (migration 240)', () => {
  it('indexes a batch exactly as the insert trigger indexes the same rows one by one', () => {
    const batched = tempArchive().db;
    const oneByOne = tempArchive().db;
    const sources = Array.from({ length: 60 }, (_, i) => source(i, bodyOf(i)));
    // Two copies of earlier texts: not stored again, so their ids are not in the statement's range.
    const withDuplicates = [
      ...sources.slice(0, 30),
      source(100, bodyOf(3)),
      ...sources.slice(30),
      source(101, bodyOf(40)),
    ];
    const outcomes = insertSources(batched, withDuplicates);
    expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(2);
    for (const [i, s] of sources.entries()) insertRaw(oneByOne, s, `h${i}`);

    expect(filling(batched)).toBe(0);
    expect(searchable(batched)).toEqual(searchable(oneByOne));
    expect(searchable(batched)[0]).not.toHaveLength(0);

    // After a batch, any other writer's row is indexed by the trigger again.
    const later = insertRaw(batched, source(200, 'A later arctic note.'), 'later');
    expect(batched.prepare("SELECT rowid FROM sources_fts WHERE sources_fts MATCH 'later'").pluck().all()).toEqual([
      later,
    ]);
  });

  it('indexes batches larger than one statement, and after sources were deleted', () => {
    const { db } = tempArchive();
    insertSources(
      db,
      Array.from({ length: 5 }, (_, i) => source(i, bodyOf(i))),
    );
    db.prepare('DELETE FROM sources WHERE id IN (4, 5)').run();
    insertSources(
      db,
      Array.from({ length: 4100 }, (_, i) => source(i + 10, `${bodyOf(i + 10)} batch${i % 3}`)),
    );
    const count = (q: string) =>
      (db.prepare('SELECT count(*) AS n FROM sources_fts WHERE sources_fts MATCH ?').get(q) as { n: number }).n;
    expect(count('batch0 OR batch1 OR batch2')).toBe(4100);
    expect(count('n2')).toBe(1);
    expect(count('n3')).toBe(0);
    expect(count('n4')).toBe(0);
    db.exec("INSERT INTO sources_fts (sources_fts) VALUES ('integrity-check')");
  });

  it('takes the rows and its marker back together when the batch fails', () => {
    const { db } = tempArchive();
    insertSources(db, [source(1, 'An arctic radar.')]);
    // A source with no text that is not a reference is refused by the archive (migration 140).
    expect(() => insertSources(db, [source(2, 'More arctic radar.'), source(3, '', { format: 'txt' })])).toThrow(
      /only a reference source may have no text/,
    );
    expect(filling(db)).toBe(0);
    expect(db.prepare("SELECT rowid FROM sources_fts WHERE sources_fts MATCH 'arctic'").pluck().all()).toEqual([1]);
    const next = insertRaw(db, source(4, 'Arctic again.'), 'again');
    expect(db.prepare("SELECT rowid FROM sources_fts WHERE sources_fts MATCH 'arctic'").pluck().all()).toEqual([
      1,
      next,
    ]);
  });

  it('migrates an archive whose sources the trigger indexed, and its trigger still indexes other writers', () => {
    const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
    migrate(db, 230);
    const before = insertRaw(db, source(1, 'Radar over the arctic.'), 'one');
    migrate(db);
    expect(filling(db)).toBe(0);
    const after = insertRaw(db, source(2, 'Arctic sovereignty.'), 'two');
    expect(db.prepare("SELECT rowid FROM sources_fts WHERE sources_fts MATCH 'arctic'").pluck().all()).toEqual([
      before,
      after,
    ]);
    db.close();
  });
});
