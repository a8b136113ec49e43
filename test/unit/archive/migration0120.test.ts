import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { getSource, insertSource } from '../../../main/archive/sources';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 120));

describe('migration 120: pages read by OCR', () => {
  it('leaves existing sources without OCR pages, records new ones, and refuses anything but an array', () => {
    const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
    migrate(db, PREVIOUS);
    const { id: old } = db
      .prepare(
        `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count, format)
         VALUES ('Old report', 'Old text.', 'Old text.', 'h1', 'now', 2, 'pdf') RETURNING id`,
      )
      .get() as { id: number };
    migrate(db, 120);
    expect(schemaVersion(db)).toBe(120);
    const ocrPages = db.prepare('SELECT ocr_pages FROM sources WHERE id = ?').pluck();
    expect(ocrPages.get(old)).toBeNull();

    // Today's insertSource writes columns later migrations add (230: the packed original), and the
    // app reads a source back only with the latest schema (its summary joins later tables).
    migrate(db);
    expect(ocrPages.get(old)).toBeNull();
    const outcome = insertSource(db, {
      title: 'Scanned letter',
      outlet: null,
      author: null,
      publishedAt: null,
      language: 'en',
      url: null,
      body: 'First page.\n\nSecond page.',
      original: 'First page.\n\f\nSecond page.',
      fileName: 'scan.pdf',
      format: 'pdf',
      pageStarts: [0, 13],
      ocrPages: [1, 2],
    });
    expect(outcome.kind).toBe('inserted');
    const id = outcome.kind === 'inserted' ? outcome.id : 0;
    expect(JSON.parse(ocrPages.get(id) as string)).toEqual([1, 2]);
    expect(getSource(db, id)?.ocrPages).toEqual([1, 2]);
    expect(() => db.prepare(`UPDATE sources SET ocr_pages = '{"page":1}' WHERE id = ?`).run(id)).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE sources SET ocr_pages = 'page 1' WHERE id = ?`).run(id)).toThrow(/CHECK/);
    db.close();
  });
});
