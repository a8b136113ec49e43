import { z } from 'zod';

/** ISO calendar date (YYYY-MM-DD); sources rarely give more precision than a day. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The bibliographic facts a citation needs. Kept small so it can be snapshotted into a brief. */
export const CitationFields = z.object({
  title: z.string(),
  outlet: z.string().nullable(),
  author: z.string().nullable(),
  publishedAt: IsoDate.nullable(),
  url: z.string().nullable(),
});
export type CitationFields = z.infer<typeof CitationFields>;

/**
 * A date known only to its year ("2024") or its month ("2024-03"), as a reference manager or a
 * report's cover may give it. Kept beside publishedAt (days only) so that a citation prints the
 * year or the month and year, never "n.d." and never a made-up day.
 */
export const PartialDate = z.string().regex(/^\d{4}(?:-(?:0[1-9]|1[0-2]))?$/);

/**
 * What a footnote's node carries of its source (excerpt JSON version 3, citation JSON version 2):
 * the citation fields, and `issued`, the year or month of a source with no day (null otherwise).
 */
export const CitationSnapshot = CitationFields.extend({ issued: PartialDate.nullable() });
export type CitationSnapshot = z.infer<typeof CitationSnapshot>;

/** The citation snapshot of a source: its bibliographic facts and nothing else it carries. */
export function citationFieldsOf(source: CitationFields & { issued?: string | null }): CitationSnapshot {
  const { title, outlet, author, publishedAt, url } = source;
  // A day, when known, is the date; a partial one is kept only in its absence.
  return { title, outlet, author, publishedAt, url, issued: publishedAt ? null : (source.issued ?? null) };
}

/** The snapshot of a node written before snapshots held partial dates: it had none. */
export function withoutPartialDate(fields: CitationFields): CitationSnapshot {
  return { ...fields, issued: null };
}

/** Admiralty code: how reliable the source is (A–F) and how credible this report is (1–6). */
export const Reliability = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export const Credibility = z.number().int().min(1).max(6);
export const CLASSIFICATIONS = [
  'UNCLASSIFIED',
  'PROTECTED A',
  'PROTECTED B',
  'PROTECTED C',
  'CONFIDENTIAL',
  'SECRET',
  'TOP SECRET',
] as const;
export const Classification = z.enum(CLASSIFICATIONS);
export type Classification = z.infer<typeof Classification>;
export const Tag = z.string().trim().min(1).max(80);
/** 'reference': metadata from a reference manager with no text of its own: citable, nothing to quote. */
export const SOURCE_FORMATS = ['txt', 'md', 'html', 'docx', 'pdf', 'reference'] as const;

/** The metadata fields whose origin is recorded (see docs/metadata.md). */
export const METADATA_FIELDS = ['title', 'outlet', 'author', 'publishedAt', 'language', 'url'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/**
 * Where a field's value came from, strongest first. A date printed in the document (a cover
 * date, a "Published …" line, a wire header, a dateline) is about the text; a document's
 * created/modified property is about the file (templates and re-saves change it), so it is weak.
 * A file-system time is never evidence of publication and has no kind here.
 */
export const EVIDENCE_KINDS = [
  'user',
  // Read from the analyst's reference manager (Zotero): a library the analyst keeps by hand.
  'reference-manager',
  'meta-tag',
  'json-ld',
  'front-matter',
  'wire-header',
  'byline',
  'dateline',
  'printed-date',
  'cover-page',
  'headline',
  'document-property',
  'text',
  'legacy',
  'property-date',
  'first-sentence',
  'file-name',
  'none',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EvidenceStrength = z.enum(['strong', 'medium', 'weak', 'none']);
export type EvidenceStrength = z.infer<typeof EvidenceStrength>;

const STRENGTH: Record<EvidenceKind, EvidenceStrength> = {
  user: 'strong',
  'reference-manager': 'strong',
  'meta-tag': 'strong',
  'json-ld': 'strong',
  'front-matter': 'strong',
  'wire-header': 'strong',
  byline: 'strong',
  dateline: 'strong',
  'printed-date': 'strong',
  'cover-page': 'medium',
  headline: 'medium',
  'document-property': 'medium',
  text: 'medium',
  // Values stored before evidence was recorded: they may be right, nothing says how they were found.
  legacy: 'medium',
  'property-date': 'weak',
  'first-sentence': 'weak',
  'file-name': 'weak',
  none: 'none',
};

export function evidenceStrength(kind: EvidenceKind): EvidenceStrength {
  return STRENGTH[kind];
}

export const FieldEvidence = z.object({ from: z.enum(EVIDENCE_KINDS), strength: EvidenceStrength });
export type FieldEvidence = z.infer<typeof FieldEvidence>;
export const Provenance = z.object({
  title: FieldEvidence,
  outlet: FieldEvidence,
  author: FieldEvidence,
  publishedAt: FieldEvidence,
  language: FieldEvidence,
  url: FieldEvidence,
});
export type Provenance = z.infer<typeof Provenance>;

/** The fields a citation cannot do without; weak or missing evidence for any of them asks for review. */
export const REVIEWED_FIELDS = ['title', 'publishedAt', 'outlet'] as const satisfies readonly MetadataField[];

/** Fields whose value rests on weak evidence or none. */
export function weakFields(provenance: Provenance): MetadataField[] {
  return METADATA_FIELDS.filter((field) => ['weak', 'none'].includes(provenance[field].strength));
}

export function needsReview(provenance: Provenance): boolean {
  return REVIEWED_FIELDS.some((field) => ['weak', 'none'].includes(provenance[field].strength));
}

export const SourceSummary = CitationFields.extend({
  id: z.number().int().positive(),
  /**
   * The year or month of a source with no day (reference_details.issued, from a reference
   * manager); absent or null when publishedAt is set or nothing is known. Optional: an archive
   * engine that keeps no partial dates (the team archive) leaves it out.
   */
  issued: PartialDate.nullable().optional(),
  language: z.string().nullable(),
  wordCount: z.number().int().nonnegative(),
  importedAt: z.string(),
  format: z.enum(SOURCE_FORMATS),
  /** Equal for near-duplicates (syndicated copies, rewrites, translations): the id of the first. */
  clusterId: z.number().int().positive(),
  /** How many sources share this cluster, this one included. */
  clusterSize: z.number().int().positive(),
  reliability: Reliability.nullable(),
  credibility: Credibility.nullable(),
  classification: Classification,
  tags: z.array(Tag),
  /** Where each metadata field came from, and how strong that evidence is. */
  provenance: Provenance,
  /** Title, date or outlet rests on weak evidence or none: the analyst should check them. */
  needsReview: z.boolean(),
  /** PDFs: the pages (1-based) whose text was read by OCR and may carry recognition errors. */
  ocrPages: z.array(z.number().int().positive()).nullable(),
});
export type SourceSummary = z.infer<typeof SourceSummary>;

export const SourceDetail = SourceSummary.extend({
  /** The searchable, cleaned text; excerpt offsets refer to this string. */
  body: z.string(),
  /** For paginated originals (PDF): body offset where each page starts; page n starts at [n-1]. */
  pageStarts: z.array(z.number().int().nonnegative()).nullable(),
});

/** What the analyst may correct or add after import. Omitted fields are left as they are. */
export const SourceEdit = z.object({
  title: z.string().trim().min(1).max(500).optional(),
  outlet: z.string().trim().max(200).nullable().optional(),
  author: z.string().trim().max(300).nullable().optional(),
  publishedAt: IsoDate.nullable().optional(),
  url: z.string().trim().max(2000).nullable().optional(),
  language: z.string().trim().max(10).nullable().optional(),
  reliability: Reliability.nullable().optional(),
  credibility: Credibility.nullable().optional(),
  classification: Classification.optional(),
  tags: z.array(Tag).max(50).optional(),
});
export type SourceEdit = z.infer<typeof SourceEdit>;

/** The page of the source on which a body offset falls (1-based), or null for unpaginated sources. */
export function pageAt(pageStarts: readonly number[] | null, offset: number): number | null {
  if (!pageStarts || pageStarts.length === 0) return null;
  let page = 1;
  while (page < pageStarts.length && (pageStarts[page] ?? Number.POSITIVE_INFINITY) <= offset) page++;
  return page;
}
export type SourceDetail = z.infer<typeof SourceDetail>;
