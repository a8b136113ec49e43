import { createHash } from 'node:crypto';
import type { SourceDetail, SourceSummary } from '../../shared/source';
import { countWords, foldForComparison, normaliseWhitespace } from '../../shared/text';
import type { ParsedSource } from '../importers/plainText';
import { type Db, prepareCached } from './database';

export type InsertOutcome = { kind: 'inserted'; id: number } | { kind: 'duplicate'; duplicateOf: number };

/**
 * The identity of a text for de-duplication: the same words in the same order, whatever the
 * spacing, case or accents. Re-saving an article with different line wrapping is not a new source.
 */
export function contentHash(body: string): string {
  return createHash('sha256')
    .update(foldForComparison(normaliseWhitespace(body)))
    .digest('hex');
}

export function insertSource(db: Db, s: ParsedSource & { fileName: string | null }): InsertOutcome {
  const hash = contentHash(s.body);
  // ON CONFLICT rather than look-then-insert: another process may import the same file at once.
  const inserted = prepareCached(
    db,
    `INSERT INTO sources
       (title, outlet, author, published_at, language, url, body, original, content_hash, file_name, imported_at, word_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (content_hash) DO NOTHING
     RETURNING id`,
  ).get(
    s.title,
    s.outlet,
    s.author,
    s.publishedAt,
    s.language,
    s.url,
    s.body,
    s.original,
    hash,
    s.fileName,
    new Date().toISOString(),
    countWords(s.body),
  ) as { id: number } | undefined;
  if (inserted) return { kind: 'inserted', id: inserted.id };
  const existing = prepareCached(db, 'SELECT id FROM sources WHERE content_hash = ?').get(hash) as { id: number };
  return { kind: 'duplicate', duplicateOf: existing.id };
}

interface SummaryRow {
  id: number;
  title: string;
  outlet: string | null;
  author: string | null;
  published_at: string | null;
  url: string | null;
  language: string | null;
  word_count: number;
  imported_at: string;
}

interface DetailRow extends SummaryRow {
  body: string;
}

const SUMMARY_COLUMNS = 'id, title, outlet, author, published_at, url, language, word_count, imported_at';

function rowToSourceSummary(row: SummaryRow): SourceSummary {
  return {
    id: row.id,
    title: row.title,
    outlet: row.outlet,
    author: row.author,
    publishedAt: row.published_at,
    url: row.url,
    language: row.language,
    wordCount: row.word_count,
    importedAt: row.imported_at,
  };
}

function rowToSourceDetail(row: DetailRow): SourceDetail {
  return { ...rowToSourceSummary(row), body: row.body };
}

export function getSource(db: Db, id: number): SourceDetail | null {
  const row = prepareCached(db, `SELECT ${SUMMARY_COLUMNS}, body FROM sources WHERE id = ?`).get(id) as
    | DetailRow
    | undefined;
  return row ? rowToSourceDetail(row) : null;
}

/** Every source, most recently imported first; without bodies, which the list never shows. */
export function listSources(db: Db): SourceSummary[] {
  const rows = prepareCached(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM sources ORDER BY imported_at DESC, id DESC`,
  ).all() as SummaryRow[];
  return rows.map(rowToSourceSummary);
}

export function countSources(db: Db): number {
  const row = prepareCached(db, 'SELECT count(*) AS n FROM sources').get() as { n: number };
  return row.n;
}
