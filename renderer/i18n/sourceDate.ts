import type { IntlShape } from 'react-intl';

/**
 * A source's publication date in the interface language ("April 13, 2023", "13 avril 2023"). A
 * partial or unusual date is shown as stored: inventing a day or month would misstate it.
 */
export function sourceDate(intl: IntlShape, isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return intl.formatDate(utc, { dateStyle: 'long', timeZone: 'UTC' });
}
