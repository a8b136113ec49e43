import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 130));

describe('migration 130: Word templates', () => {
  it('gives existing briefs the built-in style and keeps templates whole, strictly typed', () => {
    const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
    db.pragma('foreign_keys = ON');
    migrate(db, PREVIOUS);
    const { id } = db
      .prepare(
        `INSERT INTO briefs (title, content, created_at, updated_at)
         VALUES ('Old note', '{"root":{"type":"root","children":[]}}', 'c', 'u') RETURNING id`,
      )
      .get() as { id: number };
    migrate(db, 130);
    expect(schemaVersion(db)).toBe(130);
    expect(db.prepare('SELECT word_template_id FROM briefs WHERE id = ?').get(id)).toEqual({ word_template_id: null });

    const insert = db.prepare('INSERT INTO word_templates (name, content, sha256, added_at) VALUES (?, ?, ?, ?)');
    const sha = 'a'.repeat(64);
    const template = Number(insert.run('Dept.dotx', Buffer.from([0x50, 0x4b]), sha, 'now').lastInsertRowid);
    db.prepare('UPDATE briefs SET word_template_id = ? WHERE id = ?').run(template, id);
    // STRICT: the bytes stay a BLOB; text where bytes belong is refused.
    expect(() => insert.run('Other.dotx', 'not bytes', 'b'.repeat(64), 'now')).toThrow(/cannot store TEXT value/);
    expect(() => insert.run('', Buffer.from([1]), 'c'.repeat(64), 'now')).toThrow(/CHECK/);
    expect(() => insert.run('Empty.dotx', Buffer.alloc(0), 'd'.repeat(64), 'now')).toThrow(/CHECK/);
    expect(() => insert.run('Dept.dotx', Buffer.from([1]), sha, 'now')).toThrow(/UNIQUE/);
    // A brief can only point at a template the archive holds.
    expect(() => db.prepare('UPDATE briefs SET word_template_id = 999 WHERE id = ?').run(id)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
