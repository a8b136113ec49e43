import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { getBrief, listBriefs } from '../../../main/briefs/briefs';
import { CLASSIFICATIONS } from '../../../shared/source';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 60));

/** An archive as the release before migration 60 left it, holding one brief. */
function archiveWithOldBrief(): { db: Db; briefId: number } {
  const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
  db.pragma('foreign_keys = ON');
  migrate(db, PREVIOUS);
  const content = JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [] }] } });
  const { id } = db
    .prepare(
      `INSERT INTO briefs (title, content, created_at, updated_at)
       VALUES ('Note to the DM', ?, '2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z') RETURNING id`,
    )
    .get(content) as { id: number };
  return { db, briefId: id };
}

function columns(db: Db, table: string): Record<string, { type: string; notnull: number; dflt_value: string | null }> {
  const rows = db.prepare('SELECT name, type, "notnull", dflt_value FROM pragma_table_info(?)').all(table) as {
    name: string;
    type: string;
    notnull: number;
    dflt_value: string | null;
  }[];
  return Object.fromEntries(rows.map(({ name, ...rest }) => [name, rest]));
}

describe('migration 60: brief lifecycle', () => {
  it('gives existing briefs a classification, a language and no deletion, keeping the rest', () => {
    const { db, briefId } = archiveWithOldBrief();
    migrate(db, 60);
    expect(schemaVersion(db)).toBe(60);
    expect(columns(db, 'briefs')).toMatchObject({
      classification: { type: 'TEXT', notnull: 1, dflt_value: "'UNCLASSIFIED'" },
      language: { type: 'TEXT', notnull: 1, dflt_value: "'en'" },
      deleted_at: { type: 'TEXT', notnull: 0, dflt_value: null },
    });
    // The brief reads back whole once the later migrations (citation style, 100) are applied too.
    migrate(db);
    expect(getBrief(db, briefId)).toMatchObject({
      title: 'Note to the DM',
      classification: 'UNCLASSIFIED',
      language: 'en',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-02T00:00:00.000Z',
      deletedAt: null,
    });
    expect(listBriefs(db).map((brief) => brief.id)).toEqual([briefId]);
    db.close();
  });

  it('accepts exactly the classifications of shared/source.ts and the two languages', () => {
    const { db, briefId } = archiveWithOldBrief();
    migrate(db, 60);
    const setClassification = db.prepare('UPDATE briefs SET classification = ? WHERE id = ?');
    for (const classification of CLASSIFICATIONS)
      expect(() => setClassification.run(classification, briefId)).not.toThrow();
    for (const wrong of ['unclassified', 'PROTECTED D', '', 'SECRET ']) {
      expect(() => setClassification.run(wrong, briefId)).toThrow(/CHECK constraint failed/);
    }
    const setLanguage = db.prepare('UPDATE briefs SET language = ? WHERE id = ?');
    setLanguage.run('fr', briefId);
    expect(() => setLanguage.run('de', briefId)).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('adds a STRICT snapshot table, indexed by brief and time, that goes with its brief', () => {
    const { db, briefId } = archiveWithOldBrief();
    migrate(db, 60);
    const strict = db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get('brief_snapshots');
    expect(strict).toEqual({ strict: 1 });
    const indexed = db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all('brief_snapshots_by_brief');
    expect(indexed).toEqual([{ name: 'brief_id' }, { name: 'taken_at' }]);

    const insert = db.prepare(
      `INSERT INTO brief_snapshots (brief_id, taken_at, reason, title, content, word_count) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    insert.run(briefId, '2024-01-03T00:00:00.000Z', 'auto', 'Note', '{"root":{}}', 0);
    expect(() => insert.run(briefId, 't', 'whim', 'Note', '{}', 0)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(briefId, 't', 'manual', 'Note', 'not json', 0)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(briefId, 't', 'manual', 'Note', '{}', -1)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(briefId, 't', 'manual', 'Note', '{}', 'many')).toThrow(/cannot store TEXT value/);
    expect(() => insert.run(999, 't', 'manual', 'Note', '{}', 0)).toThrow(/FOREIGN KEY constraint failed/);

    db.prepare('DELETE FROM briefs WHERE id = ?').run(briefId);
    expect(db.prepare('SELECT count(*) AS n FROM brief_snapshots').get()).toEqual({ n: 0 });
    db.close();
  });
});
