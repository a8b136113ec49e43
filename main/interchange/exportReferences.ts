import type { Db } from '../archive/database';
import { writeBibtex } from './bibtex';
import { writeCslJson } from './cslJson';
import { type ExportableSource, exportItems, type ReferenceFormat } from './referenceItem';
import { writeRis } from './ris';

const WRITERS: Record<ReferenceFormat, (items: ReturnType<typeof exportItems>) => string> = {
  'csl-json': writeCslJson,
  ris: writeRis,
  bibtex: writeBibtex,
};
export const REFERENCE_FILE: Record<ReferenceFormat, { extension: string; mimeType: string }> = {
  'csl-json': { extension: 'json', mimeType: 'application/vnd.citationstyles.csl+json' },
  ris: { extension: 'ris', mimeType: 'application/x-research-info-systems' },
  bibtex: { extension: 'bib', mimeType: 'application/x-bibtex' },
};

/**
 * The metadata of the given sources (all of them without ids), oldest first, as a reference
 * manager reads it. Ids that are not in the archive are reported, not skipped in silence.
 */
export function exportReferences(
  db: Db,
  format: ReferenceFormat,
  ids?: readonly number[],
): { text: string; count: number; missing: number[] } {
  const rows = db
    .prepare(
      `SELECT s.id, s.title, s.outlet, s.author, s.published_at AS publishedAt, s.url, s.language,
         d.issued, d.doi, d.item_type AS itemType
       FROM sources s LEFT JOIN reference_details d ON d.source_id = s.id
       ${ids ? 'WHERE s.id IN (SELECT value FROM json_each(?))' : ''} ORDER BY s.id`,
    )
    .all(...(ids ? [JSON.stringify(ids)] : [])) as ExportableSource[];
  const found = new Set(rows.map((row) => row.id));
  const missing = [...new Set(ids ?? [])].filter((id) => !found.has(id));
  return { text: referencesText(format, rows), count: rows.length, missing };
}

/** Sources already read (from any archive engine) as a reference manager's file. */
export function referencesText(format: ReferenceFormat, rows: readonly ExportableSource[]): string {
  return WRITERS[format](exportItems(rows));
}
