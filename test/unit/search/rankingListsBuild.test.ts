import { afterEach, describe, expect, it } from 'vitest';
import { generateSources } from '../../../bench/corpus';
import type { Db } from '../../../main/archive/database';
import { insertSources } from '../../../main/archive/sources';
import { lengthOf, saturation, weightedFrequency } from '../../../main/search/bm25';
import { isCountable } from '../../../main/search/ftsTokens';
import { rebuildRankingIndex } from '../../../main/search/rankingIndex';
import {
  countListed,
  EXTENDED,
  ListedKeys,
  type RankingIndexShape,
  TITLE_UNIT,
} from '../../../main/search/rankingIndexBuild';
import { TopScores } from '../../../main/search/topScores';
import { prng } from '../../support/prng';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

interface Met {
  id: number;
  score: number;
  title: number;
  body: number;
  length: number;
}

/** Best first: higher score, then smaller id (the order a stable sort of sources read by id keeps). */
const best = (a: Met, b: Met) => b.score - a.score || a.id - b.id;

/**
 * The lists as their definition says (docs/search.md, *The impact lists*), from every source's
 * counts sorted at once: what the build must store, whatever it holds on the way.
 */
function definedLists(db: Db, shape: RankingIndexShape): Map<string, { threshold: number; rows: number[][] }> {
  const { avgdl } = db.prepare('SELECT avgdl FROM search_impact_basis').get() as { avgdl: number };
  const keys = (db.prepare('SELECT term FROM search_impact_terms').pluck().all() as string[]).filter(
    (key) => !key.endsWith(EXTENDED),
  );
  const listed = new ListedKeys(new Map(keys.map((key) => [key, true])));
  const met = new Map<string, Met[]>(keys.map((key) => [key, []]));
  const rows = db
    .prepare(
      'SELECT s.id, s.title, s.body, d.sz FROM sources s JOIN sources_fts_docsize d ON d.id = s.id ORDER BY s.id',
    )
    .all() as { id: number; title: string; body: string; sz: Uint8Array }[];
  for (const row of rows) {
    if (!isCountable(row.title) || !isCountable(row.body)) continue;
    const length = lengthOf(row.sz);
    for (const [key, packed] of countListed(row.title, row.body, listed)) {
      const title = Math.floor(packed / TITLE_UNIT);
      const body = packed % TITLE_UNIT;
      met
        .get(key)!
        .push({ id: row.id, score: saturation(weightedFrequency(title, body), length, avgdl), title, body, length });
    }
  }
  const titleCap = shape.titleCap ?? 10 * shape.listLength;
  const lists = new Map<string, { threshold: number; rows: number[][] }>();
  const asRows = (list: Met[]) => list.map((m) => [m.id, m.title, m.body, m.length]);
  for (const [key, all] of met) {
    const body = all.filter((m) => m.title === 0).sort(best);
    const bodyThreshold = body.length > shape.listLength ? body[shape.listLength]!.score : 0;
    const titles = all.filter((m) => m.title > 0 && m.score > bodyThreshold).sort(best);
    const titleThreshold = titles.length > titleCap ? titles[titleCap]!.score : 0;
    const long = [...body.slice(0, shape.listLength), ...titles.slice(0, titleCap)];
    const longThreshold = Math.max(bodyThreshold, titleThreshold);
    const order = [...long].sort((a, b) => b.score - a.score);
    const short = order.slice(0, shape.listLength);
    const shortThreshold =
      long.length > shape.listLength ? Math.max(longThreshold, order[shape.listLength]!.score) : longThreshold;
    lists.set(key, { threshold: shortThreshold, rows: asRows(short) });
    if (shortThreshold > longThreshold) lists.set(key + EXTENDED, { threshold: longThreshold, rows: asRows(long) });
  }
  return lists;
}

function storedLists(db: Db): Map<string, { threshold: number; rows: number[][] }> {
  const lists = new Map<string, { threshold: number; rows: number[][] }>();
  for (const { term, threshold } of db.prepare('SELECT term, threshold FROM search_impact_terms').all() as {
    term: string;
    threshold: number;
  }[]) {
    lists.set(term, { threshold, rows: [] });
  }
  for (const row of db
    .prepare('SELECT term, source_id, title_count, body_count, doc_length FROM search_impacts')
    .raw()
    .all() as [string, number, number, number, number][]) {
    lists.get(row[0])!.rows.push(row.slice(1) as number[]);
  }
  return lists;
}

const byId = (rows: number[][]) => [...rows].sort((a, b) => a[0]! - b[0]!);

describe('the ranking lists build', () => {
  it('keeps the best scores, ties to the smaller id, as sorting everything would', () => {
    const next = prng(7);
    for (let round = 0; round < 200; round++) {
      const capacity = Math.floor(next() * 40);
      const top = new TopScores(capacity);
      const offered: Met[] = [];
      const count = Math.floor(next() * 300);
      for (let id = 1; id <= count; id++) {
        // Few distinct scores, so ties at the cut are common.
        const score = Math.floor(next() * 12) / 4;
        const met = { id, score, title: id % 3, body: id % 7, length: 10 + (id % 50) };
        if (!top.refuses(score)) top.offer(met.id, met.score, met.title, met.body, met.length);
        offered.push(met);
      }
      const expected = offered.sort(best).slice(0, capacity);
      const { rows, scores } = top.sorted();
      expect(rows).toEqual(expected.map((m) => [m.id, m.title, m.body, m.length]));
      expect(scores).toEqual(expected.map((m) => m.score));
    }
  });

  it('stores exactly the lists their definition gives, and the archive keeps its index on them', () => {
    const { db } = tempArchive();
    insertSources(
      db,
      [...generateSources(200, { seed: 5 })].map((s) => ({ ...s, fileName: s.fileName })),
    );
    const indexes = () =>
      db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'search_impacts'").all();
    const before = indexes();
    for (const shape of [
      { minDocs: 12, listLength: 10 },
      { minDocs: 15, listLength: 6, titleCap: 0 },
      { minDocs: 12, listLength: 12, titleCap: 4 },
    ]) {
      rebuildRankingIndex(db, shape);
      expect(indexes()).toEqual(before);
      const stored = storedLists(db);
      const defined = definedLists(db, shape);
      expect(stored.size).toBeGreaterThan(20);
      expect([...stored.keys()].sort()).toEqual([...defined.keys()].sort());
      for (const [key, list] of defined) {
        expect(stored.get(key)!.threshold, key).toBe(list.threshold);
        expect(byId(stored.get(key)!.rows), key).toEqual(byId(list.rows));
      }
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});
