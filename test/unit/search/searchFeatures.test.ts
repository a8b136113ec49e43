import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { type ImportFacts, insertSources } from '../../../main/archive/sources';
import type { ParsedSource } from '../../../main/importers/plainText';
import { NOTICES } from '../../../main/search/queryParser';
import { rebuildRankingIndex } from '../../../main/search/rankingIndex';
import { COUNT_CAP } from '../../../main/search/searchPlan';
import { type SearchSort, searchSources } from '../../../main/search/searchSources';
import { recallAt, referenceRanking } from '../../support/referenceRanking';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

type Spec = Partial<ParsedSource & ImportFacts> & { title: string; body: string };

function add(db: Db, specs: Spec[]): number[] {
  const sources = specs.map((s) => ({
    outlet: null,
    author: null,
    publishedAt: null,
    url: null,
    language: 'en',
    original: s.body,
    fileName: null,
    ...s,
  }));
  return insertSources(db, sources).map((outcome) => (outcome.kind === 'inserted' ? outcome.id : -1));
}

const search = (db: Db, query: string, options: { limit?: number; offset?: number; sort?: SearchSort } = {}) =>
  searchSources(db, { query, limit: options.limit ?? 20, offset: options.offset ?? 0, sort: options.sort });
const ids = (db: Db, query: string, sort?: SearchSort) => search(db, query, { sort }).results.map((r) => r.id);
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

describe('search filters and sorting', () => {
  let db: Db;
  let id: { cp: number; reuters: number; lapresse: number; undated: number; cpCopy: number };
  beforeEach(() => {
    ({ db } = tempArchive());
    const [cp, reuters, lapresse, undated, cpCopy] = add(db, [
      {
        title: 'Arctic radar pact',
        body: 'Canada and Korea will share radar data. La sécurité de l’Arctique.',
        outlet: 'The Canadian Press',
        author: 'Mélanie Tremblay',
        publishedAt: '2023-04-13',
      },
      {
        title: 'Radar exports rise',
        body: 'Exports of radar systems rose sharply.',
        outlet: 'Reuters',
        author: 'John Smith',
        publishedAt: '2024-01-31',
      },
      {
        title: 'Pacte radar',
        body: 'Le Canada et la Corée partageront des données radar. Securite renforcée.',
        outlet: 'La Presse',
        author: 'Jean Côté',
        publishedAt: '2023-12-31',
        language: 'fr',
      },
      { title: 'Undated radar note', body: 'A note about radar with no date.', outlet: 'Canadian Press Wire' },
      {
        title: 'Arctic radar pact (copy)',
        body: 'Canada and Korea will share radar data, a syndicated copy.',
        outlet: 'Winnipeg Free Press',
        publishedAt: '2023-04-14',
      },
    ]);
    const tag = db.prepare('INSERT INTO source_tags (source_id, tag) VALUES (?, ?)');
    tag.run(cp, 'Indo-Pacific');
    tag.run(reuters, 'Sécurité');
    tag.run(lapresse, 'indo-pacific follow-up');
    id = { cp: cp!, reuters: reuters!, lapresse: lapresse!, undated: undated!, cpCopy: cpCopy! };
  });

  it('outlet: matches words of the outlet, quoted, in any case', () => {
    expect(sorted(ids(db, 'radar outlet:"canadian press"'))).toEqual(sorted([id.cp, id.undated]));
    expect(ids(db, 'radar outlet:REUTERS')).toEqual([id.reuters]);
    expect(sorted(ids(db, 'radar outlet:pres*'))).toEqual(sorted([id.cp, id.lapresse, id.undated, id.cpCopy]));
    // Whole words: "press" is not "Presse".
    expect(sorted(ids(db, 'radar -outlet:press'))).toEqual(sorted([id.reuters, id.lapresse]));
  });

  it('author: ignores accents, and takes prefixes', () => {
    expect(ids(db, 'author:melanie')).toEqual([id.cp]);
    expect(ids(db, 'author:cote')).toEqual([id.lapresse]);
    expect(ids(db, 'author:"john smi"*')).toEqual([id.reuters]);
  });

  it('lang: by code or name', () => {
    expect(ids(db, 'radar lang:fr')).toEqual([id.lapresse]);
    expect(ids(db, 'lang:français')).toEqual([id.lapresse]);
    expect(sorted(ids(db, 'radar -lang:fr'))).toEqual(sorted([id.cp, id.reuters, id.undated, id.cpCopy]));
  });

  it('tag: ignores case and accents, takes prefixes, OR and exclusion', () => {
    expect(ids(db, 'radar tag:indo-pacific')).toEqual([id.cp]);
    expect(ids(db, 'tag:securite')).toEqual([id.reuters]);
    expect(sorted(ids(db, 'tag:indo*'))).toEqual(sorted([id.cp, id.lapresse]));
    expect(sorted(ids(db, 'tag:"indo-pacific" OR tag:sécurité'))).toEqual(sorted([id.cp, id.reuters]));
    expect(sorted(ids(db, 'radar -tag:indo*'))).toEqual(sorted([id.reuters, id.undated, id.cpCopy]));
    expect(search(db, 'tag:nothing-like-this')).toMatchObject({ total: 0, results: [] });
  });

  it('after: is inclusive and before: exclusive; undated sources fall outside both', () => {
    expect(sorted(ids(db, 'radar after:2023-12-31'))).toEqual(sorted([id.lapresse, id.reuters]));
    expect(sorted(ids(db, 'radar before:2023-12-31'))).toEqual(sorted([id.cp, id.cpCopy]));
    expect(ids(db, 'radar after:2023-04-14 before:2024')).toEqual([id.lapresse, id.cpCopy]);
    expect(ids(db, 'after:2024-01')).toEqual([id.reuters]);
  });

  it('says so when a date cannot be read, and searches without it', () => {
    const response = search(db, 'radar after:2023-02-30');
    expect(response.notice).toBe(NOTICES.badDate('after:2023-02-30'));
    expect(response.total).toBe(5);
  });

  // The copy joins the original's cluster only here: the other tests look at each source.
  const clusterTheCopy = () => db.prepare('UPDATE sources SET cluster_id = ? WHERE id = ?').run(id.cp, id.cpCopy);

  it('cluster: finds every version, named by the head or any member', () => {
    clusterTheCopy();
    expect(sorted(ids(db, `cluster:${id.cp}`))).toEqual(sorted([id.cp, id.cpCopy]));
    expect(sorted(ids(db, `radar cluster:${id.cpCopy}`))).toEqual(sorted([id.cp, id.cpCopy]));
    expect(sorted(ids(db, `radar -cluster:${id.cp}`))).toEqual(sorted([id.reuters, id.lapresse, id.undated]));
    expect(search(db, 'cluster:x').notice).toBe(NOTICES.badCluster('cluster:x'));
  });

  it('lists filters alone newest first, undated last, with no snippet matches', () => {
    const response = search(db, 'outlet:pres*');
    expect(response.results.map((r) => r.id)).toEqual([id.lapresse, id.cpCopy, id.cp, id.undated]);
    expect(response).toMatchObject({ sort: 'date', total: 4, terms: [] });
    expect(response.results.every((r) => r.snippet.every((p) => !p.match) && r.score === 0)).toBe(true);
    expect(ids(db, `-radar tag:sécurité`)).toEqual([]);
    expect(ids(db, `-arctic tag:indo*`)).toEqual([id.lapresse]);
  });

  it('sorts words by date when asked, and pages through them', () => {
    expect(ids(db, 'radar', 'date')).toEqual([id.reuters, id.lapresse, id.cpCopy, id.cp, id.undated]);
    const pages = [0, 2, 4].flatMap((offset) =>
      search(db, 'radar', { limit: 2, offset, sort: 'date' }).results.map((r) => r.id),
    );
    expect(pages).toEqual([id.reuters, id.lapresse, id.cpCopy, id.cp, id.undated]);
    expect(search(db, 'radar', { sort: 'date' })).toMatchObject({ sort: 'date', total: 5 });
  });

  it('ignores accents both ways: securite finds sécurité and sécurité finds Securite', () => {
    expect(sorted(ids(db, 'securite'))).toEqual(sorted([id.cp, id.lapresse]));
    expect(sorted(ids(db, 'SÉCURITÉ'))).toEqual(sorted([id.cp, id.lapresse]));
    const hit = search(db, 'securite').results.find((r) => r.id === id.cp)!;
    expect(hit.snippet.find((p) => p.match)?.text).toBe('sécurité');
  });

  it('lists a cluster once, as its best version, and counts clusters', () => {
    clusterTheCopy();
    for (const sort of ['relevance', 'date'] as const) {
      const response = search(db, 'radar', { sort });
      expect(
        response.results.filter((r) => r.clusterId === id.cp),
        sort,
      ).toHaveLength(1);
      expect(response.total).toBe(4);
    }
    // The best version: the one a cluster: search (never collapsed) ranks first.
    const best = ids(db, `arctic radar cluster:${id.cp}`)[0];
    expect(search(db, 'arctic radar').results[0]).toMatchObject({ id: best, clusterSize: 2 });
    expect(ids(db, 'syndicated')).toEqual([id.cpCopy]);
    // Newest first: the copy is a day younger.
    expect(ids(db, 'radar', 'date')).toEqual([id.reuters, id.lapresse, id.cpCopy, id.undated]);
    expect(ids(db, 'outlet:pres*')).toEqual([id.lapresse, id.cpCopy, id.undated]);
    // Pages count clusters: nothing is skipped or repeated.
    const pages = [0, 1, 2, 3].flatMap((offset) => search(db, 'radar', { limit: 1, offset }).results.map((r) => r.id));
    expect(pages).toEqual(ids(db, 'radar'));
    expect(new Set(pages).size).toBe(4);
  });

  it('gives each hit its author, language and cluster', () => {
    clusterTheCopy();
    const hit = search(db, 'radar outlet:"canadian press" author:tremblay').results[0]!;
    expect(hit).toMatchObject({
      id: id.cp,
      author: 'Mélanie Tremblay',
      language: 'en',
      clusterId: id.cp,
      clusterSize: 2,
    });
    const copy = search(db, 'syndicated').results[0]!;
    expect(copy).toMatchObject({ id: id.cpCopy, clusterId: id.cp, clusterSize: 2 });
    expect(search(db, 'exports').results[0]).toMatchObject({ clusterId: id.reuters, clusterSize: 1 });
  });

  it('returns plain words, phrases and prefix* as the terms to highlight', () => {
    expect(search(db, 'radar "share radar" exp* -korea outlet:reuters').terms).toEqual([
      'radar',
      'share radar',
      'exp*',
    ]);
  });
});

describe('search over more matches than it counts one by one', () => {
  let db: Db;
  const N = 3 * COUNT_CAP + 1000;
  beforeEach(() => {
    ({ db } = tempArchive());
    const specs: Spec[] = [];
    for (let i = 0; i < N; i++) {
      // "common" is in every source; "often" in a third, more in some than others; "rare" in a few.
      const often = i % 3 === 0 ? ` often${' often'.repeat(i % 7)}` : '';
      const rare = i % 500 === 0 ? ' rare' : '';
      specs.push({ title: `Item ${i}`, body: `common words here ${i}${often}${rare}`, publishedAt: null });
    }
    add(db, specs);
  });

  it('estimates the total and still ranks every match: the page is the true top of bm25', () => {
    const response = search(db, 'often');
    expect(response.totalIsEstimate).toBe(true);
    expect(response.rankedAmong).toBeNull();
    expect(Math.abs(response.total - N / 3)).toBeLessThan(N * 0.05);
    expect(response.notice).toBeNull();
    const reference = referenceRanking(db, 'often');
    expect(
      recallAt(
        20,
        response.results.map((r) => r.id),
        reference,
      ),
    ).toBe(20);
    const scores = response.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Pages go on past the matches that used to be ranked.
    expect(search(db, 'often', { offset: COUNT_CAP }).results).toHaveLength(20);
  });

  it('ranks a word found in every source by relevance too, from the impact lists once built', () => {
    for (const build of [false, true]) {
      if (build) rebuildRankingIndex(db);
      for (const query of ['common', 'often', 'common often', 'often OR rare']) {
        const response = search(db, query);
        expect(response.sort).toBe('relevance');
        expect(
          recallAt(
            20,
            response.results.map((r) => r.id),
            referenceRanking(db, query),
          ),
          query,
        ).toBe(20);
      }
    }
  });

  it('counts and ranks exactly below the cap, and sorts by date exactly above it', () => {
    expect(search(db, 'rare')).toMatchObject({ total: N / 500, totalIsEstimate: false, rankedAmong: null });
    expect(search(db, 'rare').results).toHaveLength(N / 500);
    const byDate = search(db, 'often', { sort: 'date', limit: 5 });
    expect(byDate).toMatchObject({ rankedAmong: null, sort: 'date' });
    expect(byDate.results).toHaveLength(5);
  });
});
