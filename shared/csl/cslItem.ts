import type { CitationFields } from '../source';

/**
 * A source as the Citation Style Language describes it (CSL-JSON, the shape Zotero, pandoc and
 * citeproc-js read). Every citation the app prints — the editor's footnote list, the Word
 * footnotes and the Sources list — is made from this one mapping of a source's facts.
 */
export interface CslName {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  /** An organisation, printed as written and never inverted ("Finance Canada"). */
  literal?: string;
}
export interface CslItem {
  id: string;
  type: string;
  title: string;
  'title-short'?: string;
  'container-title'?: string;
  publisher?: string;
  genre?: string;
  author?: CslName[];
  issued?: { 'date-parts': [[number, number?, number?]] };
  URL?: string;
}

/** The kinds of source a briefing note cites. */
export const SOURCE_KINDS = [
  'newspaper-article',
  'report',
  'web-page',
  'press-release',
  'transcript',
  'personal-communication',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const PRESS_RELEASE = /\b(press release|news release|media advisory)\b|communiqué|avis aux médias|déclaration/i;
const TRANSCRIPT = /\btranscripts?\b|\btranscription\b|\bverbatim\b|\bhansard\b|compte rendu/i;
const PERSONAL =
  /^(e-?mail|letter|memo|conversation|telephone call|phone call|courriel|lettre|note de service)\b|personal communication|communication personnelle/i;
const REPORT_TITLE =
  /\b(report|outlook|review|assessment|evaluation|audit|study|survey|bulletin|estimates|plan|strategy|framework|white paper|discussion paper|backgrounder)\b|rapport|perspectives|évaluation|étude|enquête|stratégie|document d'information/i;
const NEWS_OUTLET =
  /\b(news|press|presse|post|times|journal|herald|globe|star|devoir|gazette|sun|tribune|magazine|media|médias|radio|cbc|ctv|reuters|bloomberg|wire|daily|hebdo|actualité|nouvelles)\b|radio-canada/i;
const ORGANISATION =
  /\b(government|gouvernement|ministry|ministère|department|agency|agence|office|bureau|bank|banque|corporation|société|institute|institut|council|conseil|commission|authority|statistics|board|centre|center|association|foundation|fondation|canada|québec|ontario|university|université|secretariat|secrétariat|parliament|parlement)\b/i;

/**
 * The kind of a source, from its facts. The archive keeps no kind of its own yet, so it is read
 * from the title and the publisher's name; a stated kind (from metadata) wins.
 */
export function inferSourceKind(source: CitationFields, stated?: SourceKind | null): SourceKind {
  if (stated) return stated;
  const { title, outlet, url } = source;
  if (PERSONAL.test(title) && !url && !outlet) return 'personal-communication';
  if (PRESS_RELEASE.test(title) || (outlet && PRESS_RELEASE.test(outlet))) return 'press-release';
  if (TRANSCRIPT.test(title)) return 'transcript';
  const organisation = outlet !== null && ORGANISATION.test(outlet) && !NEWS_OUTLET.test(outlet);
  if (REPORT_TITLE.test(title) && (organisation || !outlet)) return 'report';
  if (organisation && (!source.author || source.author === outlet)) return 'report';
  if (outlet) return 'newspaper-article';
  return url ? 'web-page' : 'report';
}

// Written lower-case before a surname, they belong to it ("Ludwig van Beethoven", "Jean de Brébeuf").
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'du', 'des', 'la', 'le', 'da', 'di', 'del', 'dos', "d'"]);

/** "Jane Doe", "Doe, Jane" or an organisation, as CSL names (family/given, or literal). */
export function parseNames(author: string | null, organisation: string | null = null): CslName[] {
  const text = author?.replace(/^\s*(by|par)\s+/i, '').trim();
  if (!text) return [];
  if (text === organisation || ORGANISATION.test(text) || NEWS_OUTLET.test(text)) return [{ literal: text }];
  // "Doe, Jane" (one comma, one word before it) is a single inverted name, not two people.
  const inverted = /^([^,\s]+(?:[-'’][^,\s]+)?),\s*([^,]+)$/.exec(text);
  if (inverted && !/\s(and|et)\s/i.test(text)) return [{ family: inverted[1]!, given: inverted[2]!.trim() }];
  return text
    .split(/\s*(?:;|,|&|\band\b|\bet\b)\s*/i)
    .filter(Boolean)
    .map(personName);
}

function personName(name: string): CslName {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 1) return { literal: words[0]! };
  let cut = words.length - 1;
  while (cut > 1 && PARTICLES.has(words[cut - 1]!)) cut--;
  const particle = words.slice(cut, words.length - 1).join(' ');
  const given = words.slice(0, cut).join(' ');
  const family = words[words.length - 1]!;
  return particle ? { family, given, 'non-dropping-particle': particle } : { family, given };
}

// Words a short title does not end on (Chicago: the key words of the title).
const WEAK_ENDINGS = new Set([
  'a',
  'an',
  'the',
  'of',
  'in',
  'on',
  'for',
  'to',
  'and',
  'as',
  'at',
  'by',
  'with',
  'le',
  'la',
  'les',
  'un',
  'une',
  'des',
  'du',
  'de',
  'et',
  'en',
  'à',
  'au',
  'aux',
  'pour',
  'sur',
]);

// What a title says of its kind rather than its subject; a short title leaves it out.
const KIND_PREFIX =
  /^(?:(?:news|press|media) release|communiqué(?: de presse)?|avis aux médias|transcript(?:ion)?(?: of| de)?|verbatim(?: of| de)?|statement(?: by| on)?|déclaration(?: de| du| sur)?)\s*[:—–-]?\s+/i;
// An article opening a title is not one of its key words (Chicago: "The" is dropped).
const LEADING_ARTICLE = /^(?:(?:the|a|an|le|la|les)\s+|l['’](?=\S))/i;

/**
 * The title as later notes give it (Chicago 15.32: the key words, up to four, of the main title
 * without its subtitle); undefined when that is the whole title anyway.
 */
export function shortTitle(title: string): string | undefined {
  const subject = title.replace(KIND_PREFIX, '').replace(LEADING_ARTICLE, '');
  const main = subject.split(/\s*[:?!—–]\s+|\s+-\s+/)[0]!.trim();
  const words = main.split(/\s+/).filter(Boolean);
  let short = words.length > 4 ? words.slice(0, 4) : words;
  while (short.length > 1 && WEAK_ENDINGS.has(short[short.length - 1]!.toLowerCase())) short = short.slice(0, -1);
  const result = short.join(' ').replace(/[,;.]+$/, '');
  if (!result || result === title) return undefined;
  // Capitalised as the title was: a dropped "The" must not leave "prime Minister's".
  return title.startsWith(result) ? result : result.charAt(0).toUpperCase() + result.slice(1);
}

const GENRE: Record<'press-release' | 'transcript', Record<'en' | 'fr', string>> = {
  'press-release': { en: 'Press release', fr: 'Communiqué de presse' },
  transcript: { en: 'Transcript', fr: 'Transcription' },
};

// Citeproc reads these private-use characters as our run marks (see citationFormat.ts); a source
// cannot carry them in.
const RUN_MARKS = /[\uE000-\uE00F]/g;
const clean = (text: string): string => text.replace(RUN_MARKS, '').trim();

/**
 * The CSL-JSON item of a source. The publisher (outlet) is the newspaper of an article, the site
 * of a web page and the issuing body of a report or press release, which is also their author
 * when no person signed them. `language` is the note's: a genre is written in it.
 */
export function toCslItem(
  id: string,
  fields: CitationFields & { issued?: string | null },
  language: 'en' | 'fr' = 'en',
  stated?: SourceKind | null,
): CslItem {
  const source: CitationFields = {
    title: clean(fields.title),
    outlet: fields.outlet ? clean(fields.outlet) || null : null,
    author: fields.author ? clean(fields.author) || null : null,
    publishedAt: fields.publishedAt,
    url: fields.url ? clean(fields.url) || null : null,
  };
  const kind = inferSourceKind(source, stated);
  const item: CslItem = { id, type: CSL_TYPE[kind], title: source.title || '[untitled]' };
  const short = shortTitle(item.title);
  if (short) item['title-short'] = short;
  const byOrganisation = kind === 'report' || kind === 'press-release';
  let authors = parseNames(source.author, source.outlet);
  if (authors.length === 0 && byOrganisation && source.outlet) authors = [{ literal: source.outlet }];
  if (authors.length > 0) item.author = authors;
  // A body that signs what it issues is named once, as APA asks ("when the author and publisher
  // are the same, omit the publisher") and Chicago allows.
  const outletIsAuthor = authors.length === 1 && authors[0]!.literal === source.outlet;
  if (source.outlet && !outletIsAuthor) {
    if (kind === 'newspaper-article' || kind === 'web-page') item['container-title'] = source.outlet;
    else item.publisher = source.outlet;
  }
  if (kind === 'press-release' || kind === 'transcript') item.genre = GENRE[kind][language];
  const issued = dateParts(fields.publishedAt) ?? dateParts(fields.issued);
  if (issued) item.issued = { 'date-parts': [issued] };
  if (source.url) item.URL = source.url;
  return item;
}

/** The id of a citation snapshot's CSL item: equal snapshots share it, so citeproc formats them once. */
export function snapshotId(fields: CitationFields & { issued?: string | null }): string {
  const { title, outlet, author, publishedAt, url, issued } = fields;
  return JSON.stringify([title, outlet, author, publishedAt, url, issued ?? null]);
}

/**
 * CSL date-parts of "2025-02-05", "2025-02" or "2025": as precise as the source says, so a style
 * prints "February 2025" or "2025" and never a day nobody gave.
 */
export function dateParts(date: string | null | undefined): [number, number?, number?] | null {
  const match = date ? /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(\d{2}))?)?$/.exec(date) : null;
  if (!match) return null;
  const [, year, month, day] = match;
  if (!month) return [Number(year)];
  return day ? [Number(year), Number(month), Number(day)] : [Number(year), Number(month)];
}

const CSL_TYPE: Record<SourceKind, string> = {
  'newspaper-article': 'article-newspaper',
  report: 'report',
  'web-page': 'webpage',
  // CSL 1.0 has no press-release type: Zotero and the styles print it as a document with a genre.
  'press-release': 'article',
  transcript: 'speech',
  'personal-communication': 'personal_communication',
};
