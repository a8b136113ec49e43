import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { replaceBody } from '../../../main/archive/packedOriginal';
import { insertSources } from '../../../main/archive/sources';
import { BM25_SQL } from '../../../main/search/bm25';
import { rankedTopPage } from '../../../main/search/exactRanking';
import { parseQuery } from '../../../main/search/queryParser';
import { catchUpRankingIndex, rebuildRankingIndex } from '../../../main/search/rankingIndex';
import { RankingIndexBuild } from '../../../main/search/rankingIndexBuild';
import { filterSql } from '../../../main/search/searchFilters';
import { prng } from '../../support/prng';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

/**
 * The property that makes search exact: whenever the impact lists answer (rankedTopPage is not
 * null), their top k is the top k of FTS5's own bm25 over every match, as a set, ties either way.
 * Small archives with short lists, so the lists' bounds are tested hard: most of each query's
 * matches are outside them.
 */

const VOCAB = (
  'the of and state policy foreign trade arctic defence pact radar energy minister canada japan ' +
  'sécurité élection report market water church religion president nuclear government governor'
).split(' ');
const OUTLETS = ['Reuters', 'The Canadian Press', 'Le Devoir', null];

function zipfWord(next: () => number): string {
  return VOCAB[Math.floor(next() ** 2.2 * VOCAB.length)]!;
}

const SEPARATORS = [' ', ' ', ' ', ', ', ' — ', '’', ' “', '-', '. '];

function words(next: () => number, count: number): string {
  let text = zipfWord(next);
  for (let i = 1; i < count; i++) text += SEPARATORS[Math.floor(next() ** 3 * SEPARATORS.length)]! + zipfWord(next);
  return text;
}

function randomSources(next: () => number, count: number, salt: string) {
  return Array.from({ length: count }, (_, i) => {
    const body = `${words(next, 3 + Math.floor(next() ** 2 * 120))} ${salt}${i}`;
    return {
      title: words(next, 1 + Math.floor(next() * 6)),
      body,
      original: body,
      outlet: OUTLETS[Math.floor(next() * OUTLETS.length)]!,
      author: next() < 0.3 ? 'Anne Trade' : null,
      publishedAt: `20${10 + Math.floor(next() * 15)}-0${1 + Math.floor(next() * 9)}-15`,
      url: null,
      language: next() < 0.8 ? 'en' : 'fr',
      fileName: null,
    };
  });
}

function randomQuery(next: () => number): string {
  const term = (): string => {
    const roll = next();
    if (roll < 0.15) return `"${zipfWord(next)} ${zipfWord(next)}"`;
    if (roll < 0.22) return `${zipfWord(next).slice(0, 3)}*`;
    return zipfWord(next);
  };
  const parts = [term()];
  const extra = Math.floor(next() * 3);
  for (let i = 0; i < extra; i++) {
    const roll = next();
    if (roll < 0.3) parts.push('OR', term());
    else if (roll < 0.5) parts.push(`-${zipfWord(next)}`);
    else if (roll < 0.6) parts.push('outlet:reuters');
    else if (roll < 0.7) parts.push('after:2016-01-01');
    else parts.push(term());
  }
  return parts.join(' ');
}

/** Title hits kept beside the body-only list: none, a few (their threshold then counts) or the default. */
function titleCap(next: () => number): number | undefined {
  const roll = next();
  return roll < 0.2 ? 0 : roll < 0.6 ? Math.floor(next() * 30) : undefined;
}

interface Check {
  answered: number;
  asked: number;
}

function checkQuery(db: Db, query: string, k: number, seen: Check, pairLimit?: number): void {
  const parsed = parseQuery(query);
  if (parsed.fts === null) return;
  const filters = filterSql(db, parsed.filters, null, '+sources_fts.rowid');
  const condition = ['sources_fts MATCH ?', ...filters.clauses].join(' AND ');
  const params = [parsed.fts, ...filters.params];
  seen.asked++;
  const fast = rankedTopPage(db, parsed.fts, condition, params, k, 100, pairLimit);
  if (fast === null) return;
  seen.answered++;
  const reference = db
    .prepare(`SELECT rowid AS id, -${BM25_SQL} AS score FROM sources_fts WHERE ${condition} ORDER BY ${BM25_SQL}`)
    .all(...params) as { id: number; score: number }[];
  const label = `${query} (k=${k})`;
  expect(fast, label).toHaveLength(Math.min(k, reference.length));
  const kth = reference[k - 1]!.score;
  const slack = Math.abs(kth) * 1e-9 + 1e-15;
  const scoreOf = new Map(reference.map((row) => [row.id, row.score]));
  const got = new Set(fast.map((row) => row.id));
  for (const row of fast) expect(scoreOf.get(row.id), label).toBeGreaterThanOrEqual(kth - slack);
  for (const row of reference) if (row.score > kth + slack) expect(got.has(row.id), `${label}: ${row.id}`).toBe(true);
  // With one ranking phrase the scores may differ by the phrase's idf, a constant: only the order is checked.
  for (let i = 1; i < fast.length; i++) {
    expect(scoreOf.get(fast[i]!.id)!, label).toBeLessThanOrEqual(scoreOf.get(fast[i - 1]!.id)! + slack);
  }
}

describe('exact ranking from the impact lists', () => {
  it('returns the top k of bm25 over every match, on randomised archives and queries', () => {
    const seen: Check = { answered: 0, asked: 0 };
    for (let archive = 0; archive < 4; archive++) {
      const next = prng(1000 + archive);
      const { db } = tempArchive();
      insertSources(db, randomSources(next, 250, `a${archive}x`));
      rebuildRankingIndex(db, { minDocs: 20, listLength: 5 + Math.floor(next() * 30), titleCap: titleCap(next) });
      const round = () => {
        for (let q = 0; q < 60; q++) checkQuery(db, randomQuery(next), 1 + Math.floor(next() * 12), seen);
      };
      round();
      // Changes after the lists were made: new sources, edited ones, deleted ones.
      insertSources(db, randomSources(next, 40, `b${archive}x`));
      const ids = db.prepare('SELECT id FROM sources ORDER BY id').pluck().all() as number[];
      for (let i = 0; i < 15; i++) {
        const id = ids[Math.floor(next() * ids.length)]!;
        replaceBody(db, id, `${words(next, 60)} e${id}`);
        db.prepare('UPDATE sources SET outlet = ? WHERE id = ?').run('Reuters', id);
      }
      for (let i = 0; i < 10; i++)
        db.prepare('DELETE FROM sources WHERE id = ?').run(ids[Math.floor(next() * ids.length)]);
      round();
      catchUpRankingIndex(db);
      expect(db.prepare('SELECT count(*) FROM search_unranked').pluck().get()).toBe(0);
      round();
    }
    expect(seen.asked).toBeGreaterThan(600);
    // The lists must answer often, or this proves nothing about them.
    expect(seen.answered).toBeGreaterThan(seen.asked / 4);
  });

  it('stays exact when the lists are built a step at a time while sources are added, edited and deleted', () => {
    const seen: Check = { answered: 0, asked: 0 };
    for (let archive = 0; archive < 4; archive++) {
      const next = prng(2000 + archive);
      const { db } = tempArchive();
      insertSources(db, randomSources(next, 250, `c${archive}x`));
      // Half the archives have older lists in use while the new ones are built.
      if (archive % 2 === 1) rebuildRankingIndex(db, { minDocs: 30, listLength: 10 });
      const build = new RankingIndexBuild(db, {
        minDocs: 20,
        listLength: 5 + Math.floor(next() * 30),
        titleCap: titleCap(next),
      });
      let step = 0;
      while (build.step(1 + Math.floor(next() * 40))) {
        // Between steps, the archive changes under the build, as the app and an import would change it.
        const ids = db.prepare('SELECT id FROM sources ORDER BY id').pluck().all() as number[];
        const pick = () => ids[Math.floor(next() * ids.length)]!;
        const roll = next();
        if (roll < 0.3) insertSources(db, randomSources(next, 1 + Math.floor(next() * 5), `d${archive}x${step}x`));
        else if (roll < 0.6) {
          const body = `${words(next, 80)} f${step}`;
          replaceBody(db, pick(), body);
        } else if (roll < 0.75) db.prepare('DELETE FROM sources WHERE id = ?').run(pick());
        if (step % 3 === 0)
          for (let q = 0; q < 5; q++) checkQuery(db, randomQuery(next), 1 + Math.floor(next() * 12), seen);
        step++;
      }
      expect(build.finish()).toBe(true);
      for (let q = 0; q < 60; q++) checkQuery(db, randomQuery(next), 1 + Math.floor(next() * 12), seen);
      catchUpRankingIndex(db);
      for (let q = 0; q < 40; q++) checkQuery(db, randomQuery(next), 1 + Math.floor(next() * 12), seen);
    }
    expect(seen.asked).toBeGreaterThan(400);
    expect(seen.answered).toBeGreaterThan(seen.asked / 5);
  });

  it('gives up a build when another one started since, and leaves the lists as they were', () => {
    const next = prng(77);
    const { db } = tempArchive();
    insertSources(db, randomSources(next, 120, 'g'));
    const first = new RankingIndexBuild(db, { minDocs: 20, listLength: 10 });
    const second = new RankingIndexBuild(db, { minDocs: 20, listLength: 10 });
    while (first.step(50)) {}
    expect(first.finish()).toBe(false);
    expect(db.prepare('SELECT count(*) FROM search_impact_basis').pluck().get()).toBe(0);
    while (second.step(50)) {}
    expect(second.finish()).toBe(true);
    expect(db.prepare('SELECT count(*) FROM search_rebuild').pluck().get()).toBe(0);
  });

  it('answers prefix queries from the lists of their first 3 or 4 letters, exactly', () => {
    // Before prefixes had lists of their own, a prefix could not drive and FTS5 ranked every match.
    const seen: Check = { answered: 0, asked: 0 };
    for (let archive = 0; archive < 2; archive++) {
      const next = prng(4000 + archive);
      const { db } = tempArchive();
      insertSources(db, randomSources(next, 250, `q${archive}x`));
      rebuildRankingIndex(db, { minDocs: 20, listLength: 5 + Math.floor(next() * 30), titleCap: titleCap(next) });
      const round = () => {
        for (let q = 0; q < 40; q++) {
          const word = zipfWord(next);
          const prefix = `${word.slice(0, 3 + Math.floor(next() * 3))}*`;
          checkQuery(db, next() < 0.7 ? prefix : `${prefix} ${zipfWord(next)}`, 1 + Math.floor(next() * 12), seen);
        }
      };
      round();
      insertSources(db, randomSources(next, 30, `r${archive}x`));
      round();
      catchUpRankingIndex(db);
      round();
    }
    expect(seen.answered).toBeGreaterThan(seen.asked / 4);
  });

  it('stays exact for phrases of common words, whose candidates are mostly title hits without the phrase', () => {
    // Few words, so every phrase is common and most of its driver's title hits lack it: the
    // titles-first pass leaves their bodies unread only when they cannot reach the page.
    const seen: Check = { answered: 0, asked: 0 };
    const few = ['the', 'state', 'of', 'policy', 'report'];
    for (let archive = 0; archive < 4; archive++) {
      const next = prng(5000 + archive);
      const pick = () => few[Math.floor(next() ** 1.5 * few.length)]!;
      const text = (count: number) => Array.from({ length: count }, pick).join(' ');
      const { db } = tempArchive();
      insertSources(
        db,
        randomSources(next, 300, `s${archive}x`).map((source, i) => {
          const body = `${text(2 + Math.floor(next() ** 3 * 300))} z${i}`;
          return { ...source, title: text(1 + Math.floor(next() * 4)), body, original: body };
        }),
      );
      rebuildRankingIndex(db, { minDocs: 20, listLength: 5 + Math.floor(next() * 20), titleCap: titleCap(next) });
      for (let q = 0; q < 100; q++) {
        const phrase = `"${pick()} ${pick()}"`;
        checkQuery(db, next() < 0.8 ? phrase : `${phrase} ${pick()}`, 1 + Math.floor(next() * 12), seen);
      }
    }
    expect(seen.answered).toBeGreaterThan(seen.asked / 8);
  });

  it('stays exact whatever the number of sources with two phrases it will list', () => {
    // Queries of two to four OR-ed terms, the case where sources holding two phrases are listed
    // (and, for two, scored by FTS5) when they are few, and the bound sums every phrase's when not.
    const seen: Check = { answered: 0, asked: 0 };
    for (let archive = 0; archive < 2; archive++) {
      const next = prng(3000 + archive);
      const { db } = tempArchive();
      insertSources(db, randomSources(next, 250, `p${archive}x`));
      rebuildRankingIndex(db, { minDocs: 20, listLength: 5 + Math.floor(next() * 30) });
      for (let q = 0; q < 80; q++) {
        const terms = Array.from({ length: 2 + Math.floor(next() * 3) }, () => zipfWord(next));
        const limit = Math.floor(next() * 60);
        checkQuery(db, terms.join(' OR '), 1 + Math.floor(next() * 12), seen, limit);
      }
    }
    expect(seen.answered).toBeGreaterThan(seen.asked / 8);
  });
});
