import type { SearchSort } from '../main/search/searchTypes';

/**
 * The fixed query mix, chosen for the Brown-corpus archive of bench/corpus.ts: words from rare
 * (planted names) to ubiquitous ("the"), phrases rare and common, prefixes, OR, exclusion,
 * each filter, a misspelling for did-you-mean, and two date-sorted queries.
 */
export const QUERY_MIX: { query: string; sort?: SearchSort }[] = [
  { query: 'fukushima' },
  { query: 'Joly' },
  { query: 'government' },
  { query: 'would' },
  { query: 'the' },
  { query: '"intelligence-sharing pact"' },
  { query: '"foreign policy"' },
  { query: '"the state"' },
  { query: 'gov*' },
  { query: 'nucl*' },
  { query: 'church OR religion' },
  { query: 'president -kennedy' },
  { query: 'outlet:reuters' },
  { query: 'outlet:"canadian press" economy' },
  { query: 'author:tremblay water' },
  { query: 'tag:defence' },
  { query: 'market after:2024-01-01 before:2024-07-01' },
  { query: 'Joyl' },
  { query: 'government', sort: 'date' },
  { query: '"the state"', sort: 'date' },
];

export interface LikeQuery {
  where: string;
  params: string[];
}

const TEXT = `(title LIKE '%' || ? || '%' OR body LIKE '%' || ? || '%')`;
const both = (word: string) => [word, word];

/** The same mix as a naive scan: LIKE on title and body (ASCII case-folding, no accents). */
export const LIKE_MIX: LikeQuery[] = [
  { where: TEXT, params: both('fukushima') },
  { where: TEXT, params: both('joly') },
  { where: TEXT, params: both('government') },
  { where: TEXT, params: both('would') },
  { where: TEXT, params: both('the') },
  { where: TEXT, params: both('intelligence-sharing pact') },
  { where: TEXT, params: both('foreign policy') },
  { where: TEXT, params: both('the state') },
  { where: TEXT, params: both('gov') },
  { where: TEXT, params: both('nucl') },
  { where: `(${TEXT} OR ${TEXT})`, params: [...both('church'), ...both('religion')] },
  { where: `${TEXT} AND NOT ${TEXT}`, params: [...both('president'), ...both('kennedy')] },
  { where: `outlet LIKE '%' || ? || '%'`, params: ['reuters'] },
  { where: `outlet LIKE '%' || ? || '%' AND ${TEXT}`, params: ['canadian press', ...both('economy')] },
  { where: `author LIKE '%' || ? || '%' AND ${TEXT}`, params: ['tremblay', ...both('water')] },
  { where: `id IN (SELECT source_id FROM source_tags WHERE tag = ?)`, params: ['defence'] },
  {
    where: `${TEXT} AND published_at >= ? AND published_at < ?`,
    params: [...both('market'), '2024-01-01', '2024-07-01'],
  },
  { where: TEXT, params: both('joyl') },
  { where: TEXT, params: both('government') },
  { where: TEXT, params: both('the state') },
];
