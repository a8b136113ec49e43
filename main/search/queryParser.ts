import { type LocalizedText, type Worded, worded } from '../../shared/i18n/localizedText';
import { cleanWords, MAX_PHRASE_WORDS, type TextToken, type Token, tokenize } from '../../shared/queryTokens';
import { foldForComparison } from '../../shared/text';
import { clusterId, dateBound, languageCode } from './queryFilters';

/**
 * Turns what an analyst types into a safe FTS5 MATCH expression plus filters bound as SQL
 * parameters.
 *
 * Supported: words (all must match), "exact phrases", prefix* searches, OR between two terms,
 * -exclusions (-word, -"phrase", -outlet:x), and the filters outlet:, author:, lang:, tag:,
 * after:, before: and cluster:, with "quoted values". Every piece of user text reaches FTS5 as
 * a string literal, so FTS5 syntax typed by the user (AND, NOT, NEAR(, col:, ^, +) is only ever
 * words. Words and phrases are looked for in the title and body only; outlet:, author: and lang:
 * are column filters on the same index. The parser never throws: anything it cannot use is
 * dropped or read as words, with a notice where the user would otherwise be surprised.
 */

export { MAX_PHRASE_WORDS } from '../../shared/queryTokens';
export const MAX_QUERY_TERMS = 32;

export interface TagFilter {
  /** Folded (lower case, no accents) tag, or its beginning when `prefix`. */
  value: string;
  prefix: boolean;
}

export interface QueryFilters {
  /** Inclusive lower bound on published_at (YYYY-MM-DD), or null. */
  after: string | null;
  /** Exclusive upper bound on published_at, or null. */
  before: string | null;
  /** Every inner list must match one of its tags (tag:a OR tag:b is one list). */
  tags: TagFilter[][];
  excludedTags: TagFilter[];
  /** Every inner list: the source is in one of these clusters (named by any member's id). */
  clusters: number[][];
  excludedClusters: number[];
}

/** A word of the query as typed, for did-you-mean to replace in place. */
export interface QueryWord {
  word: string;
  start: number;
  end: number;
}

export interface ParsedQuery {
  /** The MATCH expression for what must (and must not) match, or null when nothing must. */
  fts: string | null;
  /** When fts is null but filters are set: a MATCH for the excluded terms, or null. */
  excludeFts: string | null;
  filters: QueryFilters;
  /**
   * What to highlight, each a plain string the renderer can match: a word ("Joly"), a phrase
   * ("five eyes") or a prefix ending in * ("intellig*"). Never an excluded term or a filter.
   */
  terms: string[];
  /** Positive words, unquoted or inside phrases, that did-you-mean may correct. */
  words: QueryWord[];
  /** True when the query has words, phrases or prefixes to rank by (filters alone do not). */
  hasText: boolean;
  /** True when there is anything to search for at all. */
  searchable: boolean;
  notice: string | null;
  /** The same notices, one each, as catalog messages for the interface (docs/i18n.md). */
  notices: LocalizedText[];
}

export const NOTICES = {
  unbalancedQuote: 'Closed an unbalanced quotation mark.',
  tooManyTerms: `Only the first ${MAX_QUERY_TERMS} search terms were used.`,
  longPhrase: `Long phrases were shortened to their first ${MAX_PHRASE_WORDS} words.`,
  exclusionsOnly: 'Add a word to search for; exclusions alone match nothing.',
  badDate: (raw: string) => `Ignored “${raw}”: write dates as YYYY-MM-DD.`,
  badCluster: (raw: string) => `Ignored “${raw}”: a cluster is named by a source number.`,
  emptyValue: (raw: string) => `Ignored “${raw}”: it needs a value.`,
  mixedOr: 'OR joins words, outlet:, author: and lang:, or filters of one kind; the rest were all required.',
} as const;

type NoticeKey = keyof typeof NOTICES;

/** NOTICES as catalog messages; test/unit/i18n/mainMessages.test.ts checks the English agrees. */
export const NOTICE_TEXTS: Record<NoticeKey, (raw: string) => Worded> = {
  unbalancedQuote: () => worded(NOTICES.unbalancedQuote, 'search.notice.unbalancedQuote'),
  tooManyTerms: () => worded(NOTICES.tooManyTerms, 'search.notice.tooManyTerms', { max: MAX_QUERY_TERMS }),
  longPhrase: () => worded(NOTICES.longPhrase, 'search.notice.longPhrase', { max: MAX_PHRASE_WORDS }),
  exclusionsOnly: () => worded(NOTICES.exclusionsOnly, 'search.notice.exclusionsOnly'),
  badDate: (raw) => worded(NOTICES.badDate(raw), 'search.notice.badDate', { raw }),
  badCluster: (raw) => worded(NOTICES.badCluster(raw), 'search.notice.badCluster', { raw }),
  emptyValue: (raw) => worded(NOTICES.emptyValue(raw), 'search.notice.emptyValue', { raw }),
  mixedOr: () => worded(NOTICES.mixedOr, 'search.notice.mixedOr'),
};

function notice(key: NoticeKey, raw = ''): Worded {
  return NOTICE_TEXTS[key](raw);
}

type Item =
  | { kind: 'fts'; literal: string }
  | { kind: 'tag'; tag: TagFilter }
  | { kind: 'cluster'; id: number }
  | { kind: 'none' };

const TEXT_COLUMNS = '{title body}';
const FILTER_COLUMNS = { outlet: 'outlet', author: 'author', lang: 'language' } as const;

/** An FTS5 string literal; a trailing * (outside the quotes) makes its last token a prefix. */
function ftsString(text: string, prefix: boolean): string {
  return `"${text.replace(/"/g, '""')}"${prefix ? '*' : ''}`;
}

export function parseQuery(input: string): ParsedQuery {
  const tokenized = tokenize(typeof input === 'string' ? input : '');
  const notices: Worded[] = [];
  if (tokenized.unbalanced) notices.push(notice('unbalancedQuote'));
  if (tokenized.shortened) notices.push(notice('longPhrase'));
  for (const raw of tokenized.emptyFilters) notices.push(notice('emptyValue', raw));

  const tokens = capTerms(tokenized.tokens);
  if (tokens.length < tokenized.tokens.length) notices.push(notice('tooManyTerms'));

  const filters: QueryFilters = {
    after: null,
    before: null,
    tags: [],
    excludedTags: [],
    clusters: [],
    excludedClusters: [],
  };
  const groups: Item[][] = [];
  const excluded: string[] = [];
  const terms: string[] = [];
  const words: QueryWord[] = [];
  let hasText = false;
  // OR binds two neighbouring positive terms: `a b OR c d` means a AND (b OR c) AND d.
  let lastWasPositive = false;
  let orPending = false;
  for (const token of tokens) {
    if (token.kind === 'or') {
      orPending = lastWasPositive;
      continue;
    }
    const item = toItem(token, filters, notices);
    if (item.kind === 'none') {
      lastWasPositive = false;
    } else if (token.negated) {
      if (item.kind === 'fts') excluded.push(item.literal);
      else if (item.kind === 'tag') filters.excludedTags.push(item.tag);
      else filters.excludedClusters.push(item.id);
      lastWasPositive = false;
    } else {
      const previous = groups[groups.length - 1];
      if (orPending && previous) previous.push(item);
      else groups.push([item]);
      if (token.kind === 'text') {
        hasText = true;
        const term = token.prefix ? `${token.text}*` : token.text;
        if (!terms.includes(term)) terms.push(term);
        if (!token.prefix) words.push(...wordsOf(token, input));
      }
      lastWasPositive = true;
    }
    orPending = false;
  }

  const ftsGroups: string[] = [];
  for (const group of splitMixedGroups(groups, notices)) {
    const first = group[0]!;
    if (first.kind === 'fts') {
      const literals = group.map((item) => (item.kind === 'fts' ? item.literal : ''));
      ftsGroups.push(literals.length > 1 ? `(${literals.join(' OR ')})` : literals[0]!);
    } else if (first.kind === 'tag') {
      filters.tags.push(group.flatMap((item) => (item.kind === 'tag' ? [item.tag] : [])));
    } else if (first.kind === 'cluster') {
      filters.clusters.push(group.flatMap((item) => (item.kind === 'cluster' ? [item.id] : [])));
    }
  }

  const hasSqlFilters =
    filters.after !== null ||
    filters.before !== null ||
    filters.tags.length > 0 ||
    filters.excludedTags.length > 0 ||
    filters.clusters.length > 0 ||
    filters.excludedClusters.length > 0;
  const positive = ftsGroups.join(' AND ');
  const negative = excluded.join(' OR ');
  let fts: string | null = null;
  let excludeFts: string | null = null;
  if (positive) fts = negative ? `(${positive}) NOT (${negative})` : positive;
  else if (negative && hasSqlFilters) excludeFts = negative;
  // Only exclusions, and nothing to exclude them from: say why nothing comes back.
  const searchable = fts !== null || hasSqlFilters;
  if (!searchable && excluded.length > 0) notices.push(notice('exclusionsOnly'));
  return {
    fts,
    excludeFts,
    filters,
    terms,
    words,
    hasText,
    searchable,
    ...joinNotices(notices),
  };
}

/** Each notice once: the English joined for the CLI, the catalog messages listed for the interface. */
function joinNotices(notices: Worded[]): { notice: string | null; notices: LocalizedText[] } {
  const once = new Map(notices.map((each) => [each.message, each.text]));
  return { notice: once.size > 0 ? [...once.keys()].join(' ') : null, notices: [...once.values()] };
}

function toItem(token: Exclude<Token, { kind: 'or' }>, filters: QueryFilters, notices: Worded[]): Item {
  if (token.kind === 'text')
    return { kind: 'fts', literal: `${TEXT_COLUMNS} : ${ftsString(token.text, token.prefix)}` };
  switch (token.name) {
    case 'outlet':
    case 'author': {
      const words = cleanWords(token.value).slice(0, MAX_PHRASE_WORDS);
      if (words.length === 0) {
        notices.push(notice('emptyValue', token.raw));
        return { kind: 'none' };
      }
      return { kind: 'fts', literal: `${FILTER_COLUMNS[token.name]} : ${ftsString(words.join(' '), token.prefix)}` };
    }
    case 'lang': {
      const code = languageCode(token.value);
      if (code === null) {
        notices.push(notice('emptyValue', token.raw));
        return { kind: 'none' };
      }
      return {
        kind: 'fts',
        literal: `${FILTER_COLUMNS.lang} : ${ftsString(cleanWords(code).join(' '), token.prefix)}`,
      };
    }
    case 'tag': {
      const value = foldForComparison(token.value).replace(/\s+/g, ' ').trim();
      return value ? { kind: 'tag', tag: { value, prefix: token.prefix } } : { kind: 'none' };
    }
    case 'cluster': {
      const id = clusterId(token.value);
      if (id === null) {
        notices.push(notice('badCluster', token.raw));
        return { kind: 'none' };
      }
      return { kind: 'cluster', id };
    }
    case 'after':
    case 'before': {
      const bound = dateBound(token.value);
      if (bound === null) {
        notices.push(notice('badDate', token.raw));
        return { kind: 'none' };
      }
      // -after:X is before:X and -before:X is after:X; several bounds narrow to the tightest.
      const lower = (token.name === 'after') !== token.negated;
      if (lower) filters.after = filters.after === null || bound > filters.after ? bound : filters.after;
      else filters.before = filters.before === null || bound < filters.before ? bound : filters.before;
      return { kind: 'none' };
    }
  }
}

/** OR can only join items of one kind; a mixed group becomes separate required items. */
function splitMixedGroups(groups: Item[][], notices: Worded[]): Item[][] {
  return groups.flatMap((group) => {
    if (group.every((item) => item.kind === group[0]!.kind)) return [group];
    notices.push(notice('mixedOr'));
    return group.map((item) => [item]);
  });
}

/** The positive words of a text token, with where each is in the input. */
function wordsOf(token: TextToken, input: string): QueryWord[] {
  const raw = input.slice(token.textStart, token.textEnd);
  const out: QueryWord[] = [];
  let from = 0;
  for (const word of token.text.split(' ')) {
    const at = raw.indexOf(word, from);
    if (at < 0) return out;
    out.push({ word, start: token.textStart + at, end: token.textStart + at + word.length });
    from = at + word.length;
  }
  return out;
}

function capTerms(tokens: Token[]): Token[] {
  let count = 0;
  const kept: Token[] = [];
  for (const token of tokens) {
    if (token.kind !== 'or' && ++count > MAX_QUERY_TERMS) break;
    kept.push(token);
  }
  return kept;
}
