import type { CslName } from '../../shared/csl/cslItem';
import { datePartsOf, type ReferenceEntry, type ReferenceItem } from './referenceItem';

/** CSL-JSON as Zotero and pandoc write it: an array of items, two-space indented. */
export function writeCslJson(items: readonly ReferenceItem[]): string {
  return `${JSON.stringify(items, null, 2)}\n`;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

function names(value: unknown): CslName[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = value.flatMap((raw): CslName[] => {
    if (!raw || typeof raw !== 'object') return [];
    const name = raw as Record<string, unknown>;
    const literal = text(name.literal);
    if (literal) return [{ literal }];
    const family = text(name.family);
    const given = text(name.given);
    const particle = text(name['non-dropping-particle']) ?? text(name['dropping-particle']);
    if (!family && !given) return [];
    if (!given) return [{ literal: family! }];
    return [{ family: family ?? '', given, ...(particle ? { 'non-dropping-particle': particle } : {}) }];
  });
  return list.length > 0 ? list : undefined;
}

function issued(value: unknown): ReferenceItem['issued'] {
  if (!value || typeof value !== 'object') return undefined;
  const date = value as Record<string, unknown>;
  const parts = Array.isArray(date['date-parts']) ? date['date-parts'][0] : undefined;
  // Zotero writes numbers; some tools write strings ("2025", "2").
  if (Array.isArray(parts) && parts.length > 0) return datePartsOf(parts.map((p) => text(p) ?? '').join('-'));
  return datePartsOf(text(date.raw) ?? text(date.literal));
}

/** The items of a CSL-JSON file (an array, or one item); anything that is not one is refused. */
export function readCslJson(source: string): ReferenceEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch {
    throw new Error('not a CSL-JSON file (it is not valid JSON)');
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (!list.every((raw) => raw && typeof raw === 'object' && typeof (raw as { type?: unknown }).type === 'string')) {
    throw new Error('not a CSL-JSON file (each item needs a "type")');
  }
  return (list as Record<string, unknown>[]).map((raw) => {
    const item: ReferenceItem = { id: text(raw.id) ?? '', type: text(raw.type)!, title: text(raw.title) ?? '' };
    const optional: [keyof ReferenceItem, string | undefined][] = [
      ['title-short', text(raw['title-short'])],
      ['container-title', text(raw['container-title'])],
      ['publisher', text(raw.publisher)],
      ['genre', text(raw.genre)],
      ['URL', text(raw.URL)],
      ['DOI', text(raw.DOI)],
      ['language', text(raw.language)],
    ];
    const author = names(raw.author);
    if (author) item.author = author;
    const date = issued(raw.issued);
    if (date) item.issued = date;
    for (const [key, value] of optional) if (value) (item as unknown as Record<string, string>)[key] = value;
    return { item, files: [], original: JSON.stringify(raw, null, 2) };
  });
}
