import { z } from 'zod';
import { LocalizedText } from '../i18n/localizedText';
import { Classification, Credibility, Reliability } from '../source';

/** What the integrity checks need to know of a cited source now (not its snapshot in the note). */
export const IntegrityFact = z.object({
  sourceId: z.number().int().positive(),
  title: z.string(),
  outlet: z.string().nullable(),
  author: z.string().nullable(),
  publishedAt: z.string().nullable(),
  clusterId: z.number().int().positive(),
  /** Outlets whose reporting its text credits, folded (shared/integrity/corroboration.ts). */
  credits: z.array(z.string()),
  reliability: Reliability.nullable(),
  credibility: Credibility.nullable(),
  /** "B2", or null unless both halves are set. */
  grade: z.string().nullable(),
  classification: Classification,
  needsReview: z.boolean(),
});
export type IntegrityFact = z.infer<typeof IntegrityFact>;

export const FINDING_KINDS = [
  'altered-quotation',
  'classification',
  'weak-support',
  'uncited-paragraph',
  'incomplete-citation',
  'metadata-review',
  'name-variant',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * blocking: export refuses (classification) or will not go on (altered quotations);
 * warning: export asks the analyst to confirm; notice: listed by the check, export goes on.
 */
export const Severity = z.enum(['blocking', 'warning', 'notice']);
export type Severity = z.infer<typeof Severity>;

export const Finding = z.object({
  kind: z.enum(FINDING_KINDS),
  severity: Severity,
  message: z.string(),
  /** The message as a catalog message, for the interface's language (docs/i18n.md). */
  text: LocalizedText.optional(),
  /** Child indexes from the note's root to the block the finding is about; null: the whole brief. */
  path: z.array(z.number().int().nonnegative()).nullable(),
  /** The footnote it is about, when it is about one. */
  footnote: z.number().int().positive().nullable(),
  sourceIds: z.array(z.number().int().positive()),
});
export type Finding = z.infer<typeof Finding>;

export const BriefCheck = z.object({
  briefId: z.number().int().positive(),
  classification: Classification,
  /** The lowest marking covering every cited source (shared/integrity/classification.ts). */
  requiredClassification: Classification,
  findings: z.array(Finding),
});
export type BriefCheck = z.infer<typeof BriefCheck>;

export const NameVariant = z.object({
  /** The spelling looked up, as the archive writes it most often. */
  name: z.string(),
  /** Other spellings of the same person in the archive, most frequent first. */
  variants: z.array(z.string()),
  /** Who the archive says it is ("Foreign Minister Mélanie Joly"), for the analyst to judge. */
  person: z.string(),
  sourceIds: z.array(z.number().int().positive()),
});
export type NameVariant = z.infer<typeof NameVariant>;
