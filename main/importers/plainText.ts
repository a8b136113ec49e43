import { normaliseWhitespace } from '../../shared/text';
import { takeLeadingByline, takeTrailingByline } from './bylines';
import { cleanCharacters, hasText } from './characters';
import { readDateMarker } from './dates';
import { readFrontMatter } from './frontMatter';
import { detectLanguage } from './language';
import { normaliseOutlet } from './outlets';
import { continuesOnNextLine, stripMarkdownHeading, toParagraphs } from './paragraphs';
import { isTitleLine, markdownTitle, titleFromFileName, titleFromText } from './titles';

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

const URL_LINE = /^(?:(?:source|url|link|lien|original)\s*:\s*)?<?(https?:\/\/[^\s<>]+)>?$/i;

/**
 * Reads a plain-text or markdown article. The heuristics target clipped news and reports: a
 * headline line, an optional `date YYYY-MM-DD` marker, a closing byline. Anything they remove
 * from the body is metadata (headline, date, credit, source link), never a sentence of the text.
 */
export function parsePlainText(raw: string, fileName: string): ParsedSource {
  const isMarkdown = /\.(?:md|markdown)$/i.test(fileName);
  let lines = cleanCharacters(raw.replace(/^\uFEFF/, '')).split('\n');

  const frontMatter = readFrontMatter(lines);
  const meta = frontMatter?.meta ?? {};
  if (frontMatter) lines = lines.slice(frontMatter.lineCount);

  let publishedAt = meta.publishedAt ?? null;
  let title = meta.title ?? null;
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

  let url = meta.url ?? takeUrlParagraph(paragraphs, 'end');
  const leading = takeLeadingByline(paragraphs);
  const trailing = takeTrailingByline(paragraphs);
  url ??= takeUrlParagraph(paragraphs, 'end') ?? takeUrlParagraph(paragraphs, 'start');

  let body = normaliseWhitespace(paragraphs.join('\n\n'));
  if (!hasText(body) && titleLine !== null) {
    // A file that is nothing but a short line: that line is both the title and the text.
    body = normaliseWhitespace(titleLine);
  }

  title ??= titleLine ?? titleFromText(body.split('\n\n')[0] ?? '') ?? titleFromFileName(fileName);

  const outletText = meta.outlet ?? trailing?.outlet ?? leading?.outlet ?? null;
  return {
    title: normaliseWhitespace(title).replace(/\n+/g, ' '),
    outlet: outletText === null ? null : normaliseOutlet(outletText),
    author: meta.author ?? trailing?.author ?? leading?.author ?? null,
    publishedAt,
    url,
    language: detectLanguage(body),
    body,
    original: raw,
  };
}

function firstNonEmpty(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i]!.trim() !== '') return i;
  return -1;
}

/** Removes a paragraph that is only a link to the article (first or last) and returns the URL. */
function takeUrlParagraph(paragraphs: string[], where: 'start' | 'end'): string | null {
  if (paragraphs.length < 2) return null;
  const index = where === 'start' ? 0 : paragraphs.length - 1;
  const match = URL_LINE.exec(paragraphs[index]!.trim());
  if (!match) return null;
  paragraphs.splice(index, 1);
  return match[1]!;
}
