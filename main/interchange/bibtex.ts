import type { CslName } from '../../shared/csl/cslItem';
import { fromLatex, toLatex } from './latex';
import {
  datePartsOf,
  dateText,
  invertedName,
  invertedText,
  type ReferenceEntry,
  type ReferenceItem,
} from './referenceItem';

/**
 * BibTeX as Zotero writes it: `@type{key, field = {value}, …}`, names joined by "and", an
 * organisation in braces, attachments in `file` ("description:path:mime", ";"-separated). The
 * day is kept in `date` (BibLaTeX's field, which pandoc and Zotero read) besides year and month.
 */
const TYPE_TO_BIBTEX: Record<string, string> = {
  'article-newspaper': 'article',
  'article-magazine': 'article',
  'article-journal': 'article',
  report: 'techreport',
  book: 'book',
  chapter: 'incollection',
  thesis: 'phdthesis',
  webpage: 'online',
};
// BibLaTeX tells the kinds of @article apart by entrysubtype (pandoc reads newspaper and magazine
// so); a plain @article is read as a newspaper article, the kind Zotero's BibTeX export gives most.
const ARTICLE_SUBTYPE: Record<string, string> = {
  'article-newspaper': 'newspaper',
  'article-magazine': 'magazine',
  'article-journal': 'journal',
};
const BIBTEX_TO_TYPE: Record<string, string> = {
  article: 'article-newspaper',
  techreport: 'report',
  report: 'report',
  book: 'book',
  incollection: 'chapter',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  online: 'webpage',
  electronic: 'webpage',
  www: 'webpage',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const nameOut = (name: CslName) => (name.literal ? `{${toLatex(name.literal)}}` : toLatex(invertedText(name)));

export function writeBibtex(items: readonly ReferenceItem[]): string {
  return items
    .map((item) => {
      const type = TYPE_TO_BIBTEX[item.type] ?? 'misc';
      const fields: [string, string][] = [['title', `{${toLatex(item.title)}}`]];
      const subtype = ARTICLE_SUBTYPE[item.type];
      if (subtype) fields.push(['entrysubtype', `{${subtype}}`]);
      if (item.author?.length) fields.push(['author', `{${item.author.map(nameOut).join(' and ')}}`]);
      if (item['container-title']) fields.push(['journal', `{${toLatex(item['container-title'])}}`]);
      if (item.publisher)
        fields.push([type === 'techreport' ? 'institution' : 'publisher', `{${toLatex(item.publisher)}}`]);
      if (item.genre) fields.push(['type', `{${toLatex(item.genre)}}`]);
      const date = dateText(item);
      if (date) {
        const [year, month] = date.split('-');
        fields.push(['year', `{${year}}`]);
        if (month) fields.push(['month', MONTHS[Number(month) - 1]!]);
        fields.push(['date', `{${date}}`]);
      }
      if (item.URL) fields.push(['url', `{${item.URL.replace(/[{}]/g, encodeURIComponent)}}`]);
      if (item.DOI) fields.push(['doi', `{${toLatex(item.DOI)}}`]);
      if (item.language) fields.push(['langid', `{${toLatex(item.language)}}`]);
      const body = fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n');
      return `@${type}{${item.id},\n${body}\n}\n`;
    })
    .join('\n');
}

/** Splits at `separator` where braces are balanced (outside any group). */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0) {
      separator.lastIndex = i;
      const match = separator.exec(text);
      if (match && match.index === i) {
        parts.push(text.slice(start, i));
        start = i + match[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** One name: "{Finance Canada}", "Doe, Jane", "de la Tour, Jean-Pierre", "Jane Doe". */
function nameIn(raw: string): CslName | null {
  const text = raw.trim();
  if (!text) return null;
  if (/^\{.*\}$/s.test(text) && splitTopLevel(text.slice(1, -1), /,/y).length === 1 && !/^\{\\/.test(text)) {
    return { literal: fromLatex(text) };
  }
  const parts = splitTopLevel(text, /,/y).map(fromLatex);
  if (parts.length >= 2) return invertedName(parts[0]!, parts[parts.length - 1]!);
  const words = splitTopLevel(text, /\s+/y).map(fromLatex).filter(Boolean);
  if (words.length === 1) return { literal: words[0]! };
  let cut = words.length - 1;
  while (cut > 1 && /^\p{Ll}/u.test(words[cut - 1]!)) cut--;
  return invertedName(words.slice(cut).join(' '), words.slice(0, cut).join(' '));
}

/** Zotero's `file` field: "Full Text PDF:/path/x.pdf:application/pdf;…" with ":" and ";" escaped. */
function filesIn(value: string): string[] {
  return value
    .split(/(?<!\\);/)
    .map((spec) => {
      const parts = spec.split(/(?<!\\):/);
      const path = parts.length >= 3 ? parts.slice(1, -1).join(':') : parts.length === 2 ? parts[1]! : parts[0]!;
      return path.replace(/\\([:;\\])/g, '$1').trim();
    })
    .filter(Boolean);
}

/** The value after `=`: {…}, "…", a number or a macro (months), joined by #. */
function readValue(text: string, at: number): { value: string; end: number } {
  let i = at;
  let value = '';
  for (;;) {
    while (/\s/.test(text[i] ?? '')) i++;
    const c = text[i];
    if (c === '{' || c === '"') {
      const close = c === '{' ? '}' : '"';
      let depth = 0;
      const start = ++i;
      while (i < text.length && !(text[i] === close && depth === 0)) {
        if (text[i] === '\\') i++;
        else if (text[i] === '{') depth++;
        else if (text[i] === '}') depth--;
        i++;
      }
      value += text.slice(start, i);
      i++;
    } else {
      const word = /^[^\s,#}]+/.exec(text.slice(i))?.[0] ?? '';
      const month = MONTHS.indexOf(word.toLowerCase().slice(0, 3));
      value += /^\d+$/.test(word) ? word : month >= 0 ? String(month + 1) : '';
      i += word.length;
    }
    while (/\s/.test(text[i] ?? '')) i++;
    if (text[i] !== '#') return { value, end: i };
    i++;
  }
}

/** The entries of a BibTeX (or BibLaTeX) file; @comment, @string and @preamble are skipped. */
export function readBibtex(source: string): ReferenceEntry[] {
  const entries: ReferenceEntry[] = [];
  const start = /@\s*([a-zA-Z]+)\s*[{(]/g;
  for (let match = start.exec(source); match; match = start.exec(source)) {
    const type = match[1]!.toLowerCase();
    if (['comment', 'string', 'preamble'].includes(type)) continue;
    const fields = new Map<string, string>();
    let i = start.lastIndex;
    const key = /^\s*([^,\s}]*)\s*,?/.exec(source.slice(i))!;
    i += key[0].length;
    for (;;) {
      const field = /^\s*([a-zA-Z][\w:-]*)\s*=/.exec(source.slice(i));
      if (!field) break;
      const { value, end } = readValue(source, i + field[0].length);
      fields.set(field[1]!.toLowerCase(), value);
      i = end;
      if (source[i] === ',') i++;
    }
    while (i < source.length && !'})'.includes(source[i]!)) i++;
    entries.push(entryOf(type, key[1]!, fields, source.slice(match.index, i + 1)));
    start.lastIndex = i + 1;
  }
  if (entries.length === 0) throw new Error('not a BibTeX file (no @type{key, …} entry)');
  return entries;
}

function entryOf(type: string, key: string, fields: Map<string, string>, original: string): ReferenceEntry {
  const get = (...names: string[]) => {
    for (const name of names) {
      const value = fields.get(name);
      if (value !== undefined && fromLatex(value)) return fromLatex(value);
    }
    return undefined;
  };
  const subtype = type === 'article' ? get('entrysubtype')?.toLowerCase() : undefined;
  const item: ReferenceItem = {
    id: key,
    type:
      Object.entries(ARTICLE_SUBTYPE).find(([, name]) => name === subtype)?.[0] ?? BIBTEX_TO_TYPE[type] ?? 'article',
    title: get('title') ?? '',
  };
  const author = fields.get('author');
  if (author) {
    const names = splitTopLevel(author, /\s+and\s+/iy)
      .map(nameIn)
      .filter((n): n is CslName => n !== null);
    if (names.length > 0) item.author = names;
  }
  const optional: [keyof ReferenceItem, string | undefined][] = [
    ['container-title', get('journal', 'journaltitle', 'booktitle')],
    ['publisher', get('publisher', 'institution', 'organization')],
    ['genre', get('type')],
    ['URL', fields.get('url')?.trim()],
    ['DOI', get('doi')],
    ['language', get('langid', 'language')],
  ];
  for (const [field, value] of optional) if (value) (item as unknown as Record<string, string>)[field] = value;
  const year = get('year');
  const issued =
    datePartsOf(get('date')) ??
    (year ? datePartsOf([year, get('month'), get('day')].filter(Boolean).join('-')) : undefined);
  if (issued) item.issued = issued;
  return { item, files: fields.has('file') ? filesIn(fields.get('file')!) : [], original };
}
