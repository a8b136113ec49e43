import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { getSource, listSources } from '../../../main/archive/sources';
import { EVIDENCE_KINDS, METADATA_FIELDS } from '../../../shared/source';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 90));

/** An archive as the release before migration 90 left it: one source with every field, one with few. */
function archiveWithOldSources(): { db: Db; full: number; bare: number } {
  const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
  db.pragma('foreign_keys = ON');
  migrate(db, PREVIOUS);
  const insert = db.prepare(
    `INSERT INTO sources (title, outlet, author, published_at, language, url, body, original, content_hash,
       file_name, imported_at, word_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const full = insert.get(
    'Talks begin',
    'The Canadian Press',
    'Dylan Robertson',
    '2023-04-13',
    'en',
    'https://example.org/a',
    'Talks began.',
    'Talks began.',
    'hash-a',
    'a.txt',
    '2024-01-01T00:00:00.000Z',
    2,
  ) as { id: number };
  const bare = insert.get(
    'Untitled clipping',
    null,
    null,
    null,
    null,
    null,
    'Text.',
    'Text.',
    'hash-b',
    'b.txt',
    '2024-01-02T00:00:00.000Z',
    1,
  ) as { id: number };
  return { db, full: full.id, bare: bare.id };
}

describe('migration 90: metadata provenance', () => {
  it('keeps existing values and records them as legacy evidence; empty fields have none', () => {
    const { db, full, bare } = archiveWithOldSources();
    migrate(db, 90);
    expect(schemaVersion(db)).toBe(90);
    // Read through today's code, which expects the later columns too (ocr_pages, 0120).
    migrate(db);
    expect(getSource(db, full)).toMatchObject({
      title: 'Talks begin',
      outlet: 'The Canadian Press',
      author: 'Dylan Robertson',
      publishedAt: '2023-04-13',
      needsReview: false,
    });
    const rows = db
      .prepare('SELECT field, evidence FROM source_provenance WHERE source_id = ? ORDER BY field')
      .all(full);
    expect(rows).toEqual(
      ['author', 'language', 'outlet', 'publishedAt', 'title', 'url'].map((field) => ({ field, evidence: 'legacy' })),
    );
    const old = getSource(db, bare)!;
    expect(old.provenance.title).toEqual({ from: 'legacy', strength: 'medium' });
    expect(old.provenance.publishedAt).toEqual({ from: 'none', strength: 'none' });
    // No date and no outlet: the analyst is asked to check.
    expect(old.needsReview).toBe(true);
    expect(listSources(db).map((s) => s.id)).toEqual([bare, full]);
    db.close();
  });

  it('adds a STRICT table that accepts exactly the fields and evidence kinds of shared/source.ts', () => {
    const { db, full } = archiveWithOldSources();
    migrate(db, 90);
    expect(db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get('source_provenance')).toEqual({
      strict: 1,
    });
    const set = db.prepare('INSERT OR REPLACE INTO source_provenance (source_id, field, evidence) VALUES (?, ?, ?)');
    for (const field of METADATA_FIELDS)
      for (const kind of EVIDENCE_KINDS.filter((k) => k !== 'reference-manager'))
        expect(() => set.run(full, field, kind)).not.toThrow();
    expect(() => set.run(full, 'body', 'user')).toThrow(/CHECK constraint failed/);
    expect(() => set.run(full, 'title', 'file-time')).toThrow(/CHECK constraint failed/);
    expect(() => set.run(999, 'title', 'user')).toThrow(/FOREIGN KEY constraint failed/);

    db.prepare('DELETE FROM sources WHERE id = ?').run(full);
    expect(db.prepare('SELECT count(*) AS n FROM source_provenance WHERE source_id = ?').get(full)).toEqual({ n: 0 });
    db.close();
  });
});
