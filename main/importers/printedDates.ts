import { foldForComparison } from '../../shared/text';
import { validIsoDate } from './dates';

/**
 * Dates as documents print them, in English and French: "February 27, 2025", "Feb. 27, 2025",
 * "27 février 2025", "1er mars 2025", "jeudi 27 février 2025", "2025-02-27", and, on report
 * covers, a month alone ("February 2025", "février 2025", read as "2025-02": no day is made up).
 */
const MONTHS: Record<string, number> = {};
const NAMES = [
  ['january', 'jan', 'janvier', 'janv'],
  ['february', 'feb', 'fevrier', 'fevr', 'fev'],
  ['march', 'mar', 'mars'],
  ['april', 'apr', 'avril', 'avr'],
  ['may', 'mai'],
  ['june', 'jun', 'juin'],
  ['july', 'jul', 'juillet', 'juil', 'juill'],
  ['august', 'aug', 'aout'],
  ['september', 'sep', 'sept', 'septembre'],
  ['october', 'oct', 'octobre'],
  ['november', 'nov', 'novembre'],
  ['december', 'dec', 'decembre'],
];
NAMES.forEach((names, index) => {
  for (const name of names) MONTHS[name] = index + 1;
});
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const WEEKDAY =
  '(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\\.?,?\\s+)?';
const YEAR = '((?:19|20)\\d{2})';

// Matched against folded text (lower case, no accents), which keeps every offset.
const PATTERNS: { pattern: RegExp; read: (m: RegExpExecArray) => [string, string, string] | null; month?: true }[] = [
  { pattern: new RegExp(`\\b${YEAR}-(\\d{1,2})-(\\d{1,2})\\b`), read: (m) => [m[1]!, m[2]!, m[3]!] },
  { pattern: new RegExp(`\\b${YEAR}/(\\d{1,2})/(\\d{1,2})\\b`), read: (m) => [m[1]!, m[2]!, m[3]!] },
  {
    pattern: new RegExp(`\\b${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}\\b`),
    read: (m) => [m[3]!, String(MONTHS[m[1]!]), m[2]!],
  },
  {
    pattern: new RegExp(`\\b${WEEKDAY}(?:le\\s+)?(\\d{1,2})(?:er|st|nd|rd|th)?\\s+${MONTH},?\\s+${YEAR}\\b`),
    read: (m) => [m[3]!, String(MONTHS[m[2]!]), m[1]!],
  },
  // A month alone, not the tail of a date whose day is impossible ("31 February 2025").
  {
    pattern: new RegExp(`(?<!\\d(?:er)?\\s?)\\b${MONTH},?\\s+${YEAR}\\b`),
    read: (m) => [m[2]!, String(MONTHS[m[1]!]), '1'],
    month: true,
  },
];

export interface FoundDate {
  date: string;
  /** Where the date is written in the text it was found in. */
  index: number;
  length: number;
  /** A month alone ("February 2025"): `date` is then "2025-02", with no day. */
  monthOnly: boolean;
}

/** The first date written in the text, or null. */
export function findDate(text: string): FoundDate | null {
  const folded = foldForComparison(text);
  let best: FoundDate | null = null;
  for (const { pattern, read, month } of PATTERNS) {
    const match = pattern.exec(folded);
    if (!match) continue;
    const parts = read(match);
    const date = parts ? validIsoDate(parts[0], parts[1], parts[2]) : null;
    if (!date) continue;
    // A month alone stays a month ("2025-02"): a citation must not print a day nobody gave.
    const found = {
      date: month ? date.slice(0, 7) : date,
      index: match.index,
      length: match[0].length,
      monthOnly: month === true,
    };
    // A full date beats a month at the same place ("February 27, 2025" contains "February … 2025").
    if (!best || (best.monthOnly && !found.monthOnly) || (found.index < best.index && !found.monthOnly)) best = found;
  }
  return best;
}

const PUBLISHED_LABEL =
  /^(?:published|posted|released|issued|date(?: of publication| published)?|first published|originally published|publication date|publie|publiee|date de publication|diffuse|mis en ligne|paru)\b(?:\s+(?:on|le))?\s*:?\s*/;
const UPDATED_LABEL =
  /^(?:updated|last updated|modified|last modified|revised|mis a jour|mise a jour|derniere mise a jour|modifie)\b(?:\s+(?:on|le))?\s*:?\s*/;
const TIME_TAIL =
  /^[\s,|·•–—-]*(?:(?:at|a)\s+)?(?:\d{1,2}(?::\d{2}|\s*h\s*\d{0,2})(?:\s*[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?)(?:\s*\(?(?:[a-z]{1,5}t|gmt|utc|hne|hae|hnp|hap)\)?)?\s*$/;

export interface DateLine {
  date: string;
  monthOnly: boolean;
  /** Marked as an update: weaker than a publication date. */
  updated: boolean;
  /** Carried a "Published"-style label, or stood alone as a cover date. */
  labelled: boolean;
}

/**
 * A line that is only a date, perhaps with a label ("Published:", "Publié le", "Updated"), a
 * weekday, a time ("2:12 p.m. ET", "14 h 12") or a place in front ("Ottawa, Ontario, "): the
 * printed date of a page or a cover. Sentences that mention a date are not date lines.
 */
export function readDateLine(line: string): DateLine | null {
  // "Posted: Jul 10, 2025 5:00 AM EDT | Last Updated: July 10": a line of dates, the first one whole.
  const segments = line.split(/\s+[|·•]\s+/);
  if (segments.length > 1 && segments.length <= 3) {
    const dates = segments.map(readDateSegment);
    const rest = segments.slice(1);
    const onlyDates = rest.every((segment, i) => dates[i + 1] !== null || /^(?:last )?updated\b/i.test(segment.trim()));
    if (dates[0] && onlyDates) return dates[0];
  }
  return readDateSegment(line);
}

function readDateSegment(line: string): DateLine | null {
  const trimmed = line.trim();
  if (trimmed.length > 90) return null;
  const folded = foldForComparison(trimmed).replace(/^[\s|·•–—-]+/, '');
  const updated = UPDATED_LABEL.exec(folded);
  const published = updated ? null : PUBLISHED_LABEL.exec(folded);
  const label = updated ?? published;
  const rest = label ? folded.slice(label[0].length) : folded;
  const found = findDate(rest);
  if (!found) return null;
  const before = rest.slice(0, found.index);
  const after = rest.slice(found.index + found.length);
  // What may stand before the date: a place ("ottawa, ontario, ") or nothing.
  if (before.trim() !== '' && !/^[\p{L} .'-]{2,40}(?:,\s*[\p{L} .'-]{2,30})?,\s*$/u.test(before)) return null;
  if (before.trim() !== '' && label) return null;
  if (after.trim() !== '' && !TIME_TAIL.test(after) && !/^[\s.,]*$/.test(after)) return null;
  return { date: found.date, monthOnly: found.monthOnly, updated: updated !== null, labelled: label !== null };
}
