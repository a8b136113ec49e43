import type { Db } from '../database';

/**
 * The analyst's own dictionary: words added with "Add to dictionary" in the note's spell-checker,
 * per note language ('en' notes are checked in en-CA, 'fr' notes in fr-CA). Kept in the archive,
 * like every other preference, so they travel with it and survive a reinstall. A word is stored as
 * typed (Hunspell matching is case-aware: "Kanata" accepts "KANATA" but not "kanata").
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE spelling_words (
      language TEXT NOT NULL CHECK (language IN ('en', 'fr')),
      word TEXT NOT NULL CHECK (length(word) BETWEEN 1 AND 100 AND instr(word, ' ') = 0 AND word = trim(word)),
      added_at TEXT NOT NULL,
      PRIMARY KEY (language, word)
    ) STRICT, WITHOUT ROWID;
  `);
}
