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

export const SourceSummary = CitationFields.extend({
  id: z.number().int().positive(),
  language: z.string().nullable(),
  wordCount: z.number().int().nonnegative(),
  importedAt: z.string(),
});
export type SourceSummary = z.infer<typeof SourceSummary>;

export const SourceDetail = SourceSummary.extend({
  /** The searchable, cleaned text; excerpt offsets refer to this string. */
  body: z.string(),
});
export type SourceDetail = z.infer<typeof SourceDetail>;
