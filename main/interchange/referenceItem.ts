import { type CslItem, type CslName, toCslItem } from '../../shared/csl/cslItem';
import { type CitationFields, citationFieldsOf, type MetadataField } from '../../shared/source';
import { foldForComparison } from '../../shared/text';

/**
 * One entry of a reference manager's library, whatever file it came in: a CSL-JSON item (the
 * shape shared/csl/cslItem.ts writes for citeproc) with the few fields Zotero adds that the
 * archive keeps (DOI, language) and a date that may be partial (a year, a month).
 */
export interface ReferenceItem extends Omit<CslItem, 'issued'> {
  issued?: { 'date-parts': [[number, number?, number?]] };
  DOI?: string;
  language?: string;
}

export interface ReferenceEntry {
  item: ReferenceItem;
  /** Attached files as the library names them (absolute, or relative to the exported file). */
  files: string[];
  /** The entry as written in the file, kept as the source's original. */
  original: string;
}

export type ReferenceFormat = 'csl-json' | 'ris' | 'bibtex';

/** A stored source, as export needs it, with what its library entry said beyond its fields (migration 150). */
export interface ExportableSource extends CitationFields {
  id: number;
  language: string | null;
  issued?: string | null;
  doi?: string | null;
  itemType?: string | null;
}

// CSL types whose outlet is the periodical or site they appear in; any other's is its publisher.
const CONTAINED_TYPES = new Set([
  'article-newspaper',
  'article-magazine',
  'article-journal',
  'webpage',
  'post',
  'post-weblog',
  'chapter',
  'entry-encyclopedia',
  'entry-dictionary',
]);

/**
 * The library's own facts over the archive's guesses: its CSL type (the outlet moved to
 * container-title or publisher to suit it), a date of only a year or month, and the DOI (the
 * URL left out when it is only the DOI's doi.org address, which import made of it).
 */
function withDetails(item: ReferenceItem, source: ExportableSource): void {
  if (source.itemType && source.itemType !== item.type) {
    const outlet = item['container-title'] ?? item.publisher;
    delete item['container-title'];
    delete item.publisher;
    item.type = source.itemType;
    if (outlet) item[CONTAINED_TYPES.has(item.type) ? 'container-title' : 'publisher'] = outlet;
  }
  if (!item.issued && source.issued) item.issued = datePartsOf(source.issued);
  if (source.doi) {
    item.DOI = source.doi;
    if (item.URL?.toLowerCase() === `https://doi.org/${source.doi.toLowerCase()}`) delete item.URL;
  }
}

/**
 * The item export writes for a source: the citation mapping (toCslItem) under a key made of the
 * metadata (author, year, first title word), never the archive's row id, so the same library
 * exported from two archives is the same file; plus the source's language.
 */
export function exportItems(sources: readonly ExportableSource[]): ReferenceItem[] {
  const used = new Map<string, number>();
  return sources.map((source) => {
    const language = source.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
    const item: ReferenceItem = toCslItem('', citationFieldsOf(source), language);
    withDetails(item, source);
    const base = citationKey(item);
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    item.id = seen === 0 ? base : `${base}${suffix(seen)}`;
    if (source.language) item.language = source.language;
    return item;
  });
}

/** a, b, …, z, aa, ab, … */
function suffix(n: number): string {
  let text = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) text = String.fromCharCode(97 + ((k - 1) % 26)) + text;
  return text;
}

const keyWord = (text: string | undefined): string =>
  foldForComparison(text ?? '')
    .replace(/[^a-z0-9\s]/g, '')
    .split(/\s+/)
    .find((word) => word.length > 3 || /^\d+$/.test(word)) ?? '';

function citationKey(item: ReferenceItem): string {
  const first = item.author?.[0];
  const who = keyWord(first?.family ?? first?.literal);
  const year = item.issued?.['date-parts'][0][0] ?? '';
  return `${who}${year}${keyWord(item.title)}` || 'source';
}

/** A name as the archive stores it: "Given particle Family", or the organisation as written. */
export function nameText(name: CslName): string {
  if (name.literal) return name.literal;
  return [name.given, name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
}

export type ReferenceValues = Record<MetadataField, string | null>;

const pad = (n: number) => String(n).padStart(2, '0');

/** The day an item was issued (YYYY-MM-DD), or null when the library gives less than a day. */
export function issuedDay(item: ReferenceItem): string | null {
  const [year, month, day] = item.issued?.['date-parts'][0] ?? [];
  if (!year || !month || !day) return null;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/**
 * The archive's fields from an entry: the inverse of toCslItem. A report or press release signed
 * only by an organisation (no publisher) was issued by it: it is the outlet, as import of a
 * document would have it.
 */
export function valuesOf(item: ReferenceItem): ReferenceValues {
  const names = item.author ?? [];
  let outlet = item['container-title'] ?? item.publisher ?? null;
  let author: string | null = names.map(nameText).filter(Boolean).join('; ') || null;
  const organisation = names.length === 1 ? names[0]!.literal : undefined;
  if (!outlet && organisation && ['report', 'article'].includes(item.type)) {
    outlet = organisation;
    author = null;
  }
  const doi = bareDoi(item.DOI);
  return {
    title: item.title.trim(),
    outlet: outlet?.trim() || null,
    author,
    publishedAt: issuedDay(item),
    language: item.language?.trim() || null,
    url: item.URL?.trim() || (doi ? `https://doi.org/${doi}` : null),
  };
}

/** "https://doi.org/10.1/x", "doi:10.1/x" or "10.1/x": the DOI itself, or null when there is none. */
export function bareDoi(text: string | undefined): string | null {
  const match = /\b(10\.\d{4,9}\/\S+)/.exec(text?.trim() ?? '');
  return match ? match[1]!.replace(/[.,;]+$/, '').slice(0, 300) : null;
}

/** A date-parts array from text: "2025-02-05", "2025/02/05/", "2025-02", "2025". */
export function datePartsOf(text: string | undefined): ReferenceItem['issued'] {
  const match = /^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?/.exec(text ?? '');
  if (!match) return undefined;
  const parts = [Number(match[1]), match[2] ? Number(match[2]) : 0, match[3] ? Number(match[3]) : 0];
  const [year, month, day] = parts as [number, number, number];
  if (month < 1 || month > 12) return { 'date-parts': [[year]] };
  if (day < 1 || day > 31) return { 'date-parts': [[year, month]] };
  return { 'date-parts': [[year, month, day]] };
}

/** An ISO-like text of an item's date, as precise as it is ("2025", "2025-02", "2025-02-05"). */
export function dateText(item: ReferenceItem): string | null {
  const parts = item.issued?.['date-parts'][0];
  if (!parts?.[0]) return null;
  return parts
    .filter((n): n is number => typeof n === 'number' && n > 0)
    .map((n, i) => (i === 0 ? String(n).padStart(4, '0') : pad(n)))
    .join('-');
}

/** "de la Tour" + "Jean-Pierre": the lower-case words before the surname are its particle. */
export function invertedName(familyPart: string, given: string): CslName {
  const words = familyPart.trim().split(/\s+/);
  let cut = 0;
  while (cut < words.length - 1 && /^\p{Ll}/u.test(words[cut]!)) cut++;
  const family = words.slice(cut).join(' ');
  const particle = words.slice(0, cut).join(' ');
  if (!given.trim()) return { literal: family };
  return particle
    ? { family, given: given.trim(), 'non-dropping-particle': particle }
    : { family, given: given.trim() };
}

/** A person as "particle Family, Given" (RIS and BibTeX); an organisation as written. */
export function invertedText(name: CslName): string {
  if (name.literal) return name.literal;
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  return name.given ? `${family}, ${name.given}` : family;
}
