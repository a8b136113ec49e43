import type { DeclaredMetadata } from '../article';
import { leadingIsoDate, validIsoDate } from '../dates';
import { collapsedText, type DomDocument } from './dom';

/**
 * What a saved page says about itself: <meta> tags (Open Graph, article:, citation_ as used by
 * journals and think tanks, Dublin Core, name=author…), schema.org JSON-LD, <time>, the canonical
 * link and <html lang>. Read before the page is sanitised, since sanitising drops the <head>;
 * values are only ever read as text.
 */
export function readHtmlMetadata(doc: DomDocument): DeclaredMetadata {
  const meta = metaValues(doc);
  const first = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = meta.get(key)?.find((v) => v !== '');
      if (value) return value;
    }
    return null;
  };
  const ld = jsonLdArticle(doc);
  const siteName = first(
    'og:site_name',
    'citation_journal_title',
    'citation_publisher',
    'dc.publisher',
    'application-name',
  );

  const metaTitle = first('citation_title', 'dc.title', 'dcterms.title', 'og:title', 'twitter:title', 'parsely-title');
  const metaDate = firstDate(
    first(
      'article:published_time',
      'citation_publication_date',
      'citation_date',
      'citation_online_date',
      'dc.date.issued',
      'dc.date',
      'dcterms.issued',
      'dcterms.created',
      'date',
      'pubdate',
      'publish-date',
      'publication_date',
      'parsely-pub-date',
      'sailthru.date',
    ),
    doc
      .querySelector('time[itemprop="datePublished"], time[pubdate], article time[datetime]')
      ?.getAttribute('datetime'),
  );
  const metaUrl = absoluteUrl(
    first('og:url', 'citation_public_url', 'citation_abstract_html_url', 'citation_fulltext_html_url') ??
      doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
  );
  const metaAuthor = readAuthor(meta);
  const kind = (fromMeta: unknown): 'meta-tag' | 'json-ld' => (fromMeta ? 'meta-tag' : 'json-ld');

  return {
    title: metaTitle ?? ld.headline ?? pageTitle(doc, siteName ?? ld.publisher),
    outlet: siteName ?? ld.publisher ?? titleSuffix(doc),
    author: metaAuthor ?? ld.author,
    publishedAt: metaDate ?? firstDate(ld.datePublished),
    url: metaUrl ?? absoluteUrl(ld.url),
    language:
      doc.documentElement.getAttribute('lang') ??
      first('content-language', 'dc.language', 'citation_language', 'og:locale') ??
      ld.inLanguage,
    evidence: {
      // <title> is declared in the page's head as much as a meta tag is.
      title: metaTitle || !ld.headline ? 'meta-tag' : 'json-ld',
      // A name after the <title>'s separator is probably the site's, but only probably.
      outlet: siteName ? 'meta-tag' : ld.publisher ? 'json-ld' : 'headline',
      author: kind(metaAuthor),
      publishedAt: kind(metaDate),
      url: kind(metaUrl),
      language: 'meta-tag',
    },
  };
}

/** Reads "2023-04-13", "2023-04-13T09:00:00Z", "2023/04/13"; the first value that is a real day. */
export function firstDate(...values: (string | null | undefined)[]): string | null {
  for (const value of values) {
    if (!value) continue;
    const iso = leadingIsoDate(value);
    if (iso) return iso;
    const slashed = /^\s*(\d{4})\/(\d{1,2})\/(\d{1,2})\b/.exec(value);
    const date = slashed ? validIsoDate(slashed[1]!, slashed[2]!, slashed[3]!) : null;
    if (date) return date;
  }
  return null;
}

function metaValues(doc: DomDocument): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const element of Array.from(doc.querySelectorAll('meta'))) {
    const key = (
      element.getAttribute('property') ??
      element.getAttribute('name') ??
      element.getAttribute('itemprop') ??
      element.getAttribute('http-equiv') ??
      ''
    )
      .trim()
      .toLowerCase();
    const content = (element.getAttribute('content') ?? '').replace(/\s+/g, ' ').trim();
    if (!key) continue;
    values.set(key, [...(values.get(key) ?? []), content]);
  }
  return values;
}

/** Every citation_author (journals list one per tag), else the first plain author field. */
function readAuthor(meta: Map<string, string[]>): string | null {
  const names = (meta.get('citation_author') ?? []).filter(isName);
  if (names.length > 0) return names.join(' and ');
  for (const key of [
    'author',
    'article:author',
    'dc.creator',
    'dcterms.creator',
    'parsely-author',
    'sailthru.author',
    'byl',
  ]) {
    const value = meta.get(key)?.map(stripBy).find(isName);
    if (value) return value;
  }
  return null;
}

const stripBy = (text: string): string => text.replace(/^(?:by|par)\s+/i, '').trim();
// article:author is often a profile URL rather than a name.
const isName = (text: string): boolean => text !== '' && text.length <= 300 && !/^(?:https?:)?\/\//i.test(text);

/** The site name most pages append to their <title>: "Headline | Valley Times". */
function titleSuffix(doc: DomDocument): string | null {
  const parts = doc.title
    .replace(/\s+/g, ' ')
    .trim()
    .split(/\s+[|–—·»-]\s+/);
  const last = parts.length >= 2 ? parts[parts.length - 1]!.trim() : '';
  return last !== '' && last.split(' ').length <= 5 && !/[.!?]$/.test(last) ? last : null;
}

/** <title> without the " | Site name" most sites append. */
function pageTitle(doc: DomDocument, siteName: string | null): string | null {
  const title = doc.title.replace(/\s+/g, ' ').trim();
  if (!title) {
    const h1 = doc.querySelectorAll('h1');
    return h1.length === 1 ? collapsedText(h1[0]!) || null : null;
  }
  const parts = title.split(/\s+[|–—:·»-]\s+/);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!;
  const isSiteName = siteName ? last.toLowerCase() === siteName.toLowerCase() : last.split(' ').length <= 4;
  return isSiteName ? title.slice(0, title.length - last.length).replace(/\s+[|–—:·»-]\s*$/, '') : title;
}

function absoluteUrl(value: string | null | undefined): string | null {
  const url = value?.trim() ?? '';
  return /^https?:\/\/[^\s<>"]+$/i.test(url) ? url : null;
}

interface LdArticle {
  headline: string | null;
  author: string | null;
  publisher: string | null;
  datePublished: string | null;
  url: string | null;
  inLanguage: string | null;
}

const ARTICLE_TYPES = /Article$|^BlogPosting$|^Report$|^WebPage$|^Posting$/;

/** The schema.org article a page describes in JSON-LD, if any; data only, never run. */
function jsonLdArticle(doc: DomDocument): LdArticle {
  const found: LdArticle = {
    headline: null,
    author: null,
    publisher: null,
    datePublished: null,
    url: null,
    inLanguage: null,
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const item = flattenGraph(data).find((node) => typesOf(node).some((type) => ARTICLE_TYPES.test(type)));
    if (!item) continue;
    return {
      headline: text(item.headline) ?? text(item.name),
      author: names(item.author),
      publisher: names(item.publisher),
      datePublished: text(item.datePublished) ?? text(item.dateCreated),
      url:
        text(item.url) ??
        text((item.mainEntityOfPage as Record<string, unknown> | undefined)?.['@id']) ??
        text(item.mainEntityOfPage),
      inLanguage: text(item.inLanguage),
    };
  }
  return found;
}

type LdNode = Record<string, unknown>;

function flattenGraph(data: unknown): LdNode[] {
  if (Array.isArray(data)) return data.flatMap(flattenGraph);
  if (!data || typeof data !== 'object') return [];
  const node = data as LdNode;
  return Array.isArray(node['@graph']) ? [node, ...flattenGraph(node['@graph'])] : [node];
}

function typesOf(node: LdNode): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : null;
}

/** "Jane Doe", {name: "Jane Doe"}, or a list of either, as "Jane Doe and John Roe". */
function names(value: unknown): string | null {
  const list = (Array.isArray(value) ? value : [value])
    .map((entry) => text(entry) ?? text((entry as LdNode | null)?.name))
    .filter((name): name is string => name !== null && isName(name));
  return list.length > 0 ? list.join(' and ') : null;
}
