import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { insertSources } from '../../../main/archive/sources';
import { datePageOfSet } from '../../../main/search/searchPlan';
import { searchSources } from '../../../main/search/searchSources';
import { prng } from '../../support/prng';
import { newestFirst } from '../support/newestFirst';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

/**
 * Filter-only searches with a tag: (searchPlan's filterOnlyPage from the tag's ids): the total
 * and every page, newest publication first (undated last), one result per cluster, must be what
 * the sources themselves say, whether the page comes from a walk of the date index or from
 * sorting the tagged sources: "recent" is tagged on sources spread over every date (the walk
 * finds its pages), "old" only on sources older than every other (the walk must notice it came
 * back short and sort instead).
 */

const N = 3000;
interface Made {
  id: number;
  tags: string[];
  word: boolean;
  publishedAt: string | null;
  head: number;
}

let db: Db;
const made: Made[] = [];

beforeAll(() => {
  ({ db } = tempArchive());
  const next = prng(2207);
  const specs = Array.from({ length: N }, (_, i) => {
    const old = i % 7 === 0;
    const tags = [...(next() < 0.1 ? ['Récent'] : []), ...(old && next() < 0.5 ? ['old'] : [])];
    const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
    const publishedAt =
      next() < 0.04
        ? null
        : old
          ? `1999-0${1 + Math.floor(next() * 9)}-${day}`
          : `20${10 + Math.floor(next() * 15)}-05-${day}`;
    return { tags, word: next() < 0.4, publishedAt };
  });
  const ids = insertSources(
    db,
    specs.map((s, i) => ({
      title: `Source ${i}`,
      body: `${s.word ? 'water ' : ''}report n${i}`,
      outlet: null,
      author: null,
      publishedAt: s.publishedAt,
      url: null,
      language: 'en',
      original: `report n${i}`,
      fileName: null,
    })),
  ).map((outcome) => (outcome.kind === 'inserted' ? outcome.id : -1));
  const tag = db.prepare('INSERT INTO source_tags (source_id, tag) VALUES (?, ?)');
  const cluster = db.prepare('UPDATE sources SET cluster_id = ? WHERE id = ?');
  specs.forEach((s, i) => {
    for (const name of s.tags) tag.run(ids[i], name);
    // Every fifth source is a later version of the one before it.
    const head = i % 5 === 4 ? ids[i - 1]! : ids[i]!;
    if (head !== ids[i]) cluster.run(head, ids[i]);
    made.push({ ...s, id: ids[i]!, head });
  });
});
afterAll(cleanUpTemp);

/** The first version of each cluster, in date order. */
function collapsed(sources: Made[]): Made[] {
  const seen = new Set<number>();
  return [...sources].sort(newestFirst).filter((m) => !seen.has(m.head) && seen.add(m.head));
}

const cases: { query: string; keep: (m: Made) => boolean }[] = [
  { query: 'tag:recent', keep: (m) => m.tags.includes('Récent') },
  { query: 'tag:old', keep: (m) => m.tags.includes('old') },
  { query: 'tag:recent tag:old', keep: (m) => m.tags.includes('Récent') && m.tags.includes('old') },
  { query: 'tag:recent -water', keep: (m) => m.tags.includes('Récent') && !m.word },
  { query: 'tag:old -tag:recent', keep: (m) => m.tags.includes('old') && !m.tags.includes('Récent') },
];

describe('a tag-only page', () => {
  for (const { query, keep } of cases) {
    it(`lists "${query}" by date, one result per cluster`, () => {
      const expected = collapsed(made.filter(keep));
      expect(expected.length, query).toBeGreaterThan(15);
      for (const [offset, limit] of [
        [0, 20],
        [0, 3],
        [10, 10],
        [expected.length - 5, 20],
      ] as const) {
        const page = searchSources(db, { query, limit, offset, sort: 'date' });
        expect(page.total, query).toBe(expected.length);
        expect(
          page.results.map((r) => r.id),
          `${query} at ${offset}`,
        ).toEqual(expected.slice(offset, offset + limit).map((m) => m.id));
      }
    });
  }
});

describe('datePageOfSet, walked or sorted', () => {
  it('gives the same pages whatever stretch the walk is allowed', () => {
    for (const tag of ['Récent', 'old']) {
      const members = made.filter((m) => m.tags.includes(tag));
      const expected = [...members].sort(newestFirst).map((m) => m.id);
      for (const walk of [
        { probeCost: 50, columnReadCost: 10, slack: 3, least: 50 },
        { probeCost: 50, columnReadCost: 10, slack: 0.01, least: 1 },
        { probeCost: 50, columnReadCost: 10, slack: 1000, least: N },
      ]) {
        for (const [offset, limit] of [
          [0, 20],
          [40, 20],
          [members.length - 3, 10],
        ] as const) {
          const ids = members.map((m) => m.id);
          expect(
            datePageOfSet(db, ids, limit, offset, walk).map((r) => r.id),
            `${tag} ${JSON.stringify(walk)}`,
          ).toEqual(expected.slice(offset, offset + limit));
        }
      }
    }
  });
});
