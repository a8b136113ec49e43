import type { SOURCE_FORMATS } from '../../shared/source';
import { foldForComparison, normaliseWhitespace } from '../../shared/text';
import { findBoilerplate } from './boilerplate';
import { type Byline, takeLeadingByline, takeTrailingByline } from './bylines';
import { cleanCharacters, hasText } from './characters';
import { readDateMarker } from './dates';
import { detectLanguage } from './language';
import { knownOutlet, normaliseOutlet } from './outlets';
import type { ParsedSource } from './plainText';
import { isTitleLine, titleFromFileName, titleFromText } from './titles';

/** One paragraph or heading of a document, on the page (1-based) where it is printed. */
export interface Block {
  text: string;
  page: number;
  heading: boolean;
}

/** What the file itself declares (HTML meta tags, DOCX core properties, PDF document info). */
export interface DeclaredMetadata {
  title?: string | null;
  outlet?: string | null;
  author?: string | null;
  /** YYYY-MM-DD */
  publishedAt?: string | null;
  url?: string | null;
  /** A language tag as declared ("fr-CA", "en"); detection from the text is preferred. */
  language?: string | null;
}

export type Article = Omit<ParsedSource, 'original'> & {
  /** For paginated documents: the body offset where each page starts. */
  pageStarts: number[] | null;
};

export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** What `parseFile` makes of one file, ready to store. */
export type ParsedFile = ParsedSource & { format: SourceFormat; pageStarts: number[] | null };

export interface AssembleOptions {
  /** Set when the caller already took the headline off the text (null: there was none). */
  headline?: string | null;
  /** The number of pages, for documents whose citations give page numbers. */
  pageCount?: number;
}

const URL_PARAGRAPH = /^(?:(?:source|url|link|lien|original)\s*:\s*)?<?(https?:\/\/[^\s<>]+)>?$/i;
// "SEOUL, South Korea (AP) — ", "OTTAWA (Reuters) - ": the parenthesis names the wire service.
const DATELINE_CREDIT = /^\p{Lu}[\p{L} .,'’-]{1,60}?\s*\(([^()]{2,30})\)\s*[—–-]{1,2}\s/u;

/**
 * Turns a document's paragraphs into a source, the same way whatever the format: a date marker
 * and headline at the top, furniture (see boilerplate.ts) out of the body, credits and a source
 * link at either end. What the file declares wins over what the text suggests, except for the
 * language, which pages often declare wrongly (a template's `lang="en"` on a French article).
 */
export function assembleArticle(
  blocks: readonly Block[],
  declared: DeclaredMetadata,
  fileName: string,
  options: AssembleOptions = {},
): Article {
  let items = splitIntoParagraphs(blocks);
  let publishedAt = declared.publishedAt ?? null;
  let title = declared.title ? tidyTitle(declared.title) : null;
  let headline = options.headline ?? null;

  if (options.headline === undefined) {
    const marker = items[0] ? readDateMarker(items[0].text) : null;
    if (marker) {
      publishedAt ??= marker.date;
      if (marker.rest) items[0]!.text = marker.rest;
      else items.shift();
    }
    headline = takeHeadline(items, title);
    const late = headline && items[0] ? readDateMarker(items[0].text) : null;
    if (late && late.rest === '') {
      publishedAt ??= late.date;
      items.shift();
    }
  }

  const furniture = findBoilerplate(items.map((item) => item.text));
  items = items.filter((_, i) => !furniture[i]);

  const datelineOutlet = readDatelineOutlet(items[0]?.text ?? '');
  let url = declared.url ?? fromEnd(items, (texts) => takeUrlParagraph(texts, 'end'));
  const leading: Byline | null = fromStart(items, takeLeadingByline);
  const trailing: Byline | null = fromEnd(items, takeTrailingByline);
  url ??=
    fromEnd(items, (texts) => takeUrlParagraph(texts, 'end')) ??
    fromStart(items, (texts) => takeUrlParagraph(texts, 'start'));

  if (!items.some((item) => hasText(item.text)) && headline !== null) {
    // A document that is nothing but a short line: that line is both the title and the text.
    items = [{ text: normaliseWhitespace(headline), page: 1, heading: false }];
  }
  const body = items.map((item) => item.text).join('\n\n');
  title ??= headline ?? titleFromText(items[0]?.text ?? '') ?? titleFromFileName(fileName);
  const outlet = declared.outlet ?? trailing?.outlet ?? leading?.outlet ?? datelineOutlet;

  return {
    title: normaliseWhitespace(title).replace(/\n+/g, ' '),
    outlet: outlet ? normaliseOutlet(outlet) : null,
    author: declared.author ?? trailing?.author ?? leading?.author ?? null,
    publishedAt,
    url,
    language: detectLanguage(body) ?? languageCode(declared.language),
    body,
    pageStarts: options.pageCount ? pageStarts(items, options.pageCount) : null,
  };
}

/** "fr-CA", "fr_CA", "FR" → "fr"; anything that is not a language tag → null. */
export function languageCode(tag: string | null | undefined): string | null {
  const match = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*\s*$/i.exec(tag ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

/** True when two strings are the same words: a page's <h1> repeating its declared title. */
export function sameWords(a: string, b: string): boolean {
  const words = (text: string) =>
    foldForComparison(text)
      .match(/[\p{L}\p{N}]+/gu)
      ?.join(' ') ?? '';
  return words(a) !== '' && words(a) === words(b);
}

/** Removes a paragraph that is only a link to the article (first or last) and returns the URL. */
export function takeUrlParagraph(paragraphs: string[], where: 'start' | 'end'): string | null {
  if (paragraphs.length < 2) return null;
  const index = where === 'start' ? 0 : paragraphs.length - 1;
  const match = URL_PARAGRAPH.exec(paragraphs[index]!.trim());
  if (!match) return null;
  paragraphs.splice(index, 1);
  return match[1]!;
}

function splitIntoParagraphs(blocks: readonly Block[]): Block[] {
  const items: Block[] = [];
  for (const block of blocks) {
    for (const line of normaliseWhitespace(cleanCharacters(block.text)).split('\n')) {
      if (line !== '') items.push({ text: line, page: block.page, heading: block.heading });
    }
  }
  return items;
}

/** Takes the headline off the top: the declared title repeated, or a heading or headline-like line. */
function takeHeadline(items: Block[], declaredTitle: string | null): string | null {
  if (declaredTitle !== null) {
    // Pages often put a kicker or section name above the <h1>; look a little further than the top.
    const index = items.slice(0, 3).findIndex((item) => sameWords(item.text, declaredTitle));
    return index < 0 ? null : items.splice(index, 1)[0]!.text;
  }
  const first = items[0];
  if (!first || items.length < 2 || !(first.heading || isTitleLine(first.text))) return null;
  items.shift();
  return first.text;
}

function readDatelineOutlet(firstParagraph: string): string | null {
  const match = DATELINE_CREDIT.exec(firstParagraph);
  return match ? knownOutlet(match[1]!) : null;
}

function tidyTitle(title: string): string {
  return normaliseWhitespace(cleanCharacters(title)).replace(/\n+/g, ' ');
}

// The byline and URL helpers take paragraphs off one end of a string list; these keep the
// blocks (and so their page numbers) in step with what they removed.
function fromEnd<T>(items: Block[], take: (texts: string[]) => T | null): T | null {
  const texts = items.map((item) => item.text);
  const result = take(texts);
  items.splice(texts.length);
  return result;
}

function fromStart<T>(items: Block[], take: (texts: string[]) => T | null): T | null {
  const texts = items.map((item) => item.text);
  const result = take(texts);
  items.splice(0, items.length - texts.length);
  return result;
}

/** Page n starts where its first paragraph does; a page with no text starts where the next one does. */
function pageStarts(items: readonly Block[], pageCount: number): number[] {
  const starts = new Array<number>(pageCount);
  const length = items.reduce((sum, item) => sum + item.text.length, 0) + Math.max(0, items.length - 1) * 2;
  let offset = 0;
  let itemIndex = 0;
  for (let page = 1; page <= pageCount; page++) {
    while (itemIndex < items.length && items[itemIndex]!.page < page) {
      offset += items[itemIndex]!.text.length + 2;
      itemIndex++;
    }
    starts[page - 1] = Math.min(offset, length);
  }
  return starts;
}
