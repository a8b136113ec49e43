/** A filter written in the query (outlet:, tag:, after: …), shown as a removable chip. */
export interface QueryChip {
  label: string;
  /** The exact text of the filter in the query, removed when the chip is dismissed. */
  raw: string;
}

const FILTER = /(^|\s)(-?(?:outlet|author|lang|tag|after|before|cluster):(?:"[^"]*"?|\S+))/giu;

export function queryChips(query: string): QueryChip[] {
  return Array.from(query.matchAll(FILTER), (match) => {
    const raw = match[2] ?? '';
    const [name, ...rest] = raw.split(':');
    return { raw, label: `${name}: ${rest.join(':').replace(/^"|"$/g, '')}` };
  });
}

export function withoutChip(query: string, chip: QueryChip): string {
  const at = query.indexOf(chip.raw);
  if (at === -1) return query;
  return `${query.slice(0, at)}${query.slice(at + chip.raw.length)}`.replace(/\s{2,}/g, ' ').trim();
}

/** Adds a filter for a value, quoting it when it has spaces. */
export function withFilter(query: string, name: string, value: string): string {
  const filter = `${name}:${/\s/.test(value) ? `"${value.replace(/"/g, '')}"` : value}`;
  return query.includes(filter) ? query : `${query.trim()} ${filter}`.trim();
}
