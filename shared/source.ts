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

/** The citation snapshot of a source: its bibliographic facts and nothing else it carries. */
export function citationFieldsOf({ title, outlet, author, publishedAt, url }: CitationFields): CitationFields {
  return { title, outlet, author, publishedAt, url };
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
export const SOURCE_FORMATS = ['txt', 'md', 'html', 'docx', 'pdf'] as const;

export const SourceSummary = CitationFields.extend({
  id: z.number().int().positive(),
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
