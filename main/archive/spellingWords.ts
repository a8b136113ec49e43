import type { BriefLanguage } from '../../shared/briefSchemas';
import { type Db, prepareCached } from './database';
import { committed } from './writeErrors';

/** The words the analyst added to the dictionary of one note language, in alphabetical order. */
export function listSpellingWords(db: Db, language: BriefLanguage): string[] {
  const rows = prepareCached(db, 'SELECT word FROM spelling_words WHERE language = ? ORDER BY word').all(language) as {
    word: string;
  }[];
  return rows.map((row) => row.word);
}

/** Adds a word (adding one already there changes nothing); the write commits or throws a UserError. */
export function addSpellingWord(db: Db, language: BriefLanguage, word: string): void {
  committed(db, () =>
    prepareCached(
      db,
      'INSERT INTO spelling_words (language, word, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(language, word, new Date().toISOString()),
  );
}
