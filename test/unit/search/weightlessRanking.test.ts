import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { insertSources } from '../../../main/archive/sources';
import { parseQuery } from '../../../main/search/queryParser';
import { weightedOnlyMatch } from '../../../main/search/rankingMatch';
import { searchSources } from '../../../main/search/searchSources';
import { refreshSearchTerms } from '../../../main/search/suggestions';
import { prng } from '../../support/prng';
import { referenceRanking } from '../../support/referenceRanking';
import { expectReferencePages } from '../support/referencePages';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

/**
 * Relevance with outlet:, author: and lang: phrases (weight 0) when every match is listed: the
 * plan may rank the listed matches by the weighted phrases alone (rankingMatch.ts), which must
 * give every source the reference's score (bm25 of the whole query over every match), page
 * after page, and for queries where it does so as well as for those where it does not.
 */

let db: Db;
const WORDS = 'market water policy trade energy defence report minister'.split(' ');
/** Words no query asks for: the queried ones are about one in six of a body's, so each is in a share of the sources. */
const FILLER = 'the of budget ottawa committee review federal program'.split(' ');

beforeAll(() => {
  ({ db } = tempArchive());
  const next = prng(2026_12_03);
  const sources = Array.from({ length: 1500 }, (_, i) => {
    const body = Array.from({ length: 5 + Math.floor(next() * 30) }, () =>
      next() < 0.15 ? WORDS[Math.floor(next() ** 2 * 8)]! : FILLER[Math.floor(next() * 8)]!,
    );
    if (next() < 0.2) body.push('trade', 'policy');
    return {
      title: `${WORDS[Math.floor(next() * 8)]} ${i}`,
      body: `${body.join(' ')} n${i}`,
      outlet: next() < 0.7 ? 'The Canadian Press' : 'Reuters',
      author: next() < 0.05 ? 'Marie Tremblay' : 'Staff',
      publishedAt: `20${10 + Math.floor(next() * 15)}-0${1 + Math.floor(next() * 9)}-15`,
      url: null,
      language: next() < 0.9 ? 'en' : 'fr',
      original: `${body.join(' ')} n${i}`,
      fileName: null,
    };
  });
  insertSources(db, sources);
  refreshSearchTerms(db);
});
afterAll(cleanUpTemp);

/** Queries of at most 2,000 matches (every match listed), with weightless phrases. */
const QUERIES = [
  'outlet:"canadian press" minister',
  'lang:en trade OR energy',
  'lang:en defence defence report',
  'lang:en minister minister',
  '"trade policy" lang:en -outlet:reuters',
  'author:tremblay market',
  'outlet:reuters water OR "trade policy"',
  'defence lang:en after:2015-01-01',
];

it('ranks by the weighted phrases alone when the weightless ones are the commoner', () => {
  const rewritten = QUERIES.filter((query) => weightedOnlyMatch(db, parseQuery(query).fts!) !== null);
  expect(rewritten).toEqual(
    expect.arrayContaining([
      'outlet:"canadian press" minister',
      'lang:en trade OR energy',
      '"trade policy" lang:en -outlet:reuters',
      'defence lang:en after:2015-01-01',
      'lang:en minister minister',
    ]),
  );
  // A rare author costs less to count than the market's matches to walk.
  expect(rewritten).not.toContain('author:tremblay market');
});

it('ranks queries with weightless phrases as the reference does, page after page', () => {
  for (const query of QUERIES) {
    const reference = referenceRanking(db, query);
    expect(reference.length, query).toBeGreaterThan(40);
    expect(reference.length, query).toBeLessThanOrEqual(2000);
    // The whole order too: the first pages of an OR are its sources with both words.
    const whole = searchSources(db, { query, limit: 1000, offset: 0, sort: 'relevance' });
    expect(
      whole.results.map((r) => [r.id, r.score.toFixed(9)]),
      query,
    ).toEqual(reference.slice(0, 1000).map((r) => [r.id, r.score.toFixed(9)]));
    expectReferencePages(db, query, reference);
  }
});
