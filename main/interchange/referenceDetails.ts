import { type Db, prepareCached } from '../archive/database';
import type { ReferenceExtras } from '../archive/sourceArchive';
import { bareDoi, dateText, type ReferenceItem } from './referenceItem';

/**
 * What an entry says beyond the archive's fields (migration 150): a date less precise than a day,
 * the DOI, the CSL type. Read back by export, so a library goes out as it came in.
 */
export interface ReferenceDetails {
  issued: string | null;
  doi: string | null;
  itemType: string | null;
}

export function detailsOf(item: ReferenceItem): ReferenceDetails {
  const date = dateText(item);
  return {
    // A full day is the source's published_at; only a year or a month needs keeping here.
    issued: date && date.length < 10 ? date : null,
    doi: bareDoi(item.DOI),
    // "article" is CSL's plain document, what a reader falls back on for a kind its format lacks
    // (BibTeX's @misc, RIS's GEN): it says nothing the archive would not guess better.
    itemType: item.type !== 'article' && /^[a-z][a-z_-]{0,39}$/.test(item.type) ? item.type : null,
  };
}

/**
 * Records an entry's details for a source, inside the caller's transaction. What the source has
 * already is kept (the first library it came from, or the analyst's own date, wins); a source
 * with a full date keeps no partial one.
 */
export function recordReferenceDetails(db: Db, sourceId: number, details: ReferenceDetails): void {
  const dated = prepareCached(db, 'SELECT published_at FROM sources WHERE id = ?').get(sourceId) as
    | { published_at: string | null }
    | undefined;
  const issued = dated?.published_at ? null : details.issued;
  if (!issued && !details.doi && !details.itemType) return;
  prepareCached(
    db,
    `INSERT INTO reference_details (source_id, issued, doi, item_type) VALUES (?, ?, ?, ?)
     ON CONFLICT (source_id) DO UPDATE SET
       issued = coalesce(issued, excluded.issued),
       doi = coalesce(doi, excluded.doi),
       item_type = coalesce(item_type, excluded.item_type)`,
  ).run(sourceId, issued, details.doi, details.itemType);
}

/** The DOI and CSL type of each source asked for that has either (for the archive interface). */
export function readReferenceExtras(db: Db, ids: readonly number[]): Map<number, ReferenceExtras> {
  const query = prepareCached(
    db,
    'SELECT doi, item_type AS itemType FROM reference_details WHERE source_id = ? AND (doi IS NOT NULL OR item_type IS NOT NULL)',
  );
  const extras = new Map<number, ReferenceExtras>();
  for (const id of new Set(ids)) {
    const row = query.get(id) as ReferenceExtras | undefined;
    if (row) extras.set(id, row);
  }
  return extras;
}
