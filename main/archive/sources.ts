import {
  needsReview,
  type SOURCE_FORMATS,
  type SourceDetail,
  type SourceEdit,
  type SourceSummary,
} from '../../shared/source';

type SourceFormat = (typeof SOURCE_FORMATS)[number];

import { countWords, foldForComparison, normaliseWhitespace } from '../../shared/text';
import type { ParsedSource } from '../importers/plainText';
import { lazyCrypto } from '../lazyCrypto';
import { indexStats } from '../search/bm25';
import { type Db, prepareCached } from './database';
import { packOriginal, utf8Bytes } from './packedOriginal';
import { PROVENANCE_COLUMN, readProvenance, recordUserEdit } from './provenance';
import { committed } from './writeErrors';

export type InsertOutcome = { kind: 'inserted'; id: number } | { kind: 'duplicate'; duplicateOf: number };

/**
 * The identity of a text for de-duplication: the same words in the same order, whatever the
 * spacing, case or accents. Re-saving an article with different line wrapping is not a new source.
 */
export function contentHash(body: string): string {
  return lazyCrypto()
    .createHash('sha256')
    .update(foldForComparison(normaliseWhitespace(body)))
    .digest('hex');
}

/** What import learned beyond the parsed text: the file's format, pages, and near-duplicate cluster. */
export interface ImportFacts {
  fileName: string | null;
  format?: SourceFormat;
  pageStarts?: readonly number[] | null;
  /** The pages (1-based) read by OCR. */
  ocrPages?: readonly number[] | null;
  /** The head of the cluster this source joins (never a member: heads have no cluster_id). */
  clusterId?: number | null;
  /** A source without text (a reference) is known by its metadata instead: see migration 0140. */
  contentHash?: string;
  /** countWords(body), when the caller made it already (outside the write transaction). */
  wordCount?: number;
  /** packOriginal(original, body), when the caller made it already; `original` is then not read. */
  originalPacked?: Uint8Array;
  /** utf8Bytes(body), as a worker hands it over; `body` is then not read. */
  bodyUtf8?: Uint8Array;
}

/** What insertSources would otherwise work out in the write, made beforehand (in a parse worker). */
export type TextFacts = Required<Pick<ImportFacts, 'contentHash' | 'wordCount' | 'bodyUtf8' | 'originalPacked'>>;

/** The text's facts, for a caller that hands insertSources the body as bytes (`body`, `original` then unread). */
export function textFacts(original: string, body: string): TextFacts {
  const bodyUtf8 = utf8Bytes(body);
  return {
    contentHash: contentHash(body),
    wordCount: countWords(body),
    bodyUtf8,
    originalPacked: packOriginal(original, bodyUtf8),
  };
}

/** The body as text, for the work a caller did not do beforehand. */
function bodyText(s: ParsedSource & ImportFacts): string {
  return s.bodyUtf8
    ? Buffer.from(s.bodyUtf8.buffer, s.bodyUtf8.byteOffset, s.bodyUtf8.length).toString('utf8')
    : s.body;
}

export function insertSource(db: Db, s: ParsedSource & ImportFacts): InsertOutcome {
  return insertSources(db, [s])[0]!;
}

const INSERT_COLUMNS = `title, outlet, author, published_at, language, url, body, original, original_packed,
  content_hash, file_name, imported_at, word_count, format, page_starts, cluster_id`;
// The body is bound as a string or as its UTF-8 (a blob, which the CAST makes text without decoding it).
const INSERT_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?, ?, ?, ?, ?, ?)';
/** Rows per INSERT statement: 16 parameters each, under SQLite's limit of 32,766. */
const ROWS_PER_STATEMENT = 2000;

/**
 * Inserts many sources at once, in one transaction (a savepoint inside the caller's), and says
 * for each, in order, whether it was new or the same text as a source already there (or earlier
 * in the batch). The importer should use this for folders: it is several times faster per source.
 *
 * Why batches are faster: every statement that writes sources opens a statement savepoint (the
 * FTS trigger and the unique hash make it one), and FTS5 writes out everything it has gathered
 * at each savepoint. One INSERT per source therefore makes one tiny index segment per source,
 * which FTS5 then spends most of its time merging; one INSERT of many rows makes one segment.
 */
export function insertSources(db: Db, sources: readonly (ParsedSource & ImportFacts)[]): InsertOutcome[] {
  const importedAt = new Date().toISOString();
  const hashes = sources.map((s) => s.contentHash ?? contentHash(bodyText(s)));
  // The original goes in packed against the body (migration 230), packed before the write if the caller has not.
  const originals = sources.map((s) => s.originalPacked ?? packOriginal(s.original, s.bodyUtf8 ?? s.body));
  return committed(db, () => {
    const insertedIds = new Map<string, number>();
    // The rows are indexed a statement at a time, below, rather than by the insert trigger one by
    // one (migration 240): taken back with the rows if anything here throws.
    prepareCached(db, 'INSERT INTO sources_fts_filling (filling) VALUES (1)').run();
    for (let start = 0; start < sources.length; ) {
      const size = Math.min(ROWS_PER_STATEMENT, sources.length - start);
      const chunk = sources.slice(start, start + size);
      const values: unknown[] = [];
      chunk.forEach((s, i) => {
        // Well-formed, so the body's stored bytes are its UTF-8, the packed original's dictionary.
        const body = s.bodyUtf8 ?? s.body.toWellFormed();
        values.push(s.title, s.outlet, s.author, s.publishedAt, s.language, s.url, body, '');
        values.push(originals[start + i]);
        values.push(
          hashes[start + i],
          s.fileName,
          importedAt,
          s.wordCount ?? countWords(bodyText(s)),
          s.format ?? 'txt',
        );
        values.push(s.pageStarts ? JSON.stringify(s.pageStarts) : null, s.clusterId ?? null);
      });
      // ON CONFLICT rather than look-then-insert: another process may import the same file at once.
      const sql = `INSERT INTO sources (${INSERT_COLUMNS})
        VALUES ${Array(size).fill(INSERT_PLACEHOLDERS).join(', ')}
        ON CONFLICT (content_hash) DO NOTHING
        RETURNING id, content_hash AS hash`;
      // Only the one-row statement is worth keeping prepared; compiling a batch's costs far less
      // than inserting it, and caching every batch size would keep hundreds of statements.
      const statement = size === 1 ? prepareCached(db, sql) : db.prepare(sql);
      const rows = statement.all(values) as { id: number; hash: string }[];
      for (const row of rows) insertedIds.set(row.hash, row.id);
      indexInserted(db, rows);
      start += size;
    }
    prepareCached(db, 'DELETE FROM sources_fts_filling').run();
    // Scanned pages are rare: their OCR page list is written apart, only for the sources that have one.
    // So are dates of a month alone (a report's cover), kept beside the archive's days (migration 150).
    sources.forEach((s, i) => {
      const id = insertedIds.get(hashes[i]!);
      if (id !== undefined && s.ocrPages?.length) {
        prepareCached(db, 'UPDATE sources SET ocr_pages = ? WHERE id = ?').run(JSON.stringify(s.ocrPages), id);
      }
      if (id !== undefined && s.issued && !s.publishedAt) {
        prepareCached(
          db,
          'INSERT INTO reference_details (source_id, issued) VALUES (?, ?) ON CONFLICT (source_id) DO NOTHING',
        ).run(id, s.issued);
      }
    });
    const claimed = new Set<string>();
    return hashes.map((hash): InsertOutcome => {
      const id = insertedIds.get(hash);
      if (id !== undefined && !claimed.has(hash)) {
        claimed.add(hash);
        return { kind: 'inserted', id };
      }
      const existing =
        id ?? (prepareCached(db, 'SELECT id FROM sources WHERE content_hash = ?').get(hash) as { id: number }).id;
      return { kind: 'duplicate', duplicateOf: existing };
    });
  });
}

/**
 * Adds one INSERT's new rows to the full-text index, in rowid order. Under the write lock a
 * statement's new rows take consecutive rowids, so they are the range between its least and
 * greatest; the count is checked all the same, since a row left out of the index could never be
 * found.
 */
function indexInserted(db: Db, rows: readonly { id: number }[]): void {
  if (rows.length === 0) return;
  let least = rows[0]!.id;
  let greatest = least;
  for (const { id } of rows) {
    if (id < least) least = id;
    if (id > greatest) greatest = id;
  }
  const { changes } = prepareCached(
    db,
    `INSERT INTO sources_fts (rowid, title, body, outlet, author, language)
     SELECT id, title, body, outlet, author, language FROM sources WHERE id BETWEEN ? AND ? ORDER BY id`,
  ).run(least, greatest);
  if (changes !== rows.length) {
    throw new Error(`Indexed ${changes} sources for the ${rows.length} just stored; nothing was kept.`);
  }
}

interface SummaryRow {
  id: number;
  title: string;
  outlet: string | null;
  author: string | null;
  published_at: string | null;
  /** reference_details.issued ("2024", "2024-03") of a source with no day. */
  issued: string | null;
  url: string | null;
  language: string | null;
  word_count: number;
  imported_at: string;
  format: string;
  cluster_head: number;
  cluster_size: number;
  reliability: string | null;
  credibility: number | null;
  classification: string;
  tags_json: string;
  provenance_json: string | null;
  ocr_pages: string | null;
}

interface DetailRow extends SummaryRow {
  body: string;
  page_starts: string | null;
}

// Cluster members point at their head and heads point nowhere, so a cluster's size is one
// indexed count of the rows pointing at its head.
const SUMMARY_COLUMNS = `s.id, s.title, s.outlet, s.author, s.published_at, s.url, s.language, s.word_count,
  s.imported_at, s.format, s.reliability, s.credibility, s.classification, s.ocr_pages,
  (SELECT d.issued FROM reference_details d WHERE d.source_id = s.id AND s.published_at IS NULL) AS issued,
  coalesce(s.cluster_id, s.id) AS cluster_head,
  1 + (SELECT count(*) FROM sources m WHERE m.cluster_id = coalesce(s.cluster_id, s.id)) AS cluster_size,
  (SELECT json_group_array(tag) FROM (SELECT tag FROM source_tags t WHERE t.source_id = s.id ORDER BY tag)) AS tags_json,
  ${PROVENANCE_COLUMN}`;

function rowToSourceSummary(row: SummaryRow): SourceSummary {
  const provenance = readProvenance(row.provenance_json, {
    title: row.title,
    outlet: row.outlet,
    author: row.author,
    // A year or month is a date the source has: its evidence stands (a cover's printed month).
    publishedAt: row.published_at ?? row.issued,
    language: row.language,
    url: row.url,
  });
  return {
    id: row.id,
    title: row.title,
    outlet: row.outlet,
    author: row.author,
    publishedAt: row.published_at,
    issued: row.issued,
    url: row.url,
    language: row.language,
    wordCount: row.word_count,
    importedAt: row.imported_at,
    format: row.format as SourceFormat,
    clusterId: row.cluster_head,
    clusterSize: row.cluster_size,
    reliability: row.reliability as SourceSummary['reliability'],
    credibility: row.credibility,
    classification: row.classification as SourceSummary['classification'],
    tags: JSON.parse(row.tags_json) as string[],
    provenance,
    needsReview: needsReview(provenance),
    ocrPages: row.ocr_pages ? (JSON.parse(row.ocr_pages) as number[]) : null,
  };
}

function rowToSourceDetail(row: DetailRow): SourceDetail {
  return {
    ...rowToSourceSummary(row),
    body: row.body,
    pageStarts: row.page_starts ? (JSON.parse(row.page_starts) as number[]) : null,
  };
}

export function getSource(db: Db, id: number): SourceDetail | null {
  const row = prepareCached(db, `SELECT ${SUMMARY_COLUMNS}, s.body, s.page_starts FROM sources s WHERE s.id = ?`).get(
    id,
  ) as DetailRow | undefined;
  return row ? rowToSourceDetail(row) : null;
}

/** Every source, most recently imported first; without bodies, which the list never shows. */
export function listSources(db: Db): SourceSummary[] {
  const rows = prepareCached(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM sources s ORDER BY s.imported_at DESC, s.id DESC`,
  ).all() as SummaryRow[];
  return rows.map(rowToSourceSummary);
}

/** The other versions of a source's cluster (and the source itself), oldest first. */
export function listClusterMembers(db: Db, clusterId: number): SourceSummary[] {
  const rows = prepareCached(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM sources s WHERE s.id = ? OR s.cluster_id = ? ORDER BY s.id`,
  ).all(clusterId, clusterId) as SummaryRow[];
  return rows.map(rowToSourceSummary);
}

// Column names come from this fixed map, never from the request, so the UPDATE below stays a
// constant set of statements with bound values.
const EDITABLE_COLUMNS = {
  title: 'title',
  outlet: 'outlet',
  author: 'author',
  publishedAt: 'published_at',
  url: 'url',
  language: 'language',
  reliability: 'reliability',
  credibility: 'credibility',
  classification: 'classification',
} as const satisfies Partial<Record<keyof SourceEdit, string>>;

/** Applies the analyst's corrections; returns the updated source, or null if it does not exist. */
export function updateSource(db: Db, id: number, edit: SourceEdit): SourceDetail | null {
  return committed(db, () => {
    if (!prepareCached(db, 'SELECT 1 FROM sources WHERE id = ?').get(id)) return null;
    for (const [field, column] of Object.entries(EDITABLE_COLUMNS)) {
      const value = edit[field as keyof typeof EDITABLE_COLUMNS];
      if (value === undefined) continue;
      prepareCached(db, `UPDATE sources SET ${column} = ? WHERE id = ?`).run(value === '' ? null : value, id);
    }
    recordUserEdit(db, id, edit);
    if (edit.tags) {
      prepareCached(db, 'DELETE FROM source_tags WHERE source_id = ?').run(id);
      const add = prepareCached(db, 'INSERT OR IGNORE INTO source_tags (source_id, tag) VALUES (?, ?)');
      for (const tag of edit.tags) add.run(id, tag.trim());
    }
    return getSource(db, id);
  });
}

/** Which page of the Needs review list: how many, and those added before the source `before`. */
export interface ReviewPageRequest {
  limit: number;
  before?: number | undefined;
}

/**
 * A page of the sources whose title, date or outlet rests on weak evidence or none, most recently
 * added first, and how many there are. Read from migration 220's table of their ids: the page
 * walks its key backwards and the count reads that small table alone, whatever the archive holds.
 */
export function listSourcesNeedingReview(
  db: Db,
  { limit, before }: ReviewPageRequest,
): { sources: SourceSummary[]; total: number } {
  // CROSS JOIN keeps the review table outside: the page is its newest ids, each then looked up.
  const rows = prepareCached(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM sources_needing_review r CROSS JOIN sources s ON s.id = r.source_id
     WHERE r.source_id < ? ORDER BY r.source_id DESC LIMIT ?`,
  ).all(before ?? Number.MAX_SAFE_INTEGER, limit) as SummaryRow[];
  const { n } = prepareCached(db, 'SELECT count(*) AS n FROM sources_needing_review').get() as { n: number };
  return { sources: rows.map(rowToSourceSummary), total: n };
}

/** Whether the archive holds any source: one row read, where a count reads a whole index (~0.1 s at 1M). */
export function hasSources(db: Db): boolean {
  const row = prepareCached(db, 'SELECT EXISTS (SELECT 1 FROM sources) AS found').get() as { found: number };
  return row.found === 1;
}

export function countSources(db: Db): number {
  // FTS5's own record of its rows (one read; every source has one, by migration 10's triggers),
  // where count(*) walks an index: 29–49 ms at 1,000,000 sources, asked at every window's start.
  return indexStats(db).rows;
}
