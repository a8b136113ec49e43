import type { Db } from '../database';

/**
 * A source's original, packed against its body (main/archive/packedOriginal.ts): new rows leave
 * `original` empty and hold `original_packed`; rows stored before keep their text, so the migration
 * adds a column and rewrites nothing. A row holds one form or the other, never both.
 *
 * The packed form is only readable with the body it was packed against, so a new body must come
 * with the original packed again (the app never replaces a body; the trigger keeps any other
 * writer from making the original unreadable). The column is the row's last: the columns after
 * `original` (hash, dates, cluster, format) no longer sit behind a second copy of the text.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE sources ADD COLUMN original_packed BLOB CHECK (original_packed IS NULL OR original = '');
    CREATE TRIGGER sources_packed_original_needs_its_body BEFORE UPDATE OF body ON sources
      WHEN old.original_packed IS NOT NULL AND new.body IS NOT old.body
        AND new.original_packed IS old.original_packed
    BEGIN
      SELECT RAISE(ABORT, 'the original is packed against the body: pack it again with the new body (replaceBody)');
    END;
  `);
}
