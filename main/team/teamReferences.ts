import type pg from 'pg';
import type { ImportItemOutcome } from '../../shared/contract';
import type { ImportOptions } from '../archive/sourceArchive';
import type { ParsedFile } from '../importers/article';
import type { ReadAttachment, ReferenceStore } from '../interchange/importReferences';
import type { ReferenceEntry } from '../interchange/referenceItem';
import { asUserError, HIDDEN_DUPLICATE, lockImports } from './postgresArchive';
import { recordTeamReferenceDetails, refreshMetadata } from './teamSourceRows';

/**
 * The team archive as a store for a reference manager's export: the rules are
 * main/interchange/importReferences.ts's, the same as the local archive's. Every statement runs as
 * the analyst's role, so row-level security decides which sources an entry may match and fill,
 * and what classification a new one may carry. An entry's year or month, DOI and CSL type are kept
 * in the source's own columns (migration 50), as the local archive keeps them in reference_details.
 */
export function teamReferenceStore(
  pool: pg.Pool,
  options: ImportOptions = {},
  importFile?: (parsed: ParsedFile, fileName: string) => Promise<ImportItemOutcome>,
): ReferenceStore {
  const inTransaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await lockImports(client);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw asUserError(error);
    } finally {
      client.release();
    }
  };
  return {
    async sources() {
      const { rows } = await pool.query<{
        id: string;
        title: string;
        url: string | null;
        doi: string | null;
        published_at: string | null;
      }>('SELECT id, title, url, doi, coalesce(published_at, issued) AS published_at FROM sources');
      return rows.map((row) => ({
        id: Number(row.id),
        title: row.title,
        url: row.url,
        doi: row.doi,
        publishedAt: row.published_at,
      }));
    },
    fill: (id, values, evidence, details) =>
      inTransaction(async (client) => {
        const fields = await refreshMetadata(client, id, values, evidence, true);
        await recordTeamReferenceDetails(client, id, details);
        const { rows } = await client.query<{ title: string }>('SELECT title FROM sources WHERE id = $1', [id]);
        return { fields, title: rows[0]?.title ?? values.title ?? '' };
      }),
    create: (reference) =>
      inTransaction(async (client) => {
        const { values } = reference;
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO sources (title, outlet, author, published_at, language, url, body, original, content_hash,
             file_name, word_count, format, classification, provenance, issued, doi, item_type)
           VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8, $9, 0, 'reference', $10, $11, $12, $13, $14)
           ON CONFLICT (content_hash) DO NOTHING RETURNING id`,
          [
            values.title,
            values.outlet,
            values.author,
            values.publishedAt,
            values.language,
            values.url,
            reference.original,
            reference.contentHash,
            reference.fileName,
            options.classification ?? 'UNCLASSIFIED',
            JSON.stringify(reference.evidence),
            // A full day is published_at; only a year or a month is kept apart (as recordReferenceDetails).
            values.publishedAt ? null : reference.details.issued,
            reference.details.doi,
            reference.details.itemType,
          ],
        );
        if (inserted.rows[0]) return { kind: 'inserted' as const, id: Number(inserted.rows[0].id) };
        const { rows } = await client.query<{ id: string }>('SELECT id FROM sources WHERE content_hash = $1', [
          reference.contentHash,
        ]);
        // Not visible: the same entry is there, above this analyst's clearance (RLS hid it).
        return rows[0]
          ? { kind: 'duplicate' as const, duplicateOf: Number(rows[0].id) }
          : { kind: 'failed' as const, error: HIDDEN_DUPLICATE };
      }),
    attachment:
      options.readAttachment && importFile
        ? (entry) => importAttachment(entry, options.readAttachment!, importFile)
        : undefined,
  };
}

/** The source the first readable attached file of an entry became (or already was), as locally. */
async function importAttachment(
  entry: ReferenceEntry,
  readAttachment: ReadAttachment,
  importFile: (parsed: ParsedFile, fileName: string) => Promise<ImportItemOutcome>,
): Promise<number | undefined> {
  const { parseFileIsolated } = await import('../importers/parseInWorker');
  for (const path of entry.files) {
    const file = await readAttachment(path);
    if (!file) continue;
    let outcome: ImportItemOutcome;
    try {
      outcome = await importFile(await parseFileIsolated(file.name, file.bytes), file.name);
    } catch {
      // A file that cannot be read or stored is passed over, as a missing one is: the entry stands alone.
      continue;
    }
    if (outcome.kind === 'imported') return outcome.id;
    if (outcome.kind === 'duplicate') return outcome.duplicateOf;
  }
  return undefined;
}
