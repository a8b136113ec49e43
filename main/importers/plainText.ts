import type { FoundEvidence } from '../archive/provenance';
import { assembleArticle } from './article';
import { cleanCharacters } from './characters';
import { readFrontMatter } from './frontMatter';
import { stripMarkdownHeading, toParagraphs } from './paragraphs';
import { markdownTitle } from './titles';

/** What an importer extracts from a file, before it is stored. */
export interface ParsedSource {
  title: string;
  outlet: string | null;
  author: string | null;
  /** YYYY-MM-DD */
  publishedAt: string | null;
  /** YYYY-MM: a month printed alone, when there is no day (kept in reference_details.issued). */
  issued?: string | null;
  url: string | null;
  language: string | null;
  /** Cleaned text: paragraphs separated by one blank line. Excerpt offsets refer to it. */
  body: string;
  /** The file's text exactly as decoded, so nothing the user gave is lost to a heuristic. */
  original: string;
  /** Where each metadata field came from (absent: stored as 'legacy', evidence unknown). */
  provenance?: FoundEvidence;
}

/**
 * Reads a plain-text or markdown article. The heuristics target clipped news and reports: a
 * headline line, an optional `date YYYY-MM-DD` marker, a closing byline. What they remove from
 * the body is metadata (headline, date, credit, source link) or page furniture (boilerplate.ts),
 * never a sentence of reporting; `original` keeps the text exactly as decoded either way.
 */
export function parsePlainText(raw: string, fileName: string): ParsedSource {
  const isMarkdown = /\.(?:md|markdown)$/i.test(fileName);
  let lines = cleanCharacters(raw.replace(/^\uFEFF/, '')).split('\n');

  const frontMatter = readFrontMatter(lines);
  const meta = frontMatter?.meta ?? {};
  if (frontMatter) lines = lines.slice(frontMatter.lineCount);

  const at = firstNonEmpty(lines, 0);
  // A markdown heading is the title wherever the file starts; other first lines are weighed with
  // the rest of the top matter (a wire header or a date line is not a headline).
  const heading = at < 0 ? null : markdownTitle(lines[at]!);
  if (heading !== null) lines[at] = '';

  let paragraphs = toParagraphs(lines);
  if (isMarkdown) paragraphs = paragraphs.map(stripMarkdownHeading);

  const { pageStarts: _unpaginated, ...article } = assembleArticle(
    paragraphs.map((text) => ({ text, page: 1, heading: false })),
    {
      title: meta.title,
      outlet: meta.outlet,
      author: meta.author,
      publishedAt: meta.publishedAt,
      url: meta.url,
      evidence: FROM_FRONT_MATTER,
    },
    fileName,
    heading === null ? {} : { headline: heading },
  );
  return { ...article, original: raw };
}

const FROM_FRONT_MATTER = {
  title: 'front-matter',
  outlet: 'front-matter',
  author: 'front-matter',
  publishedAt: 'front-matter',
  url: 'front-matter',
} as const;

function firstNonEmpty(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i]!.trim() !== '') return i;
  return -1;
}
