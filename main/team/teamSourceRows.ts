import type pg from 'pg';
import { type MetadataField, needsReview, type SourceDetail, type SourceSummary } from '../../shared/source';
import { type FoundEvidence, fieldsToRefresh, readProvenance } from '../archive/provenance';
import type { ReferenceExtras } from '../archive/sourceArchive';
import type { ReferenceDetails } from '../interchange/referenceDetails';

/**
 * The team archive's sources as rows and as the contract's shapes, and the metadata writes both
 * imports (files and libraries) share. `issued` (migration 50) is read only for a source with no
 * day, as the local archive reads reference_details.issued: a full date, once known, wins.
 */

const ROW_COLUMNS = `s.id, s.title, s.outlet, s.author, s.published_at, s.url, s.language, s.word_count,
  s.imported_at, s.format, s.reliability, s.credibility, s.classification, s.ocr_pages, s.provenance, s.revision,
  CASE WHEN s.published_at IS NULL THEN s.issued END AS issued,
  coalesce(s.cluster_id, s.id) AS cluster_head`;

/**
 * A query for summaries (Row) of the sources `from` gives (a FROM item aliased `s`, with its own
 * WHERE), `extra` columns of `s` beside them, in `order` (the rows' column names, unprefixed).
 * The rows are chosen first, then each cluster's size and the tags are read per chosen row:
 * given the cluster head as an expression over a row under row-level security, the planner
 * tested every clustered source against it per row (147 ms for a page of 20 at 1M) instead of
 * looking the head up in the cluster index. teamSearchPlan.ts's describe does the same.
 */
export function selectSummaries(from: string, order: string | null = null, extra = ''): string {
  return `WITH page AS MATERIALIZED (SELECT ${ROW_COLUMNS}${extra} FROM ${from})
  SELECT page.*, 1 + (SELECT count(*) FROM sources m WHERE m.cluster_id = page.cluster_head) AS cluster_size,
    coalesce((SELECT array_agg(t.tag ORDER BY t.tag) FROM source_tags t WHERE t.source_id = page.id), '{}') AS tags
  FROM page${order ? ` ORDER BY ${order}` : ''}`;
}

/**
 * shared/source.ts's needsReview over a team row (`s`), as toSummary reads its provenance: a field
 * the analyst set ('user') is settled; otherwise an empty field (for the date: no day and no year
 * or month) or one found by weak evidence needs review. The local archive keeps the same rule as a
 * table (local migration 220); here it is a filter, with no index of its own (a team migration's).
 */
const WEAK_KINDS = `('property-date', 'first-sentence', 'file-name', 'none')`;
const weakField = (field: string, value: string) =>
  `CASE WHEN ${value} IS NULL THEN s.provenance->>'${field}' IS DISTINCT FROM 'user'
    ELSE coalesce(s.provenance->>'${field}' IN ${WEAK_KINDS}, false) END`;
export const TEAM_NEEDS_REVIEW = `(${weakField('title', 's.title')} OR ${weakField('outlet', 's.outlet')}
  OR ${weakField('publishedAt', 'coalesce(s.published_at, s.issued)')})`;

export interface Row {
  id: string;
  title: string;
  outlet: string | null;
  author: string | null;
  published_at: string | null;
  issued: string | null;
  url: string | null;
  language: string | null;
  word_count: number;
  imported_at: Date;
  format: SourceSummary['format'];
  reliability: SourceSummary['reliability'];
  credibility: number | null;
  classification: SourceSummary['classification'];
  ocr_pages: number[] | null;
  provenance: Record<string, string>;
  revision: number;
  cluster_head: string;
  cluster_size: string;
  tags: string[];
  body?: string;
  page_starts?: number[] | null;
}

export function toSummary(row: Row): SourceSummary {
  const provenance = readProvenance(JSON.stringify(row.provenance ?? {}), {
    title: row.title,
    outlet: row.outlet,
    author: row.author,
    // A year or month is a date the source has: its evidence stands (a cover's printed month).
    publishedAt: row.published_at ?? row.issued,
    language: row.language,
    url: row.url,
  });
  return {
    id: Number(row.id),
    title: row.title,
    outlet: row.outlet,
    author: row.author,
    publishedAt: row.published_at,
    issued: row.issued,
    url: row.url,
    language: row.language,
    wordCount: row.word_count,
    importedAt: row.imported_at.toISOString(),
    format: row.format,
    clusterId: Number(row.cluster_head),
    clusterSize: Number(row.cluster_size),
    reliability: row.reliability,
    credibility: row.credibility,
    classification: row.classification,
    tags: row.tags,
    provenance,
    needsReview: needsReview(provenance),
    ocrPages: row.ocr_pages,
  };
}

export const toDetail = (row: Row): SourceDetail => ({
  ...toSummary(row),
  body: row.body ?? '',
  pageStarts: row.page_starts ?? null,
});

/** Editable fields and their columns: a fixed map, so the UPDATE is built from our names only. */
export const EDITABLE = {
  title: 'title',
  outlet: 'outlet',
  author: 'author',
  publishedAt: 'published_at',
  url: 'url',
  language: 'language',
  reliability: 'reliability',
  credibility: 'credibility',
  classification: 'classification',
} as const;

/**
 * As main/archive/provenance.ts's refreshMetadata, with the same rule (fieldsToRefresh); a change
 * is a new revision. Runs in the caller's transaction; returns the fields changed.
 */
export async function refreshMetadata(
  client: pg.PoolClient,
  id: number,
  values: Record<MetadataField, string | null>,
  found: FoundEvidence,
  fillOnly = false,
): Promise<MetadataField[]> {
  const { rows } = await client.query<Row>(selectSummaries('sources s WHERE s.id = $1'), [id]);
  if (!rows[0]) return [];
  const changed = fieldsToRefresh(toSummary(rows[0]).provenance, values, found, fillOnly);
  if (changed.length === 0) return [];
  const params: unknown[] = [id];
  const sets = changed.map((field) => {
    params.push(values[field]);
    return `${EDITABLE[field]} = $${params.length}`;
  });
  params.push(JSON.stringify(Object.fromEntries(changed.map((field) => [field, found[field]]))));
  await client.query(
    `UPDATE sources s SET ${sets.join(', ')}, provenance = s.provenance || $${params.length}::jsonb,
       revision = s.revision + 1 WHERE s.id = $1`,
    params,
  );
  return changed;
}

/**
 * As main/interchange/referenceDetails.ts's recordReferenceDetails, in the caller's transaction:
 * what the source has already is kept (the first library it came from wins), and a source with a
 * full date keeps no partial one. Details are not metadata the analyst edits: no new revision.
 */
export async function recordTeamReferenceDetails(
  client: pg.PoolClient,
  id: number,
  details: ReferenceDetails,
): Promise<void> {
  if (!details.issued && !details.doi && !details.itemType) return;
  await client.query(
    `UPDATE sources SET issued = coalesce(issued, CASE WHEN published_at IS NULL THEN $2 END),
       doi = coalesce(doi, $3), item_type = coalesce(item_type, $4)
     WHERE id = $1 AND (($2::text IS NOT NULL AND issued IS NULL AND published_at IS NULL)
       OR ($3::text IS NOT NULL AND doi IS NULL) OR ($4::text IS NOT NULL AND item_type IS NULL))`,
    [id, details.issued, details.doi, details.itemType],
  );
}

/** The DOI and CSL type of each source asked for that has either (and that the analyst may see). */
export async function readReferenceExtras(
  pool: pg.Pool,
  ids: readonly number[],
): Promise<Map<number, ReferenceExtras>> {
  if (ids.length === 0) return new Map();
  const { rows } = await pool.query<{ id: string; doi: string | null; item_type: string | null }>(
    `SELECT id, doi, item_type FROM sources
     WHERE id = ANY ($1::bigint[]) AND (doi IS NOT NULL OR item_type IS NOT NULL)`,
    [ids],
  );
  return new Map(rows.map((row) => [Number(row.id), { doi: row.doi, itemType: row.item_type }]));
}
