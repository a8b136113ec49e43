import {
  type EvidenceKind,
  METADATA_FIELDS,
  type MetadataField,
  REVIEWED_FIELDS,
  type SourceSummary,
  weakFields,
} from '../../shared/source';

const FIELD_NAMES: Record<MetadataField, string> = {
  title: 'Title',
  outlet: 'Outlet',
  author: 'Author',
  publishedAt: 'Date',
  language: 'Language',
  url: 'URL',
};

const WEAK_ORIGINS: Partial<Record<EvidenceKind, string>> = {
  'property-date': "guessed from the file's creation date",
  'first-sentence': 'made from the first sentence',
  'file-name': 'made from the file name',
  none: 'not found',
};

export interface WeakFieldNote {
  field: MetadataField;
  text: string;
}

/**
 * What the reader and the review list say about fields resting on weak evidence or none: the
 * fields a citation needs (title, date, outlet) always, the others only when they have a value.
 */
export function weakFieldNotes(source: Pick<SourceSummary, 'provenance'>): WeakFieldNote[] {
  const weak = new Set(weakFields(source.provenance));
  return METADATA_FIELDS.filter(
    (field) =>
      weak.has(field) &&
      ((REVIEWED_FIELDS as readonly MetadataField[]).includes(field) || source.provenance[field].from !== 'none'),
  ).map((field) => ({
    field,
    text: `${FIELD_NAMES[field]}: ${WEAK_ORIGINS[source.provenance[field].from] ?? 'weak evidence'}`,
  }));
}
