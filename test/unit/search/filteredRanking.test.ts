import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { insertSources } from '../../../main/archive/sources';
import { prng } from '../../support/prng';
import { referenceRanking } from '../../support/referenceRanking';
import { expectReferencePages } from '../support/referencePages';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

/**
 * Relevance under SQL filters (after:, before:, tag:) when every match is listed (at most
 * COUNT_CAP): the plan ranks the listed ids rather than evaluating the filters again. The page
 * must be the reference's (bm25 over every match with the filters), score for score, page after
 * page.
 */

let db: Db;
const WORDS = 'market water policy trade energy defence report minister'.split(' ');

beforeAll(() => {
  ({ db } = tempArchive());
  const next = prng(4242);
  const sources = Array.from({ length: 1200 }, (_, i) => {
    const body = Array.from({ length: 5 + Math.floor(next() * 30) }, () => WORDS[Math.floor(next() ** 2 * 8)]!);
    return {
      title: `${WORDS[Math.floor(next() * 8)]} ${i}`,
      body: `${body.join(' ')} n${i}`,
      outlet: null,
      author: null,
      publishedAt: next() < 0.05 ? null : `20${10 + Math.floor(next() * 15)}-0${1 + Math.floor(next() * 9)}-15`,
      url: null,
      language: 'en',
      original: `${body.join(' ')} n${i}`,
      fileName: null,
    };
  });
  const ids = insertSources(db, sources).map((outcome) => (outcome.kind === 'inserted' ? outcome.id : -1));
  const tag = db.prepare("INSERT INTO source_tags (source_id, tag) VALUES (?, 'Défense')");
  for (const id of ids) if (next() < 0.3) tag.run(id);
});
afterAll(cleanUpTemp);

it('ranks filtered matches as the reference does, page after page', () => {
  for (const query of [
    'market after:2016-01-01 before:2020-07-01',
    'water OR energy before:2018-01-01',
    'policy tag:defense',
    '"trade policy" after:2012-01-01 -minister',
    'report tag:defense after:2015-01-01',
  ]) {
    const reference = referenceRanking(db, query);
    expect(reference.length, query).toBeGreaterThan(40);
    expectReferencePages(db, query, reference);
  }
});
