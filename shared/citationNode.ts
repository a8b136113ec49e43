import { z } from 'zod';
import { anchorFor, currentAnchor, currentSnapshot, type QuotableSource, TextQuoteAnchor } from './excerpt';
import { CitationFields, CitationSnapshot, citationFieldsOf, withoutPartialDate } from './source';

/**
 * The serialized JSON of a citation: a footnote reference with no quotation, for a sentence that
 * paraphrases or summarises a source ("cite without quoting"). The analyst's own words carry it;
 * it adds only the footnote number.
 *
 * A published format like the excerpt's (excerpt.ts): the renderer's inline Lexical CitationNode
 * writes it, briefs store it, and the DOCX exporter reads it without a DOM. Change it only by
 * adding a version and an upgrade step in `readCitation`.
 *
 * Version 2 (current) = version 1 with a partial date in the snapshot:
 *   "source": { "title", "outlet", "author", "publishedAt", "url", "issued" }
 *       // issued: "2024" or "2024-03" when the source is dated to its year or month only (its
 *       // publishedAt then null), else null. Version 1 is read with issued null.
 *
 * Version 1:
 * {
 *   "type": "precis-citation", "version": 1,
 *   "sourceId": 12,                      // sources.id in the archive
 *   "source": { "title", "outlet", "author", "publishedAt", "url" },   // citation snapshot
 *   "anchor": { "exact", "prefix", "suffix", "start", "end" } | null
 *       // the passage paraphrased, when the analyst cited from a selection (so the reader can
 *       // show it again); null when citing the source as a whole
 * }
 */
export const CITATION_NODE_TYPE = 'precis-citation';
export const CITATION_NODE_VERSION = 2;

export const SerializedCitationV1 = z.object({
  type: z.literal(CITATION_NODE_TYPE),
  version: z.literal(1),
  sourceId: z.number().int().positive(),
  source: CitationFields,
  anchor: TextQuoteAnchor.nullable(),
});
export const SerializedCitationV2 = SerializedCitationV1.extend({ version: z.literal(2), source: CitationSnapshot });
export type SerializedCitation = z.infer<typeof SerializedCitationV2>;

/** Reads any known version of the citation JSON as the current version; null if unreadable. */
export function readCitation(json: unknown): SerializedCitation | null {
  const quick = currentCitation(json);
  if (quick) return quick;
  const current = SerializedCitationV2.safeParse(json);
  if (current.success) return current.data;
  const v1 = SerializedCitationV1.safeParse(json);
  return v1.success ? { ...v1.data, version: 2, source: withoutPartialDate(v1.data.source) } : null;
}

/** The current version read by hand, as readExcerpt's currentExcerpt (excerpt.ts says why); else null. */
function currentCitation(json: unknown): SerializedCitation | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const { type, version, sourceId } = json as Record<string, unknown>;
  if (type !== CITATION_NODE_TYPE || version !== CITATION_NODE_VERSION) return null;
  if (!Number.isSafeInteger(sourceId) || (sourceId as number) <= 0) return null;
  const given = (json as { anchor?: unknown }).anchor;
  const anchor = given === null ? null : currentAnchor(given);
  const source = currentSnapshot((json as { source?: unknown }).source);
  if ((given !== null && !anchor) || !source) return null;
  return { type: CITATION_NODE_TYPE, version: CITATION_NODE_VERSION, sourceId: sourceId as number, source, anchor };
}

/**
 * The citation of a source (the counterpart of excerptOf): of the passage body[start, end) the
 * analyst paraphrased, anchored as a quotation of it would be, or of the whole source when null.
 */
export function citationOf(source: QuotableSource, passage: { start: number; end: number } | null): SerializedCitation {
  return {
    type: CITATION_NODE_TYPE,
    version: CITATION_NODE_VERSION,
    sourceId: source.id,
    source: citationFieldsOf(source),
    anchor: passage ? anchorFor(source.body, passage.start, passage.end) : null,
  };
}
