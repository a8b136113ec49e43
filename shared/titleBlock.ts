import { z } from 'zod';
import type { BriefLanguage } from './briefSchemas';
import { formatLongDate } from './citation';
import type { Classification as ClassificationSchema } from './source';

/**
 * The serialized JSON of a brief's title block: the For / From / Subject / Date / File number
 * lines at the top of a ministerial briefing note.
 *
 * This shape is a published format, like the excerpt's (excerpt.ts): the renderer's Lexical
 * TitleBlockNode (a block-level decorator at the top of the root) writes it, briefs and snapshots
 * store it, and the DOCX exporter reads it without a DOM. Change it only by adding a version and an
 * upgrade step in `readTitleBlock`.
 *
 * Version 1:
 * {
 *   "type": "precis-title-block", "version": 1,
 *   "fields": {
 *     "for": "The Minister",           // Destinataire
 *     "from": "Jane Doe, Director",    // Expéditeur
 *     "subject": "Arctic radar data",  // Objet
 *     "date": "2024-05-01",            // YYYY-MM-DD when set from a calendar; any other text is shown as is
 *     "fileNumber": "2024-0042"        // Numéro de dossier
 *   }
 * }
 * The classification is deliberately not a field: it is the brief's own `classification`, which
 * also marks every page of the export, so the two can never disagree. The block shows it.
 */
export const TITLE_BLOCK_NODE_TYPE = 'precis-title-block';
export const TITLE_BLOCK_NODE_VERSION = 1;

type Classification = z.infer<typeof ClassificationSchema>;

// A field a damaged or hand-edited brief lacks reads as empty: the block stays usable and the rest
// of the brief opens, rather than the whole note failing on one missing line.
const field = z.string().catch('');

export const TitleBlockFields = z.object({
  for: field,
  from: field,
  subject: field,
  date: field,
  fileNumber: field,
});
export type TitleBlockFields = z.infer<typeof TitleBlockFields>;

export const SerializedTitleBlockV1 = z.object({
  type: z.literal(TITLE_BLOCK_NODE_TYPE),
  version: z.literal(1),
  fields: TitleBlockFields,
});
export type SerializedTitleBlock = z.infer<typeof SerializedTitleBlockV1>;

/** Reads any known version of the title block JSON as the current version; null if unreadable. */
export function readTitleBlock(json: unknown): SerializedTitleBlock | null {
  const parsed = SerializedTitleBlockV1.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function titleBlockNode(fields: Partial<TitleBlockFields> = {}): SerializedTitleBlock {
  return {
    type: TITLE_BLOCK_NODE_TYPE,
    version: TITLE_BLOCK_NODE_VERSION,
    fields: { for: '', from: '', subject: '', date: '', fileNumber: '', ...fields },
  };
}

export interface TitleBlockLabels {
  for: string;
  from: string;
  subject: string;
  date: string;
  classification: string;
  fileNumber: string;
}

const LABELS: Record<BriefLanguage, TitleBlockLabels> = {
  en: {
    for: 'For',
    from: 'From',
    subject: 'Subject',
    date: 'Date',
    classification: 'Classification',
    fileNumber: 'File number',
  },
  fr: {
    for: 'Destinataire',
    from: 'Expéditeur',
    subject: 'Objet',
    date: 'Date',
    classification: 'Classification',
    fileNumber: 'Numéro de dossier',
  },
};

export function titleBlockLabels(language: BriefLanguage): TitleBlockLabels {
  return LABELS[language];
}

// The Government of Canada's French markings, as printed on bilingual documents.
const FRENCH_MARKINGS: Record<Classification, string> = {
  UNCLASSIFIED: 'NON CLASSIFIÉ',
  'PROTECTED A': 'PROTÉGÉ A',
  'PROTECTED B': 'PROTÉGÉ B',
  'PROTECTED C': 'PROTÉGÉ C',
  CONFIDENTIAL: 'CONFIDENTIEL',
  SECRET: 'SECRET',
  'TOP SECRET': 'TRÈS SECRET',
};

/** The security marking as printed in a note of that language. */
export function classificationLabel(classification: Classification, language: BriefLanguage): string {
  return language === 'fr' ? FRENCH_MARKINGS[classification] : classification;
}

const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** "2024-05-01" → "May 1, 2024" / "1er mai 2024"; any other text passes through as typed. */
export function formatTitleBlockDate(value: string, language: BriefLanguage): string {
  if (language === 'en') return formatLongDate(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const month = match ? FRENCH_MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return value;
  const day = Number(match[3]);
  return `${day === 1 ? '1er' : day} ${month} ${match[1]}`;
}

/**
 * The lines of the block, labelled and in order, exactly as the editor shows them and the Word
 * export prints them. The classification line is the brief's, not the block's.
 */
export function titleBlockRows(
  fields: TitleBlockFields,
  classification: Classification,
  language: BriefLanguage,
): { label: string; value: string }[] {
  const labels = titleBlockLabels(language);
  return [
    { label: labels.for, value: fields.for },
    { label: labels.from, value: fields.from },
    { label: labels.subject, value: fields.subject },
    { label: labels.date, value: formatTitleBlockDate(fields.date, language) },
    { label: labels.classification, value: classificationLabel(classification, language) },
    { label: labels.fileNumber, value: fields.fileNumber },
  ];
}
