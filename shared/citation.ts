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

/** What a footnote adds to the bibliographic facts: where in the source, and how far it is trusted. */
export interface CitationExtras {
  /** The page of a paginated source (PDF) the passage is on; printed "p. 3". */
  page?: number | null;
  /** The source's Admiralty grade, e.g. "B2" (gradeLabel); printed after the citation as "[B2]". */
  grade?: string | null;
}

/**
 * The citation text of a footnote. The editor's footnote list and the DOCX exporter both call
 * this, so what the analyst sees is exactly what the minister's office receives.
 * Full form: Author, Outlet, “Title,” Date, URL, p. 3.  Short form (a source cited again):
 * Outlet, “Short title.” (or Outlet, “Short title,” p. 3.). Either ends with " [B2]" when graded.
 * Without extras the text is what it always was, so existing notes read the same.
 */
export function formatCitation(
  source: CitationFields,
  form: 'full' | 'short' = 'full',
  extras: CitationExtras = {},
): string {
  const page = extras.page && extras.page > 0 ? `p. ${extras.page}` : null;
  const grade = extras.grade ? ` [${extras.grade}]` : '';
  const who = source.outlet ?? source.author;
  if (form === 'short') {
    const title = shortTitle(source.title);
    const prefix = `${who ? `${who}, ` : ''}“${title}`;
    if (page) return `${prefix},” ${page}.${grade}`;
    // A title cut with "…" (or already ending in a stop) takes no second full stop.
    return `${prefix}${/[.…?!]$/.test(title) ? '' : '.'}”${grade}`;
  }
  const parts: string[] = [];
  if (source.author && source.author !== source.outlet) parts.push(source.author);
  if (source.outlet) parts.push(source.outlet);
  const tail: string[] = [source.publishedAt ? formatLongDate(source.publishedAt) : 'n.d.'];
  if (source.url) tail.push(source.url);
  if (page) tail.push(page);
  const end = tail.join(', ');
  return `${[...parts, `“${source.title},”`].join(', ')} ${end}${end.endsWith('.') ? '' : '.'}${grade}`;
}

/**
 * The Admiralty grade as printed ("B2"), or null unless both halves are set: a lone letter or
 * digit would read as a different code, and guessing the other half would overstate the analysis.
 */
export function gradeLabel(reliability: string | null, credibility: number | null): string | null {
  return reliability && credibility ? `${reliability}${credibility}` : null;
}
