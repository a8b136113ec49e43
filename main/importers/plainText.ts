import { assembleArticle } from './article';
import { cleanCharacters } from './characters';
import { readDateMarker } from './dates';
import { readFrontMatter } from './frontMatter';
import { continuesOnNextLine, stripMarkdownHeading, toParagraphs } from './paragraphs';
import { isTitleLine, markdownTitle } from './titles';

/** What an importer extracts from a file, before it is stored. */
export interface ParsedSource {
  title: string;
  outlet: string | null;
  author: string | null;
  /** YYYY-MM-DD */
  publishedAt: string | null;
  url: string | null;
  language: string | null;
  /** Cleaned text: paragraphs separated by one blank line. Excerpt offsets refer to it. */
  body: string;
  /** The file's text exactly as decoded, so nothing the user gave is lost to a heuristic. */
  original: string;
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

  let publishedAt = meta.publishedAt ?? null;
  const title = meta.title ?? null;
  let titleLine: string | null = null;

  let at = firstNonEmpty(lines, 0);
  const marker = at < 0 ? null : readDateMarker(lines[at]!);
  if (marker) {
    publishedAt ??= marker.date;
    lines[at] = marker.rest;
    if (marker.rest === '') at = firstNonEmpty(lines, at + 1);
  }

  if (at >= 0) {
    const line = lines[at]!;
    const heading = markdownTitle(line);
    if (heading !== null || (isTitleLine(line) && !continuesOnNextLine(lines, at))) {
      titleLine = heading ?? line.trim();
      lines[at] = '';
      // The date marker sometimes sits under the headline instead of above it.
      const next = firstNonEmpty(lines, at + 1);
      const lateMarker = next < 0 || publishedAt ? null : readDateMarker(lines[next]!);
      if (lateMarker && lateMarker.rest === '') {
        publishedAt = lateMarker.date;
        lines[next] = '';
      }
    }
  }

  let paragraphs = toParagraphs(lines);
  if (isMarkdown) paragraphs = paragraphs.map(stripMarkdownHeading);

  const { pageStarts: _unpaginated, ...article } = assembleArticle(
    paragraphs.map((text) => ({ text, page: 1, heading: false })),
    { title, outlet: meta.outlet, author: meta.author, publishedAt, url: meta.url },
    fileName,
    { headline: titleLine },
  );
  return { ...article, original: raw };
}

function firstNonEmpty(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i]!.trim() !== '') return i;
  return -1;
}
