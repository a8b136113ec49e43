import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { insertSources } from '../../../main/archive/sources';
import { parseQuery } from '../../../main/search/queryParser';
import { filterSql } from '../../../main/search/searchFilters';
import { datePageOfMany } from '../../../main/search/searchPlan';
import { searchSources } from '../../../main/search/searchSources';
import { prng } from '../../support/prng';
import { newestFirst } from '../support/newestFirst';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

/**
 * Sorting by date over more matches than are counted one by one (searchPlan's datePageOfMany):
 * a walk of the date index that probes each source it passes, over a bounded stretch, and falls
 * back to listing every match when the page is not complete within it. Every page must be the
 * true order (newest publication first, then newest id; undated last), whichever way it is made:
 * common words take the walk, a word whose matches are all older than the rest of the archive
 * (its share by id says the walk should find them soon; by date it does not) takes the fallback.
 */

const N = 5000;
interface Made {
  id: number;
  words: Set<string>;
  publishedAt: string | null;
  outlet: string | null;
  author: string | null;
  language: string;
}

let db: Db;
const made: Made[] = [];

beforeAll(() => {
  ({ db } = tempArchive());
  const next = prng(1311);
  const specs = [];
  for (let i = 0; i < N; i++) {
    const words = ['common', `item${i}`];
    if (next() < 0.5) words.push('half');
    // "older": four sources in five, all of them dated before every other source.
    const older = i % 5 !== 0;
    if (older) words.push('older');
    if (next() < 0.05) words.push('rare');
    const day = 1 + Math.floor(next() * 28);
    const publishedAt =
      next() < 0.03
        ? null
        : older
          ? `2001-0${1 + Math.floor(next() * 9)}-${String(day).padStart(2, '0')}`
          : `2024-0${1 + Math.floor(next() * 9)}-${String(day).padStart(2, '0')}`;
    // Outlets and authors as the column walk reads them: a word of a longer name, and (Thai) a
    // name it must leave to FTS5.
    const pick = next();
    const outlet =
      pick < 0.25
        ? 'Reuters'
        : pick < 0.3
          ? 'Thomson Reuters'
          : pick < 0.4
            ? 'Agence France-Presse'
            : pick < 0.45
              ? 'ภาษา News'
              : null;
    const author = next() < 0.1 ? 'Marie Tremblay' : next() < 0.05 ? 'Jean Tremblay-Roy' : null;
    const language = next() < 0.2 ? 'fr' : 'en';
    specs.push({ words, publishedAt, outlet, author, language });
  }
  const ids = insertSources(
    db,
    specs.map((s, i) => ({
      title: `Source ${i}`,
      // Every seventh body ends with a Thai word, which ftsTokens is not trusted to cut as FTS5
      // does: the walk that reads texts must leave those sources to FTS5.
      body: s.words.join(' ') + (i % 7 === 3 ? ' ภาษา' : ''),
      outlet: s.outlet,
      author: s.author,
      publishedAt: s.publishedAt,
      url: null,
      language: s.language,
      original: s.words.join(' '),
      fileName: null,
    })),
  ).map((outcome) => (outcome.kind === 'inserted' ? outcome.id : -1));
  made.push(...specs.map((s, i) => ({ ...s, id: ids[i]!, words: new Set(s.words) })));
});
afterAll(cleanUpTemp);

const cases: { query: string; keep: (m: Made) => boolean }[] = [
  { query: 'common', keep: (m) => m.words.has('common') },
  { query: 'half', keep: (m) => m.words.has('half') },
  { query: 'older', keep: (m) => m.words.has('older') },
  { query: 'common -half', keep: (m) => !m.words.has('half') },
  { query: 'half outlet:reuters', keep: (m) => m.words.has('half') && reuters(m) },
  { query: 'common before:2024-03-01', keep: (m) => m.publishedAt !== null && m.publishedAt < '2024-03-01' },
  // Phrases of several words: the walk reads each source's text instead of probing FTS5.
  { query: '"half older"', keep: (m) => m.words.has('half') && m.words.has('older') },
  { query: '"half older" OR rare', keep: (m) => (m.words.has('half') && m.words.has('older')) || m.words.has('rare') },
  { query: '"common item1"*', keep: (m) => [...m.words].some((w) => w.startsWith('item1')) },
  // Outlet, author and language alone: the walk reads those columns (a Thai outlet is probed).
  { query: 'outlet:reuters', keep: reuters },
  { query: 'outlet:reut*', keep: reuters },
  { query: 'outlet:news', keep: (m) => m.outlet === 'ภาษา News' },
  { query: 'outlet:"thomson reuters" OR lang:fr', keep: (m) => m.outlet === 'Thomson Reuters' || m.language === 'fr' },
  { query: 'author:tremblay lang:fr', keep: (m) => m.author !== null && m.language === 'fr' },
  { query: 'lang:en', keep: (m) => m.language === 'en' },
];

function reuters(m: Made): boolean {
  return m.outlet === 'Reuters' || m.outlet === 'Thomson Reuters';
}
const pages = (count: number) =>
  [
    [0, 20],
    [0, 5],
    [20, 20],
    [180, 20],
    [count - 10, 20],
  ] as const;

describe('a date-sorted page over many matches', () => {
  for (const { query, keep } of cases) {
    it(`lists "${query}" in date order, page after page`, () => {
      const expected = made.filter(keep).sort(newestFirst);
      for (const [offset, limit] of pages(expected.length)) {
        const page = searchSources(db, { query, limit, offset, sort: 'date' });
        expect(page.sort).toBe('date');
        expect(
          page.results.map((r) => r.id),
          `${query} at ${offset}`,
        ).toEqual(expected.slice(offset, offset + limit).map((m) => m.id));
      }
    });
  }
});

/**
 * The same pages made by the walk whenever it can finish (a probe priced like a listed match)
 * and by walks given too short a stretch, which must notice it and fall back.
 */
describe('the date walk, forced', () => {
  for (const { query, keep } of cases) {
    it(`walks or falls back to the same pages for "${query}"`, () => {
      const parsed = parseQuery(query);
      const filters = filterSql(db, parsed.filters, null, '+sources_fts.rowid');
      const condition = ['sources_fts MATCH ?', ...filters.clauses].join(' AND ');
      const params = [parsed.fts, ...filters.params];
      const expected = made.filter(keep).sort(newestFirst);
      for (const walk of [
        { probeCost: 0, columnReadCost: 0, slack: 3, least: 50 },
        { probeCost: 0, columnReadCost: 0, slack: 0.05, least: 1 },
        { probeCost: 0, columnReadCost: 0, slack: 1, least: 0 },
      ]) {
        for (const [offset, limit] of pages(expected.length)) {
          // The total as the plan would estimate it, and one off by a factor of four either way.
          for (const total of [expected.length, expected.length * 4, Math.ceil(expected.length / 4)]) {
            const page = datePageOfMany(db, condition, params, total, N, limit, offset, walk);
            expect(
              page.map((r) => r.id),
              `${query} at ${offset}, ${JSON.stringify(walk)}, total ${total}`,
            ).toEqual(expected.slice(offset, offset + limit).map((m) => m.id));
          }
        }
      }
    });
  }
});
