import pg from 'pg';
import type { ImportItemOutcome } from '../../shared/contract';
import { worded } from '../../shared/i18n/localizedText';
import { METADATA_FIELDS, type SourceDetail, type SourceEdit, type SourceSummary } from '../../shared/source';
import { countWords } from '../../shared/text';
import { inCallOrder } from '../archive/inCallOrder';
import { features, fingerprint, isNearDuplicate, similarity } from '../archive/nearDuplicates';
import type { ImportOptions, MetadataUpdate, ReferenceExtras, SourceArchive } from '../archive/sourceArchive';
import { contentHash, type ReviewPageRequest } from '../archive/sources';
import { UserError, wordedError } from '../errors';
import type { ParsedFile } from '../importers/article';
import { asStoreRefusal } from '../importers/importFailure';
import { parseQuery } from '../search/queryParser';
import { SEARCH_NOTICES } from '../search/searchSources';
import type { SearchInput, SearchResult } from '../search/searchTypes';
import { foldTag, searchWithTermCheck } from './teamSearch';
import {
  EDITABLE,
  type Row,
  readReferenceExtras,
  refreshMetadata,
  selectSummaries,
  TEAM_NEEDS_REVIEW,
  toDetail,
  toSummary,
} from './teamSourceRows';
import { suggestTeamSpellings } from './teamSuggestions';

/**
 * The team's PostgreSQL archive behind the archive interface. One pool per archive URL; every
 * statement runs as the analyst's own login role, so row-level security (migration 0020) decides
 * what each sees. Reads of a source's text go through precis_read_sources, which records reads
 * of classified sources in the audit log as the database's owner.
 */

/** The same text (or library entry) is there, above this analyst's clearance: RLS hid it. */
export const HIDDEN_DUPLICATE = 'This text is already in the team archive, in a source you are not cleared to see.';

/** Key of the advisory lock under which imports store: clusters form the same whatever the interleaving. */
const IMPORT_LOCK = 0x50524349;
const MAX_CANDIDATES = 20;

export interface PostgresArchiveOptions {
  /** postgres://USER[:PASSWORD]@HOST:PORT/DB; a password may also come separately. */
  url: string;
  password?: string;
  max?: number;
}

export function openPostgresArchive(options: PostgresArchiveOptions): PostgresSourceArchive {
  const pool = new pg.Pool({
    connectionString: withPassword(options.url, options.password),
    max: options.max ?? 10,
    application_name: 'precis',
  });
  // An idle client's error (the server restarting) must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return new PostgresSourceArchive(pool);
}

/**
 * The URL with the password in it: node-postgres lets the connection string's (absent) password
 * override a separate one, so a password given apart goes into the URL, percent-encoded.
 */
export function withPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

export class PostgresSourceArchive implements SourceArchive {
  readonly engine = 'postgres' as const;
  constructor(readonly pool: pg.Pool) {}

  private readonly inOrder = inCallOrder();

  importParsed(
    parsed: ParsedFile | Promise<ParsedFile>,
    fileName: string,
    options: ImportOptions = {},
  ): Promise<ImportItemOutcome> {
    return this.inOrder(parsed, (ready: ParsedFile) => this.storeParsed(ready, fileName, options));
  }

  private async storeParsed(parsed: ParsedFile, fileName: string, options: ImportOptions): Promise<ImportItemOutcome> {
    const hash = contentHash(parsed.body);
    const textFeatures = features(parsed.body);
    const print = fingerprint(textFeatures);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await lockImports(client);
      const existing = await client.query<{ id: string }>('SELECT id FROM sources WHERE content_hash = $1', [hash]);
      if (existing.rows[0]) {
        const duplicateOf = Number(existing.rows[0].id);
        // The same text again: better evidence than before may correct its metadata, never the analyst's.
        if (parsed.provenance) await refreshMetadata(client, duplicateOf, parsed, parsed.provenance);
        await client.query('COMMIT');
        return { kind: 'duplicate', duplicateOf };
      }
      const clusterId = await this.clusterHead(client, textFeatures, print.buckets);
      const provenance = Object.fromEntries(
        METADATA_FIELDS.flatMap((field) => {
          const kind = parsed.provenance?.[field];
          return kind && kind !== 'none' ? [[field, kind]] : [];
        }),
      );
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO sources (title, outlet, author, published_at, language, url, body, original, content_hash,
           file_name, word_count, format, page_starts, ocr_pages, cluster_id, classification, provenance, issued)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT (content_hash) DO NOTHING RETURNING id`,
        [
          parsed.title,
          parsed.outlet,
          parsed.author,
          parsed.publishedAt,
          parsed.language,
          parsed.url,
          parsed.body,
          parsed.original,
          hash,
          fileName,
          countWords(parsed.body),
          parsed.format,
          parsed.pageStarts ? JSON.stringify(parsed.pageStarts) : null,
          parsed.ocrPages?.length ? JSON.stringify(parsed.ocrPages) : null,
          clusterId,
          options.classification ?? 'UNCLASSIFIED',
          JSON.stringify(provenance),
          // A month printed alone (a report's cover) when there is no day, as locally.
          parsed.publishedAt ? null : (parsed.issued ?? null),
        ],
      );
      const id = inserted.rows[0]?.id;
      if (id === undefined) {
        // The same text is there, above this analyst's clearance: RLS hid it from the look-up above.
        await client.query('ROLLBACK');
        return { kind: 'failed', error: HIDDEN_DUPLICATE };
      }
      if (print.buckets.length > 0) {
        await client.query(
          'INSERT INTO source_lsh_buckets (bucket, source_id) SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING',
          [print.buckets, id],
        );
      }
      await client.query('COMMIT');
      return { kind: 'imported', id: Number(id), title: parsed.title };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw asUserError(error);
    } finally {
      client.release();
    }
  }

  /** The use case of main/interchange/importReferences.ts, over this archive (main/team/teamReferences.ts). */
  async importReferences(name: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportItemOutcome> {
    const [{ importReferencesInto }, { teamReferenceStore }] = await Promise.all([
      import('../interchange/importReferences'),
      import('./teamReferences'),
    ]);
    // An attached file is imported as any file is, then filled from its entry.
    const importFile = (parsed: ParsedFile, fileName: string) => this.importParsed(parsed, fileName, options);
    return importReferencesInto(teamReferenceStore(this.pool, options, importFile), name, bytes);
  }

  /** As main/archive/nearDuplicates.ts's findClusterHead, over the sources this analyst may see. */
  private async clusterHead(
    client: pg.PoolClient,
    textFeatures: ReturnType<typeof features>,
    buckets: number[],
  ): Promise<number | null> {
    if (buckets.length === 0) return null;
    const { rows: candidates } = await client.query<{ id: string }>(
      `SELECT source_id AS id FROM source_lsh_buckets WHERE bucket = ANY ($1::bigint[])
       GROUP BY source_id ORDER BY count(*) DESC, source_id LIMIT ${MAX_CANDIDATES}`,
      [buckets],
    );
    if (candidates.length === 0) return null;
    const { rows } = await client.query<{ id: string; body: string; cluster_id: string | null }>(
      "SELECT id, body, cluster_id FROM precis_read_sources($1::bigint[], 'compare')",
      [candidates.map((row) => row.id)],
    );
    let best: { head: number; score: number } | null = null;
    for (const row of rows) {
      const other = features(row.body);
      if (!isNearDuplicate(textFeatures, other)) continue;
      const s = similarity(textFeatures, other);
      const score = Math.max(s.phrases, s.vocabulary);
      if (!best || score > best.score) best = { head: Number(row.cluster_id ?? row.id), score };
    }
    return best?.head ?? null;
  }

  async getSource(id: number): Promise<SourceDetail | null> {
    const rows = await this.readSources([id], 'read');
    return rows[0] ?? null;
  }

  /** Sources with their text, through the audited function; in the order asked. */
  private async readSources(ids: readonly number[], action: 'read' | 'export'): Promise<SourceDetail[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<Row>(
      selectSummaries('precis_read_sources($1::bigint[], $2) s', null, ', s.body, s.page_starts'),
      [ids, action],
    );
    const byId = new Map(rows.map((row) => [Number(row.id), toDetail(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async revisionOf(id: number): Promise<number | null> {
    const { rows } = await this.pool.query<{ revision: number }>('SELECT revision FROM sources WHERE id = $1', [id]);
    return rows[0]?.revision ?? null;
  }

  async listSources(): Promise<SourceSummary[]> {
    const { rows } = await this.pool.query<Row>(selectSummaries('sources s', 'imported_at DESC, id DESC'));
    return rows.map(toSummary);
  }

  /** A page of the sources needing review the analyst may see, newest first, and their count (row-level security applies). */
  async listNeedingReview({ limit, before }: ReviewPageRequest): Promise<{ sources: SourceSummary[]; total: number }> {
    const [page, count] = await Promise.all([
      this.pool.query<Row>(
        selectSummaries(`sources s WHERE ${TEAM_NEEDS_REVIEW} AND s.id < $1 ORDER BY s.id DESC LIMIT $2`, 'id DESC'),
        [before ?? Number.MAX_SAFE_INTEGER, limit],
      ),
      this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM sources s WHERE ${TEAM_NEEDS_REVIEW}`),
    ]);
    return { sources: page.rows.map(toSummary), total: Number(count.rows[0]?.n ?? 0) };
  }

  async listClusterMembers(clusterId: number): Promise<SourceSummary[]> {
    const { rows } = await this.pool.query<Row>(
      selectSummaries('sources s WHERE s.id = $1 OR s.cluster_id = $1', 'id'),
      [clusterId],
    );
    return rows.map(toSummary);
  }

  async search(input: SearchInput): Promise<SearchResult> {
    const { result, knownTerms } = await searchWithTermCheck(this.pool, input);
    const parsed = parseQuery(input.query);
    if (!parsed.searchable || result.notice === SEARCH_NOTICES.unavailable) return result;
    return { ...result, suggestions: await this.suggestions(parsed, input.query, knownTerms) };
  }

  /** Did-you-mean is a nicety: if it fails, the results still go out, without suggestions. */
  private async suggestions(
    parsed: ReturnType<typeof parseQuery>,
    query: string,
    knownTerms?: ReadonlySet<string>,
  ): Promise<string[]> {
    try {
      return await suggestTeamSpellings(this.pool, parsed, query, knownTerms);
    } catch (error) {
      console.error('[precis] team did-you-mean failed', error);
      return [];
    }
  }

  async updateMetadata(id: number, edit: SourceEdit, baseRevision: number): Promise<MetadataUpdate> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const sets: string[] = [];
      const values: unknown[] = [id, baseRevision];
      for (const [field, column] of Object.entries(EDITABLE)) {
        const value = edit[field as keyof typeof EDITABLE];
        if (value === undefined) continue;
        values.push(value === '' ? null : value);
        sets.push(`${column} = $${values.length}`);
      }
      const userFields = METADATA_FIELDS.filter((field) => edit[field] !== undefined);
      values.push(JSON.stringify(Object.fromEntries(userFields.map((field) => [field, 'user']))));
      sets.push(`provenance = s.provenance || $${values.length}::jsonb`);
      // The revision test and the write are one statement: of two edits based on one revision, one wins.
      const updated = await client.query(
        `UPDATE sources s SET ${sets.join(', ')}, revision = s.revision + 1 WHERE s.id = $1 AND s.revision = $2 RETURNING s.id`,
        values,
      );
      if (updated.rowCount === 0) {
        await client.query('ROLLBACK');
        const current = await this.getSource(id);
        const revision = await this.revisionOf(id);
        return current && revision !== null ? { kind: 'conflict', source: current, revision } : { kind: 'not-found' };
      }
      if (edit.tags) {
        await client.query('DELETE FROM source_tags WHERE source_id = $1', [id]);
        const tags = [...new Set(edit.tags.map((tag) => tag.trim()))];
        await client.query('INSERT INTO source_tags (source_id, tag) SELECT $1, unnest($2::text[])', [id, tags]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw asUserError(error);
    } finally {
      client.release();
    }
    const source = await this.getSource(id);
    const revision = await this.revisionOf(id);
    return source && revision !== null ? { kind: 'updated', source, revision } : { kind: 'not-found' };
  }

  exportSources = (ids: readonly number[]) => this.readSources(ids, 'export');

  referenceExtras = (ids: readonly number[]): Promise<Map<number, ReferenceExtras>> =>
    readReferenceExtras(this.pool, ids);

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM sources');
    return Number(rows[0]?.n ?? 0);
  }

  close = () => this.pool.end();
}

/** Imports under one advisory lock: clusters (and reference identities) form the same whatever the interleaving. */
export async function lockImports(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
}

/** A tag as the filter compares it (exported for tests). */
export { foldTag };

/** PostgreSQL refusals the analyst can act on, as error values; anything else as it is. */
export function asUserError(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === '42501') {
    return wordedError(
      'forbidden',
      worded(
        'Refused by the team archive: that is above your clearance or not yours to change.',
        'errors.team.forbidden',
      ),
    );
  }
  if (code === '40001' || code === '40P01') return new UserError('busy', 'The team archive was busy; try again.');
  return asStoreRefusal(error);
}
