import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 150));

describe('migration 150: reference details', () => {
  it('keeps partial dates, DOIs and item types per source, strictly typed, gone with the source', () => {
    const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
    db.pragma('foreign_keys = ON');
    migrate(db, PREVIOUS);
    const source = (title: string) =>
      Number(
        db
          .prepare(
            `INSERT INTO sources (title, body, original, file_name, format, content_hash, imported_at, word_count)
             VALUES (?, '', '', 'lib.json', 'reference', ?, 'now', 0)`,
          )
          .run(title, `reference:${title}`).lastInsertRowid,
      );
    const id = source('A year-only report');
    migrate(db, 150);
    expect(schemaVersion(db)).toBe(150);
    const insert = db.prepare('INSERT INTO reference_details (source_id, issued, doi, item_type) VALUES (?, ?, ?, ?)');
    insert.run(id, '2024', '10.1234/abc', 'book');
    expect(db.prepare('SELECT * FROM reference_details').all()).toEqual([
      { source_id: id, issued: '2024', doi: '10.1234/abc', item_type: 'book' },
    ]);
    const other = source('Another');
    // A full day belongs in sources.published_at; a DOI is not a URL; a row says something.
    expect(() => insert.run(other, '2024-03-05', null, null)).toThrow(/CHECK/);
    expect(() => insert.run(other, null, 'https://doi.org/10.1/x', null)).toThrow(/CHECK/);
    expect(() => insert.run(other, null, null, null)).toThrow(/CHECK/);
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'reference_details'").get()).toEqual({
      strict: 1,
    });
    expect(() => insert.run(999, '2024', null, null)).toThrow(/FOREIGN KEY/);
    insert.run(other, '2024-03', null, null);
    db.prepare('DELETE FROM sources WHERE id = ?').run(id);
    expect(db.prepare('SELECT source_id FROM reference_details').all()).toEqual([{ source_id: other }]);
    db.close();
  });
});
