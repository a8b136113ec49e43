import { type FilterName, type FilterToken, filterNamed, tokenize } from '../../shared/queryTokens';

/** A filter written in the query (outlet:, by:, language: …), shown as a removable chip. */
export interface QueryChip {
  label: string;
  /** Where the filter is in the query, as search reads it: removing the chip removes exactly this. */
  start: number;
  end: number;
}

/** The query's filters, read by the same tokenizer search uses, so every filter it applies is shown. */
export function queryChips(query: string): QueryChip[] {
  return tokenize(query)
    .tokens.filter((token): token is FilterToken => token.kind === 'filter')
    .map((token) => ({
      label: `${token.negated ? '-' : ''}${token.typedName.toLowerCase()}: ${token.value}${token.prefix ? '*' : ''}`,
      start: token.start,
      end: token.end,
    }));
}

/** The query without the chip's filter; the space either side of it becomes one. */
export function withoutChip(query: string, chip: QueryChip): string {
  const before = query.slice(0, chip.start).trimEnd();
  const after = query.slice(chip.end).trimStart();
  return before && after ? `${before} ${after}` : before || after;
}

/** Adds a filter for a value, quoting it when it has spaces, unless the query already has it. */
export function withFilter(query: string, name: FilterName, value: string): string {
  const present = tokenize(query).tokens.some(
    (token) => token.kind === 'filter' && !token.negated && token.name === filterNamed(name) && token.value === value,
  );
  if (present) return query;
  return `${query.trim()} ${name}:${/\s/.test(value) ? `"${value.replace(/"/g, '')}"` : value}`.trim();
}
