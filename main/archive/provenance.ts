import {
  type EvidenceKind,
  evidenceStrength,
  METADATA_FIELDS,
  type MetadataField,
  type Provenance,
  type SourceEdit,
} from '../../shared/source';
import { type Db, prepareCached } from './database';

/** What import found for each field, by field; a field left out has no evidence. */
export type FoundEvidence = Partial<Record<MetadataField, EvidenceKind>>;

/** The SQL that reads a source's recorded evidence as a JSON object (field → kind), for `s`. */
export const PROVENANCE_COLUMN = `(SELECT json_group_object(field, evidence) FROM source_provenance p
  WHERE p.source_id = s.id) AS provenance_json`;

/**
 * A source's provenance from the rows recorded for it and its current values. A value with no
 * row was stored before evidence was recorded (or by a tool that records none): 'legacy'. A field
 * without a value has no evidence, unless the analyst emptied it on purpose ('user').
 */
export function readProvenance(json: string | null, values: Record<MetadataField, string | null>): Provenance {
  const recorded = JSON.parse(json ?? '{}') as Partial<Record<MetadataField, EvidenceKind>>;
  const entries = METADATA_FIELDS.map((field) => {
    const kind = recorded[field];
    const from: EvidenceKind = kind === 'user' ? 'user' : values[field] === null ? 'none' : (kind ?? 'legacy');
    return [field, { from, strength: evidenceStrength(from) }] as const;
  });
  return Object.fromEntries(entries) as Provenance;
}

/** Records, inside the caller's transaction, the evidence import found for a new source. */
export function recordProvenance(db: Db, sourceId: number, found: FoundEvidence): void {
  const insert = prepareCached(
    db,
    'INSERT OR REPLACE INTO source_provenance (source_id, field, evidence) VALUES (?, ?, ?)',
  );
  for (const field of METADATA_FIELDS) {
    const kind = found[field];
    if (kind && kind !== 'none') insert.run(sourceId, field, kind);
  }
}

/** The analyst's word on every metadata field an edit carries: it wins over any evidence found later. */
export function recordUserEdit(db: Db, sourceId: number, edit: SourceEdit): void {
  const fields = METADATA_FIELDS.filter((field) => edit[field] !== undefined);
  recordProvenance(db, sourceId, Object.fromEntries(fields.map((field) => [field, 'user'])));
}

const COLUMN: Record<MetadataField, string> = {
  title: 'title',
  outlet: 'outlet',
  author: 'author',
  publishedAt: 'published_at',
  language: 'language',
  url: 'url',
};

const RANK: Record<string, number> = { none: 0, weak: 1, medium: 2, strong: 3 };

/**
 * A file imported again (same text) may now yield better evidence than what is stored: a field
 * is replaced only where the new evidence is stronger, and never where the analyst set it.
 * Returns the fields changed. Runs inside the caller's transaction. With `fillOnly`, a field is
 * set only where it is empty or rests on weak evidence (a reference manager completes a source,
 * it does not re-title one a document names well).
 */
export function refreshMetadata(
  db: Db,
  sourceId: number,
  values: Record<MetadataField, string | null>,
  found: FoundEvidence,
  fillOnly = false,
): MetadataField[] {
  const row = prepareCached(
    db,
    `SELECT s.title, s.outlet, s.author, s.published_at, s.language, s.url, ${PROVENANCE_COLUMN}
     FROM sources s WHERE s.id = ?`,
  ).get(sourceId) as (Record<string, string | null> & { provenance_json: string | null }) | undefined;
  if (!row) return [];
  const stored = readProvenance(
    row.provenance_json,
    Object.fromEntries(METADATA_FIELDS.map((f) => [f, row[COLUMN[f]] ?? null])) as Record<MetadataField, string | null>,
  );
  const changed = fieldsToRefresh(stored, values, found, fillOnly);
  for (const field of changed) {
    prepareCached(db, `UPDATE sources SET ${COLUMN[field]} = ? WHERE id = ?`).run(values[field], sourceId);
  }
  recordProvenance(db, sourceId, Object.fromEntries(changed.map((field) => [field, found[field]])));
  return changed;
}

/**
 * The fields refreshMetadata replaces, decided from the stored provenance alone (both engines:
 * the team archive applies the same rule, main/team/postgresArchive.ts).
 */
export function fieldsToRefresh(
  stored: Provenance,
  values: Record<MetadataField, string | null>,
  found: FoundEvidence,
  fillOnly = false,
): MetadataField[] {
  return METADATA_FIELDS.filter((field) => {
    const kind = found[field];
    if (!kind || values[field] === null || stored[field].from === 'user') return false;
    if (RANK[evidenceStrength(kind)]! <= RANK[stored[field].strength]!) return false;
    return !(fillOnly && RANK[stored[field].strength]! > RANK.weak!);
  });
}
