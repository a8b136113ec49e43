import type { Db } from '../database';

/**
 * Which pages of a source were read by OCR (a JSON array of 1-based page numbers), or NULL when
 * none were: quotations from those pages may carry recognition errors, and the reader says so.
 * Sources imported before OCR existed had no scanned pages imported (such PDFs were refused).
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE sources ADD COLUMN ocr_pages TEXT
      CHECK (ocr_pages IS NULL OR (json_valid(ocr_pages) AND json_type(ocr_pages) = 'array'));
  `);
}
