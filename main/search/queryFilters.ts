/**
 * Reading filter values (after:, before:, lang:, cluster:) into what the search can bind.
 * Each returns null for a value it cannot use; the parser then says so in a notice.
 */

const ISO_DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/**
 * The first day a date filter value covers, as YYYY-MM-DD: 2023 → 2023-01-01, 2023-04 →
 * 2023-04-01. `after:` keeps sources on or after it; `before:` keeps those before it, so
 * `after:2023 before:2024` is the year 2023. Null for anything that is not a real date.
 */
export function dateBound(value: string): string | null {
  const match = ISO_DATE.exec(value.trim().replace(/\//g, '-'));
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  anglais: 'en',
  eng: 'en',
  french: 'fr',
  francais: 'fr',
  fre: 'fr',
  fra: 'fr',
};

/** The language code to look for: `fr`, `french` and `français` all mean fr. */
export function languageCode(value: string): string | null {
  const folded = value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim();
  if (!/^[a-z]{2,12}(?:-[a-z]{2,8})?$/.test(folded)) return null;
  return LANGUAGE_NAMES[folded] ?? folded;
}

/**
 * A cluster is named by a source id ("cluster:42" or "cluster:#42"): normally its head's, which
 * is what SearchHit.clusterId gives, but any member's id finds the same cluster.
 */
export function clusterId(value: string): number | null {
  const match = /^#?(\d{1,15})$/.exec(value.trim());
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
