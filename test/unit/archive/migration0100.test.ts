import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { getBrief } from '../../../main/briefs/briefs';
import { DEFAULT_CITATION_STYLE } from '../../../shared/csl/citationStyles';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 100));

describe('migration 100: citation style', () => {
  it('gives existing briefs the default style, Chicago, and refuses an empty one', () => {
    const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
    migrate(db, PREVIOUS);
    const { id } = db
      .prepare(
        `INSERT INTO briefs (title, content, created_at, updated_at)
         VALUES ('Old note', '{"root":{"type":"root","children":[]}}', 'c', 'u') RETURNING id`,
      )
      .get() as { id: number };
    migrate(db, 100);
    expect(schemaVersion(db)).toBe(100);
    expect(DEFAULT_CITATION_STYLE).toBe('chicago-fullnote-bibliography');
    expect(getBrief(db, id)).toMatchObject({ title: 'Old note', citationStyle: 'chicago-fullnote-bibliography' });
    expect(() => db.prepare("UPDATE briefs SET citation_style = '' WHERE id = ?").run(id)).toThrow(/CHECK/);
    db.close();
  });
});
