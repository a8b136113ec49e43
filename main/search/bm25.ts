import { type Db, prepareCached } from '../archive/database';

/**
 * FTS5's bm25() as migration 0040 configures it (title ten times the body, the filter columns
 * nothing), computed here so that candidates can be scored without FTS5's per-query pass over
 * every match of every phrase. Same formula and same inputs as fts5_aux.c:
 *
 *   score = Σ_phrases idf · f·(k1+1) / (f + k1·(1 − b + b·D/avgdl))
 *   idf   = ln((N − n + 0.5) / (n + 0.5)), or 1e-6 when that is not positive
 *   f     = 10 × the phrase's occurrences in the title + 1 × those in the body
 *   D     = the source's length in tokens over all five columns; avgdl over the archive.
 *
 * N, avgdl and D are read from FTS5's own records, so they are FTS5's figures, not ours.
 */

export const K1 = 1.2;
export const B = 0.75;
export const TITLE_WEIGHT = 10;
export const BODY_WEIGHT = 1;
/** The rank FTS5 orders by: bm25 with these column weights (title, body, outlet, author, language). */
export const BM25_SQL = 'bm25(sources_fts, 10.0, 1.0, 0.0, 0.0, 0.0)';

export interface IndexStats {
  /** Rows in the index (N). */
  rows: number;
  /** Average row length in tokens over all columns. */
  avgdl: number;
}

export function weightedFrequency(titleCount: number, bodyCount: number): number {
  return TITLE_WEIGHT * titleCount + BODY_WEIGHT * bodyCount;
}

/** The part of a phrase's contribution that depends on the source: idf × saturation(f, D). */
export function saturation(f: number, docLength: number, avgdl: number): number {
  if (f <= 0) return 0;
  return (f * (K1 + 1)) / (f + K1 * (1 - B + (B * docLength) / avgdl));
}

export function idf(rows: number, matching: number): number {
  const value = Math.log((rows - matching + 0.5) / (matching + 0.5));
  return value <= 0 ? 1e-6 : value;
}

/** SQLite's varint (as FTS5 stores its records): returns the value and the next offset. */
function readVarint(blob: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = blob[at + i] ?? 0;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  return [value * 256 + (blob[at + 8] ?? 0), at + 9];
}

function sumOfVarints(blob: Uint8Array, from = 0): { first: number; rest: number } {
  let at = from;
  let first = -1;
  let rest = 0;
  while (at < blob.length) {
    const [value, next] = readVarint(blob, at);
    if (first < 0) first = value;
    else rest += value;
    at = next;
  }
  return { first: Math.max(first, 0), rest };
}

/** N and avgdl from FTS5's averages record (row 1 of its data table: N, then tokens per column). */
export function indexStats(db: Db): IndexStats {
  const blob = prepareCached(db, 'SELECT block FROM sources_fts_data WHERE id = 1').pluck().get() as
    | Uint8Array
    | undefined;
  if (!blob) return { rows: 0, avgdl: 1 };
  const { first: rows, rest: tokens } = sumOfVarints(blob);
  return { rows, avgdl: rows > 0 ? tokens / rows : 1 };
}

/** A source's length in tokens over all columns, from its FTS5 docsize record. */
export function lengthOf(docsize: Uint8Array): number {
  const { first, rest } = sumOfVarints(docsize);
  return first + rest;
}

/** Each source's length in tokens over all columns, from FTS5's docsize table. */
export function docLengths(db: Db, ids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  if (ids.length === 0) return out;
  const rows = prepareCached(
    db,
    'SELECT id, sz FROM sources_fts_docsize WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids)) as { id: number; sz: Uint8Array }[];
  for (const row of rows) out.set(row.id, lengthOf(row.sz));
  return out;
}
