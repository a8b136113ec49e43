import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import type { SourceArchive } from '../../../main/archive/sourceArchive';
import { type ImportFacts, insertSources } from '../../../main/archive/sources';
import type { ParsedSource } from '../../../main/importers/plainText';
import { NOTICES } from '../../../main/search/queryParser';
import { rebuildRankingIndex } from '../../../main/search/rankingIndex';
import { COUNT_CAP } from '../../../main/search/searchPlan';
import { type SearchSort, searchSources } from '../../../main/search/searchSources';
import { recallAt, referenceRanking } from '../../support/referenceRanking';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';
import { archiveEnginesPerFile, type EngineArchive, importAll } from '../team/support/engineArchive';
import { ENGINES } from '../team/support/teamFixture';

afterEach(cleanUpTemp);
const freshArchive = archiveEnginesPerFile();

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

type SearchOptions = { limit?: number; offset?: number; sort?: SearchSort };
const searchIn = (archive: SourceArchive, query: string, options: SearchOptions = {}) =>
  archive.search({ query, limit: options.limit ?? 20, offset: options.offset ?? 0, sort: options.sort });
const search = (db: Db, query: string, options: SearchOptions = {}) =>
  searchSources(db, { query, limit: options.limit ?? 20, offset: options.offset ?? 0, sort: options.sort });
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

// The same tests against the embedded archive and a real PostgreSQL team archive (docs/team-archive.md).
describe.each(ENGINES)('search filters and sorting (%s)', (engine) => {
  let archive: SourceArchive;
  let admin: EngineArchive['admin'];
  const search = (query: string, options: SearchOptions = {}) => searchIn(archive, query, options);
  const ids = async (query: string, sort?: SearchSort) => (await search(query, { sort })).results.map((r) => r.id);
  let id: { cp: number; reuters: number; lapresse: number; undated: number; cpCopy: number };
  beforeEach(async () => {
    ({ archive, admin } = await freshArchive(engine));
    const [cp, reuters, lapresse, undated, cpCopy] = await importAll(archive, [
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
    const tag = async (sourceId: number | undefined, tags: string[]) =>
      expect((await archive.updateMetadata(sourceId!, { tags }, (await archive.revisionOf(sourceId!))!)).kind).toBe(
        'updated',
      );
    await tag(cp, ['Indo-Pacific']);
    await tag(reuters, ['Sécurité']);
    await tag(lapresse, ['indo-pacific follow-up']);
    id = { cp: cp!, reuters: reuters!, lapresse: lapresse!, undated: undated!, cpCopy: cpCopy! };
  });

  it('outlet: matches words of the outlet, quoted, in any case', async () => {
    expect(sorted(await ids('radar outlet:"canadian press"'))).toEqual(sorted([id.cp, id.undated]));
    expect(await ids('radar outlet:REUTERS')).toEqual([id.reuters]);
    expect(sorted(await ids('radar outlet:pres*'))).toEqual(sorted([id.cp, id.lapresse, id.undated, id.cpCopy]));
    // Whole words: "press" is not "Presse".
    expect(sorted(await ids('radar -outlet:press'))).toEqual(sorted([id.reuters, id.lapresse]));
  });

  it('author: ignores accents, and takes prefixes', async () => {
    expect(await ids('author:melanie')).toEqual([id.cp]);
    expect(await ids('author:cote')).toEqual([id.lapresse]);
    expect(await ids('author:"john smi"*')).toEqual([id.reuters]);
  });

  it('lang: by code or name', async () => {
    expect(await ids('radar lang:fr')).toEqual([id.lapresse]);
    expect(await ids('lang:français')).toEqual([id.lapresse]);
    expect(sorted(await ids('radar -lang:fr'))).toEqual(sorted([id.cp, id.reuters, id.undated, id.cpCopy]));
  });

  it('tag: ignores case and accents, takes prefixes, OR and exclusion', async () => {
    expect(await ids('radar tag:indo-pacific')).toEqual([id.cp]);
    expect(await ids('tag:securite')).toEqual([id.reuters]);
    expect(sorted(await ids('tag:indo*'))).toEqual(sorted([id.cp, id.lapresse]));
    expect(sorted(await ids('tag:"indo-pacific" OR tag:sécurité'))).toEqual(sorted([id.cp, id.reuters]));
    expect(sorted(await ids('radar -tag:indo*'))).toEqual(sorted([id.reuters, id.undated, id.cpCopy]));
    expect(await search('tag:nothing-like-this')).toMatchObject({ total: 0, results: [] });
  });

  it('after: is inclusive and before: exclusive; undated sources fall outside both', async () => {
    expect(sorted(await ids('radar after:2023-12-31'))).toEqual(sorted([id.lapresse, id.reuters]));
    expect(sorted(await ids('radar before:2023-12-31'))).toEqual(sorted([id.cp, id.cpCopy]));
    // Filters, not ranking, are under test: the two engines break a tie in relevance differently.
    expect(sorted(await ids('radar after:2023-04-14 before:2024'))).toEqual(sorted([id.lapresse, id.cpCopy]));
    expect(await ids('after:2024-01')).toEqual([id.reuters]);
  });

  it('says so when a date cannot be read, and searches without it', async () => {
    const response = await search('radar after:2023-02-30');
    expect(response.notice).toBe(NOTICES.badDate('after:2023-02-30'));
    expect(response.total).toBe(5);
  });

  // The copy joins the original's cluster only here: the other tests look at each source.
  const clusterTheCopy = () =>
    admin(
      {
        sqlite: 'UPDATE sources SET cluster_id = ? WHERE id = ?',
        postgres: 'UPDATE sources SET cluster_id = $1 WHERE id = $2',
      },
      [id.cp, id.cpCopy],
    );

  it('cluster: finds every version, named by the head or any member', async () => {
    await clusterTheCopy();
    expect(sorted(await ids(`cluster:${id.cp}`))).toEqual(sorted([id.cp, id.cpCopy]));
    expect(sorted(await ids(`radar cluster:${id.cpCopy}`))).toEqual(sorted([id.cp, id.cpCopy]));
    expect(sorted(await ids(`radar -cluster:${id.cp}`))).toEqual(sorted([id.reuters, id.lapresse, id.undated]));
    expect((await search('cluster:x')).notice).toBe(NOTICES.badCluster('cluster:x'));
  });

  it('lists filters alone newest first, undated last, with no snippet matches', async () => {
    const response = await search('outlet:pres*');
    expect(response.results.map((r) => r.id)).toEqual([id.lapresse, id.cpCopy, id.cp, id.undated]);
    expect(response).toMatchObject({ sort: 'date', total: 4, terms: [] });
    expect(response.results.every((r) => r.snippet.every((p) => !p.match) && r.score === 0)).toBe(true);
    expect(await ids(`-radar tag:sécurité`)).toEqual([]);
    expect(await ids(`-arctic tag:indo*`)).toEqual([id.lapresse]);
  });

  it('sorts words by date when asked, and pages through them', async () => {
    expect(await ids('radar', 'date')).toEqual([id.reuters, id.lapresse, id.cpCopy, id.cp, id.undated]);
    const pages: number[] = [];
    for (const offset of [0, 2, 4]) {
      pages.push(...(await search('radar', { limit: 2, offset, sort: 'date' })).results.map((r) => r.id));
    }
    expect(pages).toEqual([id.reuters, id.lapresse, id.cpCopy, id.cp, id.undated]);
    expect(await search('radar', { sort: 'date' })).toMatchObject({ sort: 'date', total: 5 });
  });

  it('ignores accents both ways: securite finds sécurité and sécurité finds Securite', async () => {
    expect(sorted(await ids('securite'))).toEqual(sorted([id.cp, id.lapresse]));
    expect(sorted(await ids('SÉCURITÉ'))).toEqual(sorted([id.cp, id.lapresse]));
    const hit = (await search('securite')).results.find((r) => r.id === id.cp)!;
    expect(hit.snippet.find((p) => p.match)?.text).toBe('sécurité');
  });

  it('lists a cluster once, as its best version, and counts clusters', async () => {
    await clusterTheCopy();
    for (const sort of ['relevance', 'date'] as const) {
      const response = await search('radar', { sort });
      expect(
        response.results.filter((r) => r.clusterId === id.cp),
        sort,
      ).toHaveLength(1);
      expect(response.total).toBe(4);
    }
    // The best version: the one a cluster: search (never collapsed) ranks first.
    const best = (await ids(`arctic radar cluster:${id.cp}`))[0];
    expect((await search('arctic radar')).results[0]).toMatchObject({ id: best, clusterSize: 2 });
    expect(await ids('syndicated')).toEqual([id.cpCopy]);
    // Newest first: the copy is a day younger.
    expect(await ids('radar', 'date')).toEqual([id.reuters, id.lapresse, id.cpCopy, id.undated]);
    expect(await ids('outlet:pres*')).toEqual([id.lapresse, id.cpCopy, id.undated]);
    // Pages count clusters: nothing is skipped or repeated.
    const pages: number[] = [];
    for (const offset of [0, 1, 2, 3])
      pages.push(...(await search('radar', { limit: 1, offset })).results.map((r) => r.id));
    expect(pages).toEqual(await ids('radar'));
    expect(new Set(pages).size).toBe(4);
  });

  it('gives each hit its author, language and cluster', async () => {
    await clusterTheCopy();
    const hit = (await search('radar outlet:"canadian press" author:tremblay')).results[0]!;
    expect(hit).toMatchObject({
      id: id.cp,
      author: 'Mélanie Tremblay',
      language: 'en',
      clusterId: id.cp,
      clusterSize: 2,
    });
    const copy = (await search('syndicated')).results[0]!;
    expect(copy).toMatchObject({ id: id.cpCopy, clusterId: id.cp, clusterSize: 2 });
    expect((await search('exports')).results[0]).toMatchObject({ clusterId: id.reuters, clusterSize: 1 });
  });

  it('returns plain words, phrases and prefix* as the terms to highlight', async () => {
    expect((await search('radar "share radar" exp* -korea outlet:reuters')).terms).toEqual([
      'radar',
      'share radar',
      'exp*',
    ]);
  });
});

// SQLite only: the count cap, the exact-ranking (impact list) index and bm25 are the local engine's own.
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

// The listing that decides an exact total: a probe of the newest matches, then the rest from
// below the probe's last one. Exactly COUNT_CAP matches are counted exactly; one more is not.
describe('an exact total up to the count cap, and no further', () => {
  let db: Db;
  beforeEach(() => {
    ({ db } = tempArchive());
    // "every" is in all COUNT_CAP + 1 sources, "most" in all but one (the third): neither is
    // common enough, from its newest 200, to skip listing.
    add(
      db,
      Array.from({ length: COUNT_CAP + 1 }, (_, i) => ({
        title: `Item ${i}`,
        body: `every ${i === 2 ? '' : 'most '}words ${i}`,
      })),
    );
  });
  afterEach(cleanUpTemp);

  it('counts exactly COUNT_CAP matches and estimates COUNT_CAP + 1', () => {
    const most = search(db, 'most', { limit: 1000 });
    expect([most.total, most.totalIsEstimate]).toEqual([COUNT_CAP, false]);
    expect(new Set(most.results.map((r) => r.id)).size).toBe(1000);
    expect(search(db, 'most', { offset: COUNT_CAP - 5 }).results).toHaveLength(5);
    const every = search(db, 'every');
    expect(every.totalIsEstimate).toBe(true);
  });
});
