import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, openArchive } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { addSpellingWord, listSpellingWords } from '../../../main/archive/spellingWords';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 180));

describe('migration 180: the spell-checker’s own words', () => {
  it('adds a strict table of words per note language that refuses what is not one word', () => {
    const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
    migrate(db, PREVIOUS);
    migrate(db, 180);
    expect(schemaVersion(db)).toBe(180);
    const insert = db.prepare('INSERT INTO spelling_words (language, word, added_at) VALUES (?, ?, ?)');
    insert.run('en', 'Kanata', 'now');
    insert.run('fr', 'Kanata', 'now');
    expect(() => insert.run('en', 'Kanata', 'later')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('de', 'Wort', 'now')).toThrow(/CHECK/);
    expect(() => insert.run('en', 'two words', 'now')).toThrow(/CHECK/);
    expect(() => insert.run('en', '', 'now')).toThrow(/CHECK/);
    expect(() => insert.run('en', ' padded', 'now')).toThrow(/CHECK/);
    // STRICT: bytes are not silently stored where a word belongs.
    expect(() => insert.run('en', Buffer.from('word'), 'now')).toThrow(/cannot store BLOB value/);
    db.close();
  });

  it('keeps added words per language through the archive functions', () => {
    const db = openArchive(join(tempDir(), ARCHIVE_FILE_NAME));
    addSpellingWord(db, 'en', 'Kanata');
    addSpellingWord(db, 'en', 'Kanata');
    addSpellingWord(db, 'en', 'Gatineau');
    addSpellingWord(db, 'fr', 'Nunavik');
    expect(listSpellingWords(db, 'en')).toEqual(['Gatineau', 'Kanata']);
    expect(listSpellingWords(db, 'fr')).toEqual(['Nunavik']);
    db.close();
  });
});
