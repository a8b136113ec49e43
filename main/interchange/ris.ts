import {
  datePartsOf,
  dateText,
  invertedName,
  invertedText,
  type ReferenceEntry,
  type ReferenceItem,
} from './referenceItem';

/**
 * RIS, the tagged format every reference manager reads (Zotero's RIS translator is the model:
 * `TY  - NEWS`, one tag per line, `ER  - ` closing each entry, dates as YYYY/MM/DD/).
 */
const TYPE_TO_RIS: Record<string, string> = {
  'article-newspaper': 'NEWS',
  'article-magazine': 'MGZN',
  'article-journal': 'JOUR',
  report: 'RPRT',
  webpage: 'ELEC',
  personal_communication: 'PCOMM',
  book: 'BOOK',
  chapter: 'CHAP',
  thesis: 'THES',
  // Zotero's presentation, whose CSL type is speech: a transcript's kind.
  speech: 'SLIDE',
  article: 'GEN',
};
const RIS_TO_TYPE: Record<string, string> = {
  ...Object.fromEntries(Object.entries(TYPE_TO_RIS).map(([csl, ris]) => [ris, csl])),
  WEB: 'webpage',
  ICOMM: 'personal_communication',
};

const line = (tag: string, value: string) => `${tag}  - ${value.replace(/\s*[\r\n]+\s*/g, ' ')}`;

export function writeRis(items: readonly ReferenceItem[]): string {
  return items
    .map((item) => {
      const lines = [line('TY', TYPE_TO_RIS[item.type] ?? 'GEN'), line('ID', item.id), line('TI', item.title)];
      for (const name of item.author ?? []) lines.push(line('AU', invertedText(name)));
      if (item['container-title']) lines.push(line('T2', item['container-title']));
      if (item.publisher) lines.push(line('PB', item.publisher));
      if (item.genre) lines.push(line('M3', item.genre));
      const date = dateText(item);
      if (date) {
        const parts = date.split('-');
        lines.push(line('PY', parts[0]!));
        lines.push(line('DA', `${parts.join('/')}/`));
      }
      if (item.URL) lines.push(line('UR', item.URL));
      if (item.DOI) lines.push(line('DO', item.DOI));
      if (item.language) lines.push(line('LA', item.language));
      lines.push('ER  - ');
      return `${lines.join('\r\n')}\r\n`;
    })
    .join('\r\n');
}

const TAG = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/;

/** The entries of a RIS file; a file with no `TY  - ` entry is refused. */
export function readRis(source: string): ReferenceEntry[] {
  const entries: ReferenceEntry[] = [];
  let tags: [string, string][] | null = null;
  let lines: string[] = [];
  for (const raw of source.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const match = TAG.exec(raw.trimEnd());
    if (!match) continue;
    const [, tag, value = ''] = match;
    if (tag === 'TY') {
      tags = [];
      lines = [];
    }
    if (!tags) continue;
    lines.push(raw);
    if (tag === 'ER') {
      entries.push(entryOf(tags, lines));
      tags = null;
    } else tags.push([tag!, value.trim()]);
  }
  if (entries.length === 0) throw new Error('not a RIS file (no entry begins with a TY tag)');
  return entries;
}

function entryOf(tags: [string, string][], lines: string[]): ReferenceEntry {
  const all = (...names: string[]) => tags.filter(([t, v]) => names.includes(t) && v).map(([, v]) => v);
  const first = (...names: string[]) => all(...names)[0];
  const item: ReferenceItem = {
    id: first('ID') ?? '',
    type: RIS_TO_TYPE[first('TY') ?? ''] ?? 'article',
    title: first('TI', 'T1', 'CT') ?? '',
  };
  const authors = all('AU', 'A1').map((text) => {
    const [family, ...given] = text.split(',');
    return given.length > 0 ? invertedName(family!, given[0]!) : { literal: text };
  });
  if (authors.length > 0) item.author = authors;
  const container = first('T2', 'JO', 'JF', 'JA', 'BT');
  if (container) item['container-title'] = container;
  const optional: [keyof ReferenceItem, string | undefined][] = [
    ['publisher', first('PB')],
    ['genre', first('M3')],
    ['URL', first('UR')],
    ['DOI', first('DO')],
    ['language', first('LA')],
  ];
  for (const [key, value] of optional) if (value) (item as unknown as Record<string, string>)[key] = value;
  // The most precise of the dates given: DA (YYYY/MM/DD/) over PY/Y1 (often the year alone).
  const dates = all('DA', 'PY', 'Y1')
    .map(datePartsOf)
    .filter((d) => d !== undefined);
  const issued = dates.sort((a, b) => b['date-parts'][0].length - a['date-parts'][0].length)[0];
  if (issued) item.issued = issued;
  return { item, files: all('L1', 'L4').map(filePath), original: lines.join('\n') };
}

/** Zotero writes attachments as plain paths, sometimes as file:// URLs. */
export function filePath(text: string): string {
  if (!text.startsWith('file://')) return text;
  try {
    return decodeURIComponent(new URL(text).pathname);
  } catch {
    return text;
  }
}
