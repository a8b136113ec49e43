import type { IntlShape } from 'react-intl';

/**
 * A source's publication date in the interface language ("April 13, 2023", "13 avril 2023"). A
 * month alone is shown as a month; a year or an unusual date as stored: inventing a day or month
 * would misstate it.
 */
export function sourceDate(intl: IntlShape, isoDate: string): string {
  // A month alone ("2024-03") reads "March 2024" / « mars 2024 », with no day.
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(isoDate);
  if (month) {
    const utc = Date.UTC(Number(month[1]), Number(month[2]) - 1, 1);
    return intl.formatDate(utc, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return intl.formatDate(utc, { dateStyle: 'long', timeZone: 'UTC' });
}

/** A source's date as shown beside it: its day when known, else the year or month; null when unknown. */
export function shownDate(
  intl: IntlShape,
  dated: { publishedAt?: string | null; issued?: string | null },
): string | null {
  const date = dated.publishedAt ?? dated.issued ?? null;
  return date ? sourceDate(intl, date) : null;
}
