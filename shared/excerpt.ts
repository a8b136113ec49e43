import { z } from 'zod';
import { CitationFields, CitationSnapshot, citationFieldsOf, withoutPartialDate } from './source';

/** What an excerpt needs to know of its source. */
export interface QuotableSource extends CitationFields {
  id: number;
  /** The year or month of a source with no day (SourceSummary.issued). */
  issued?: string | null;
  body: string;
}

/**
 * The serialized JSON of an excerpt (a quotation from a source, carrying one footnote).
 *
 * This shape is a published format: the renderer's Lexical ExcerptNode writes it, briefs store it,
 * and the DOCX exporter in main reads it without a DOM. Change it only by adding a new version
 * and an upgrade step in `readExcerpt`, so that briefs saved by older builds keep opening.
 *
 * Version 3 (current) = version 2 with a partial date in the snapshot:
 *   "source": { "title", "outlet", "author", "publishedAt", "url", "issued" }
 *       // issued: "2024" or "2024-03" when the source is dated to its year or month only (its
 *       // publishedAt then null), else null. Versions 1 and 2 are read with issued null.
 *
 * Version 2 = version 1 plus
 *   "display": "inline" | "block"        // “inline quotation” in a sentence, or a block quote
 *
 * Version 1:
 * {
 *   "type": "precis-excerpt", "version": 1,
 *   "sourceId": 12,                      // sources.id in the archive
 *   "quote": "words as quoted",          // what the brief shows between the quotation marks
 *   "anchor": {                          // W3C Web Annotation TextQuoteSelector + offsets
 *     "exact": "words as quoted", "prefix": "≤32 chars before", "suffix": "≤32 chars after",
 *     "start": 120, "end": 135           // UTF-16 offsets into the source body at quote time
 *   },
 *   "source": { "title", "outlet", "author", "publishedAt", "url" }   // citation snapshot
 * }
 */
export const EXCERPT_NODE_TYPE = 'precis-excerpt';
export const EXCERPT_NODE_VERSION = 3;

export const TextQuoteAnchor = z.object({
  exact: z.string().min(1),
  prefix: z.string(),
  suffix: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type TextQuoteAnchor = z.infer<typeof TextQuoteAnchor>;

export const SerializedExcerptV1 = z.object({
  type: z.literal(EXCERPT_NODE_TYPE),
  version: z.literal(1),
  sourceId: z.number().int().positive(),
  quote: z.string().min(1),
  anchor: TextQuoteAnchor,
  source: CitationFields,
});

export const ExcerptDisplay = z.enum(['inline', 'block']);
export type ExcerptDisplay = z.infer<typeof ExcerptDisplay>;

export const SerializedExcerptV2 = SerializedExcerptV1.extend({ version: z.literal(2), display: ExcerptDisplay });
export const SerializedExcerptV3 = SerializedExcerptV2.extend({ version: z.literal(3), source: CitationSnapshot });
export type SerializedExcerpt = z.infer<typeof SerializedExcerptV3>;

/** Reads any known version of the excerpt JSON as the current version; null if unreadable. */
export function readExcerpt(json: unknown): SerializedExcerpt | null {
  const quick = currentExcerpt(json);
  if (quick) return quick;
  const current = SerializedExcerptV3.safeParse(json);
  if (current.success) return current.data;
  const v2 = SerializedExcerptV2.safeParse(json);
  if (v2.success) return { ...v2.data, version: 3, source: withoutPartialDate(v2.data.source) };
  const v1 = SerializedExcerptV1.safeParse(json);
  // Version 1 knew only inline quotations.
  return v1.success ? { ...v1.data, version: 3, display: 'inline', source: withoutPartialDate(v1.data.source) } : null;
}

/*
 * The current versions read by hand. A note holds a node per quotation and footnote, and zod's
 * parse (without its compiled fast path, which the page's CSP forbids) cost about as much as the
 * rest of building the note's editor state (bench:editor's fresh-tab open, 500 and 2,000
 * excerpts). Each reader accepts only what the schema accepts and builds what zod's parse would
 * (the known keys, in the schema's order); anything else, older versions included, goes to zod.
 * test/unit/briefs/currentNodes.test.ts checks both against the schemas.
 */
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PARTIAL = /^\d{4}(?:-(?:0[1-9]|1[0-2]))?$/;

/** A valid current snapshot (CitationSnapshot) rebuilt with its keys alone, or null. */
export function currentSnapshot(value: unknown): CitationSnapshot | null {
  if (!isObject(value)) return null;
  const { title, outlet, author, publishedAt, url, issued } = value;
  if (!isText(title) || !isTextOrNull(outlet) || !isTextOrNull(author) || !isTextOrNull(url)) return null;
  if (publishedAt !== null && !(isText(publishedAt) && DAY.test(publishedAt))) return null;
  if (issued !== null && !(isText(issued) && PARTIAL.test(issued))) return null;
  return { title, outlet, author, publishedAt, url, issued };
}

/** A valid anchor (TextQuoteAnchor) rebuilt with its keys alone, or null. */
export function currentAnchor(value: unknown): TextQuoteAnchor | null {
  if (!isObject(value)) return null;
  const { exact, prefix, suffix, start, end } = value;
  if (!isText(exact) || exact === '' || !isText(prefix) || !isText(suffix) || !isCount(start) || !isCount(end))
    return null;
  return { exact, prefix, suffix, start, end };
}

function currentExcerpt(json: unknown): SerializedExcerpt | null {
  if (!isObject(json) || json.type !== EXCERPT_NODE_TYPE || json.version !== EXCERPT_NODE_VERSION) return null;
  const { sourceId, quote, display } = json;
  if (!isCount(sourceId) || sourceId === 0 || !isText(quote) || quote === '') return null;
  if (display !== 'inline' && display !== 'block') return null;
  const anchor = currentAnchor(json.anchor);
  const source = anchor && currentSnapshot(json.source);
  if (!anchor || !source) return null;
  return { type: EXCERPT_NODE_TYPE, version: EXCERPT_NODE_VERSION, sourceId, quote, anchor, source, display };
}

const ANCHOR_CONTEXT = 32;

/** Builds the anchor for the passage body[start, end). */
export function anchorFor(body: string, start: number, end: number): TextQuoteAnchor {
  return {
    exact: body.slice(start, end),
    prefix: body.slice(Math.max(0, start - ANCHOR_CONTEXT), start),
    suffix: body.slice(end, end + ANCHOR_CONTEXT),
    start,
    end,
  };
}

/**
 * Finds the anchored passage in a (possibly changed) body: at its recorded offsets if still there,
 * else the occurrence of `exact` whose surrounding text best matches prefix/suffix.
 */
export function locateAnchor(body: string, anchor: TextQuoteAnchor): { start: number; end: number } | null {
  if (body.slice(anchor.start, anchor.end) === anchor.exact) return { start: anchor.start, end: anchor.end };
  let best: { start: number; score: number } | null = null;
  for (let at = body.indexOf(anchor.exact); at !== -1; at = body.indexOf(anchor.exact, at + 1)) {
    const before = body.slice(Math.max(0, at - anchor.prefix.length), at);
    const after = body.slice(at + anchor.exact.length, at + anchor.exact.length + anchor.suffix.length);
    const score =
      commonSuffixLength(before, anchor.prefix) +
      commonPrefixLength(after, anchor.suffix) -
      Math.abs(at - anchor.start) / 1e6;
    if (!best || score > best.score) best = { start: at, score };
  }
  return best ? { start: best.start, end: best.start + anchor.exact.length } : null;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** The excerpt quoting body[start, end) of a source, with its anchor and citation snapshot. */
export function excerptOf(
  source: QuotableSource,
  start: number,
  end: number,
  display: ExcerptDisplay,
): SerializedExcerpt {
  const anchor = anchorFor(source.body, start, end);
  return {
    type: EXCERPT_NODE_TYPE,
    version: EXCERPT_NODE_VERSION,
    sourceId: source.id,
    quote: anchor.exact.replace(/\s+/g, ' '),
    anchor,
    display,
    source: citationFieldsOf(source),
  };
}
