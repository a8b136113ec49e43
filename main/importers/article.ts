import type { EvidenceKind, MetadataField, SOURCE_FORMATS } from '../../shared/source';
import { normaliseWhitespace } from '../../shared/text';
import type { FoundEvidence } from '../archive/provenance';
import { findBoilerplate } from './boilerplate';
import { takeLeadingByline, takeTrailingByline } from './bylines';
import { cleanCharacters, hasText } from './characters';
import { isGenericAuthor, isOrganisationLine, readAuthorList, readCoverCredit } from './coverPage';
import { readDateMarker } from './dates';
import { Candidates } from './evidence';
import { detectLanguage } from './language';
import { knownOutlet, normaliseOutlet } from './outlets';
import type { ParsedSource } from './plainText';
import { readDateLine } from './printedDates';
import { titleFromFileName, titleFromText } from './titles';
import { readDatelineDate, readTopMatter, tidyAuthors } from './topMatter';
import { isEndMarker, isSyndicationLine, readCreditTagline } from './wireCopy';

export { sameWords } from './titles';

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
  /** Where each declared value comes from: 'document-property' unless said. */
  evidence?: Partial<Record<MetadataField, EvidenceKind>>;
}

export type Article = Omit<ParsedSource, 'original' | 'provenance'> & {
  /** For paginated documents: the body offset where each page starts. */
  pageStarts: number[] | null;
  provenance: FoundEvidence;
};

export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** What `parseFile` makes of one file, ready to store. */
export type ParsedFile = ParsedSource & {
  format: SourceFormat;
  pageStarts: number[] | null;
  /** PDFs: the pages (1-based) whose text was read by OCR, so it may carry recognition errors. */
  ocrPages?: number[] | null;
};

export interface AssembleOptions {
  /** Set when the caller already took the headline off the text (null: there was none). */
  headline?: string | null;
  /** The number of pages, for documents whose citations give page numbers. */
  pageCount?: number;
  /** PDFs: the text set largest on the first page, a report's title on its cover. */
  coverTitle?: string | null;
}

const URL_PARAGRAPH = /^(?:(?:source|url|link|lien|original)\s*:\s*)?<?(https?:\/\/[^\s<>]+)>?$/i;
// "SEOUL, South Korea (AP) — ", "OTTAWA (Reuters) - ": the parenthesis names the wire service.
// "(Bloomberg) -- " opens a story with the agency alone.
const DATELINE_CREDIT = /^(?:\p{Lu}[\p{L} .,'’0-9-]{1,60}?\s*)?\(([^()]{2,30})\)\s*[—–-]{1,2}\s/u;
const STRONG_TITLE: readonly EvidenceKind[] = ['meta-tag', 'json-ld', 'front-matter', 'user'];

/**
 * Turns a document's paragraphs into a source, the same way whatever the format. Every value a
 * field could take is offered with where it came from (evidence.ts), and the strongest wins: a
 * meta tag or front matter over the text, a printed date over a document property, a byline
 * over a property's author. Metadata lines (wire header, slugs, bylines, date lines, the
 * publishing organisation) and page furniture (boilerplate.ts) are kept out of the body.
 */
export function assembleArticle(
  blocks: readonly Block[],
  declared: DeclaredMetadata,
  fileName: string,
  options: AssembleOptions = {},
): Article {
  const found = new Candidates();
  offerDeclared(found, declared);
  let items = splitIntoParagraphs(blocks);
  const declaredTitle = found.best('title');
  const strongTitle = declaredTitle && STRONG_TITLE.includes(declaredTitle.from) ? declaredTitle.value : null;

  const marker = items[0] ? readDateMarker(items[0].text) : null;
  if (marker) {
    found.offer('publishedAt', marker.date, 'front-matter');
    if (marker.rest) items[0]!.text = marker.rest;
    else items.shift();
  }
  if (options.headline) found.offer('title', options.headline, 'headline');
  const headline =
    readTopMatter(items, found, {
      needHeadline: options.headline === undefined,
      declaredTitle: strongTitle,
      coverTitle: options.coverTitle ?? null,
    }) ??
    options.headline ??
    null;

  items = withoutFurniture(items, found);

  const datelineOutlet = readDatelineOutlet(items[0]?.text ?? '');
  found.offer('outlet', datelineOutlet, 'dateline');
  found.offer('publishedAt', readDatelineDate(items[0]?.text ?? ''), 'dateline');
  found.offer(
    'url',
    fromEnd(items, (texts) => takeUrlParagraph(texts, 'end')),
    'text',
  );
  const leading = fromStart(items, takeLeadingByline);
  const trailing = fromEnd(items, takeTrailingByline);
  for (const credit of [trailing, leading]) {
    found.offer('author', credit?.author, 'byline');
    found.offer('outlet', credit?.outlet, 'byline');
  }
  found.offer(
    'url',
    fromEnd(items, (texts) => takeUrlParagraph(texts, 'end')),
    'text',
  );
  found.offer(
    'url',
    fromStart(items, (texts) => takeUrlParagraph(texts, 'start')),
    'text',
  );

  if (!items.some((item) => hasText(item.text)) && headline !== null) {
    // A document that is nothing but a short line: that line is both the title and the text.
    items = [{ text: normaliseWhitespace(headline), page: 1, heading: false }];
  }
  const body = items.map((item) => item.text).join('\n\n');
  found.offer('title', titleFromText(items[0]?.text ?? ''), 'first-sentence');
  found.offer('title', titleFromFileName(fileName), 'file-name');
  // Pages often declare their language wrongly (a template's lang="en" on a French article).
  const detected = detectLanguage(body);

  const outlet = found.value('outlet');
  const author = found.value('author');
  // A month printed alone ("November 2024" on a report's cover) is kept as a month, apart from
  // the day-precise publishedAt, so that citations print "November 2024" and never a made-up day.
  const printed = found.value('publishedAt');
  const monthOnly = printed !== null && /^\d{4}-\d{2}$/.test(printed);
  return {
    title: normaliseWhitespace(found.value('title') ?? '').replace(/\n+/g, ' '),
    outlet: outlet ? normaliseOutlet(outlet) : null,
    author: author ? tidyAuthors(author) : null,
    publishedAt: monthOnly ? null : printed,
    ...(monthOnly ? { issued: printed } : {}),
    url: found.value('url'),
    language: detected ?? found.value('language'),
    body,
    pageStarts: options.pageCount ? pageStarts(items, options.pageCount) : null,
    provenance: { ...found.provenance(), ...(detected ? { language: 'text' as const } : {}) },
  };
}

function offerDeclared(found: Candidates, declared: DeclaredMetadata): void {
  const from = (field: MetadataField): EvidenceKind => declared.evidence?.[field] ?? 'document-property';
  found.offer('title', declared.title ? tidyTitle(declared.title) : null, from('title'));
  found.offer('outlet', declared.outlet, from('outlet'));
  const author = declared.author?.trim() ?? '';
  if (author && !readAuthorList(author) && (knownOutlet(author) || isOrganisationLine(author))) {
    // An organisation in an author field ("AFP", "Department of Finance Canada") is the publisher.
    found.offer('outlet', author, from('author'), 1);
  } else if (author && !isGenericAuthor(author)) found.offer('author', author, from('author'));
  found.offer('publishedAt', declared.publishedAt, from('publishedAt'));
  found.offer('url', declared.url, from('url'));
  found.offer('language', languageCode(declared.language), from('language'));
}

/**
 * Page furniture and the metadata lines found below the top: repeated date lines, end markers,
 * syndication credits, and the agency's closing credit ("This report by The Canadian Press was
 * first published …"), which is read before it goes.
 */
function withoutFurniture(items: Block[], found: Candidates): Block[] {
  const furniture = findBoilerplate(items.map((item) => item.text));
  const seen = new Map<string, number>();
  for (const item of items) seen.set(item.text, (seen.get(item.text) ?? 0) + 1);
  return items.filter((item, i) => {
    if (furniture[i]) return false;
    const tagline = readCreditTagline(item.text);
    if (tagline) {
      found.offer('outlet', tagline.outlet, 'byline');
      found.offer('publishedAt', tagline.date, 'printed-date');
      return false;
    }
    // "SOURCE Canadian Association of Energy Producers", "Source : Cabinet de la ministre …" at the foot.
    const credit =
      i >= items.length - 3 && /^\s*(?:source|from)\b/i.test(item.text) ? readCoverCredit(item.text) : null;
    if (credit?.organisation) {
      found.offer('outlet', credit.organisation, 'cover-page', 1);
      return false;
    }
    // A "Published …" line, or a date line printed again and again, is furniture; a lone date in
    // the text ("February 2025" heading a chronology) is part of it.
    const date = readDateLine(item.text);
    if (date?.labelled && item.page === 1) found.offer('publishedAt', date.date, 'printed-date', date.updated ? 2 : 1);
    const dateFurniture = date !== null && (date.labelled || (seen.get(item.text) ?? 0) > 1);
    return !dateFurniture && !isEndMarker(item.text) && !isSyndicationLine(item.text);
  });
}

/** "fr-CA", "fr_CA", "FR" → "fr"; anything that is not a language tag → null. */
export function languageCode(tag: string | null | undefined): string | null {
  const match = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*\s*$/i.exec(tag ?? '');
  return match ? match[1]!.toLowerCase() : null;
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
