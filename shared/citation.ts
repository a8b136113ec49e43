import type { CitationFields } from './source';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2023-04-13" → "April 13, 2023" (Canadian English long form); anything else passes through. */
export function formatLongDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const month = MONTHS[Number(match[2]) - 1];
  if (!month) return isoDate;
  return `${month} ${Number(match[3])}, ${match[1]}`;
}

function shortTitle(title: string): string {
  const words = title.split(/\s+/).filter(Boolean);
  return words.length <= 5 ? title : `${words.slice(0, 5).join(' ')}…`;
}

/**
 * The citation text of a footnote. The editor's footnote list and the DOCX exporter both call
 * this, so what the analyst sees is exactly what the minister's office receives.
 * Full form: Author, Outlet, “Title,” Date, URL.  Short form (a source cited again): Outlet, “Short title.”
 */
export function formatCitation(source: CitationFields, form: 'full' | 'short' = 'full'): string {
  const who = source.outlet ?? source.author;
  if (form === 'short') {
    const title = shortTitle(source.title);
    // A title cut with "…" (or already ending in a stop) takes no second full stop.
    return `${who ? `${who}, ` : ''}“${title}${/[.…?!]$/.test(title) ? '' : '.'}”`;
  }
  const parts: string[] = [];
  if (source.author && source.author !== source.outlet) parts.push(source.author);
  if (source.outlet) parts.push(source.outlet);
  const tail: string[] = [source.publishedAt ? formatLongDate(source.publishedAt) : 'n.d.'];
  if (source.url) tail.push(source.url);
  const end = tail.join(', ');
  return `${[...parts, `“${source.title},”`].join(', ')} ${end}${end.endsWith('.') ? '' : '.'}`;
}
