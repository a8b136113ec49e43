import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { getBrief, saveBrief } from '../../../main/briefs/briefs';
import { getSnapshot, listSnapshots } from '../../../main/briefs/snapshots';
import { SnapshotReason } from '../../../shared/briefSchemas';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 70));
const CONTENT = JSON.stringify({
  root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'kept' }] }] },
});

/** An archive as the release before migration 70 left it: one brief with two snapshots. */
function archiveBefore70(): { db: Db; briefId: number; snapshotIds: number[] } {
  const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
  db.pragma('foreign_keys = ON');
  migrate(db, PREVIOUS);
  const { id } = db
    .prepare(
      `INSERT INTO briefs (title, content, classification, created_at, updated_at)
       VALUES ('Note to the DM', ?, 'PROTECTED B', '2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z') RETURNING id`,
    )
    .get(CONTENT) as { id: number };
  const snap = db.prepare(
    `INSERT INTO brief_snapshots (brief_id, taken_at, reason, title, content, word_count)
     VALUES (?, ?, ?, 'Note to the DM', ?, 1) RETURNING id`,
  );
  const snapshotIds = [
    (snap.get(id, '2024-01-01T10:00:00.000Z', 'manual', CONTENT) as { id: number }).id,
    (snap.get(id, '2024-01-01T11:00:00.000Z', 'auto', CONTENT) as { id: number }).id,
  ];
  return { db, briefId: id, snapshotIds };
}

describe('migration 70: brief revisions', () => {
  it('starts every existing brief at revision 1, keeping the rest', () => {
    const { db, briefId } = archiveBefore70();
    migrate(db, 70);
    expect(schemaVersion(db)).toBe(70);
    // Read as stored: today's brief functions expect the columns of later migrations too.
    expect(db.prepare('SELECT * FROM briefs WHERE id = ?').get(briefId)).toMatchObject({
      title: 'Note to the DM',
      classification: 'PROTECTED B',
      updated_at: '2024-01-02T00:00:00.000Z',
      revision: 1,
    });
    const column = db.prepare(
      "SELECT type, \"notnull\", dflt_value FROM pragma_table_info('briefs') WHERE name = 'revision'",
    );
    expect(column.get()).toEqual({ type: 'INTEGER', notnull: 1, dflt_value: '1' });
    expect(() => db.prepare('UPDATE briefs SET revision = 0').run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("UPDATE briefs SET revision = 'two'").run()).toThrow(/cannot store TEXT value/);
    migrate(db);
    expect(getBrief(db, briefId)?.revision).toBe(1);
    const saved = saveBrief(db, { id: briefId, baseRevision: 1, content: { root: { type: 'root', children: [] } } });
    expect(saved?.revision).toBe(2);
    db.close();
  });

  it('keeps every snapshot, id for id, in a STRICT table that accepts exactly the contract’s reasons', () => {
    const { db, briefId, snapshotIds } = archiveBefore70();
    migrate(db, 70);
    expect(listSnapshots(db, briefId).map((s) => s.id)).toEqual([...snapshotIds].reverse());
    expect(getSnapshot(db, snapshotIds[0]!)).toMatchObject({ reason: 'manual', title: 'Note to the DM' });
    expect(db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get('brief_snapshots')).toEqual({
      strict: 1,
    });
    const indexed = db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all('brief_snapshots_by_brief');
    expect(indexed).toEqual([{ name: 'brief_id' }, { name: 'taken_at' }]);

    const insert = db.prepare(
      `INSERT INTO brief_snapshots (brief_id, taken_at, reason, title, content, word_count) VALUES (?, 't', ?, 'N', '{}', 0)`,
    );
    for (const reason of SnapshotReason.options) expect(() => insert.run(briefId, reason)).not.toThrow();
    expect(() => insert.run(briefId, 'whim')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(999, 'manual')).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare('DELETE FROM briefs WHERE id = ?').run(briefId);
    expect(db.prepare('SELECT count(*) AS n FROM brief_snapshots').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
