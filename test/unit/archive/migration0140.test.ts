import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { getSource } from '../../../main/archive/sources';
import { EVIDENCE_KINDS, METADATA_FIELDS } from '../../../shared/source';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 140));
const INSERT = `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count, format)
  VALUES (?, ?, ?, ?, '2025-01-01T00:00:00.000Z', ?, ?) RETURNING id`;

describe('migration 140: reference sources', () => {
  it('keeps recorded evidence, accepts the reference-manager kind, and lets only a reference have no text', () => {
    const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
    db.pragma('foreign_keys = ON');
    migrate(db, PREVIOUS);
    const { id } = db.prepare(INSERT).get('Talks begin', 'Talks began.', 'Talks began.', 'h1', 2, 'txt') as {
      id: number;
    };
    db.prepare("INSERT INTO source_provenance (source_id, field, evidence) VALUES (?, 'title', 'headline')").run(id);
    expect(() =>
      db
        .prepare("INSERT INTO source_provenance (source_id, field, evidence) VALUES (?, 'url', 'reference-manager')")
        .run(id),
    ).toThrow(/CHECK/);

    migrate(db, 140);
    expect(schemaVersion(db)).toBe(140);
    // The app reads sources with the latest schema (its summary joins later tables): finish migrating.
    migrate(db);
    expect(getSource(db, id)).toMatchObject({ provenance: { title: { from: 'headline', strength: 'medium' } } });
    const set = db.prepare('INSERT OR REPLACE INTO source_provenance (source_id, field, evidence) VALUES (?, ?, ?)');
    for (const field of METADATA_FIELDS) for (const kind of EVIDENCE_KINDS) set.run(id, field, kind);
    expect(() => set.run(id, 'title', 'zotero')).toThrow(/CHECK constraint failed/);
    expect(() => set.run(999, 'title', 'user')).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare('DELETE FROM sources WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) AS n FROM source_provenance').get()).toEqual({ n: 0 });

    expect(() => db.prepare(INSERT).get('Empty', '', '', 'h2', 0, 'txt')).toThrow(/only a reference source/);
    const reference = db
      .prepare(INSERT)
      .get('Rental Market Report', '', '@techreport{…}', 'reference:x', 0, 'reference') as {
      id: number;
    };
    expect(getSource(db, reference.id)).toMatchObject({ format: 'reference', body: '', wordCount: 0 });
    db.close();
  });

  it('lists the same evidence kinds as shared/source.ts', () => {
    const sql = readFileSync(join(__dirname, '../../../main/archive/migrations/0140-reference-sources.ts'), 'utf8');
    const listed = /evidence IN \(([^)]*)\)/
      .exec(sql)![1]!
      .match(/'[^']+'/g)!
      .map((k) => k.slice(1, -1));
    expect(new Set(listed)).toEqual(new Set(EVIDENCE_KINDS));
  });
});
