import type { IntlShape } from 'react-intl';
import {
  type EvidenceKind,
  METADATA_FIELDS,
  type MetadataField,
  REVIEWED_FIELDS,
  type SourceSummary,
  weakFields,
} from '../../shared/source';

/** The evidence kinds named in the notes; any other weak kind is "weak evidence". */
const WEAK_ORIGINS = ['property-date', 'first-sentence', 'file-name', 'none'] as const;
const isNamedOrigin = (kind: EvidenceKind): kind is (typeof WEAK_ORIGINS)[number] =>
  (WEAK_ORIGINS as readonly string[]).includes(kind);

export interface WeakFieldNote {
  field: MetadataField;
  text: string;
}

/**
 * What the reader and the review list say about fields resting on weak evidence or none: the
 * fields a citation needs (title, date, outlet) always, the others only when they have a value.
 */
export function weakFieldNotes(intl: IntlShape, source: Pick<SourceSummary, 'provenance'>): WeakFieldNote[] {
  const weak = new Set(weakFields(source.provenance));
  return METADATA_FIELDS.filter(
    (field) =>
      weak.has(field) &&
      ((REVIEWED_FIELDS as readonly MetadataField[]).includes(field) || source.provenance[field].from !== 'none'),
  ).map((field) => {
    const from = source.provenance[field].from;
    const origin = intl.formatMessage({ id: isNamedOrigin(from) ? `weak.origin.${from}` : 'weak.origin.weak' });
    return {
      field,
      text: intl.formatMessage({ id: 'weak.note' }, { field: intl.formatMessage({ id: `field.${field}` }), origin }),
    };
  });
}
