import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { insertSources } from '../../../main/archive/sources';
import { clusterMap, clusterSize, clustersOf, headOf } from '../../../main/search/clusterMap';
import { searchSources } from '../../../main/search/searchSources';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

const source = (n: number) => ({
  title: `Wheat exports ${n}`,
  body: `Wheat exports rose again, report ${n} says.`,
  outlet: null,
  author: null,
  publishedAt: null,
  url: null,
  language: 'en',
  original: '',
  fileName: `${n}.txt`,
});

/*
 * Search reads clusters from a map kept per connection (clusterMap.ts): a source clustered or
 * set apart afterwards, by this connection or another process's, shows at the next search.
 */
describe('clusters in search results', () => {
  it('follow a change made by this connection and by another one', () => {
    const { db, file } = tempArchive();
    const [a, b, c] = insertSources(db, [source(1), source(2), source(3)]).map((outcome) =>
      outcome.kind === 'inserted' ? outcome.id : Number.NaN,
    );
    const search = () => searchSources(db, { query: 'wheat', limit: 20, offset: 0, sort: 'relevance' });
    expect(search().total).toBe(3);

    db.prepare('UPDATE sources SET cluster_id = ? WHERE id = ?').run(a, b);
    const once = search();
    expect(once.total).toBe(2);
    expect(once.results.find((r) => r.clusterId === a)).toMatchObject({ clusterSize: 2 });

    const other = new Database(file);
    other.prepare('UPDATE sources SET cluster_id = ? WHERE id = ?').run(a, c);
    expect(search().total).toBe(1);
    expect(search().results[0]).toMatchObject({ clusterId: a, clusterSize: 3 });
    other.prepare('UPDATE sources SET cluster_id = NULL').run();
    other.close();
    expect(search().results.map((r) => r.clusterSize)).toEqual([1, 1, 1]);
  });
});

/*
 * A page's clusters are read from its own rows, without the whole map, on a connection that has
 * none (a process that searches once): the same heads and sizes as the map's.
 */
describe('the clusters of a page', () => {
  it('are those of the whole map, read from the page’s rows', () => {
    const { db, file } = tempArchive();
    const ids = insertSources(
      db,
      Array.from({ length: 40 }, (_, i) => source(i + 1)),
    ).map((outcome) => (outcome.kind === 'inserted' ? outcome.id : Number.NaN));
    // Three clusters: a head with four members, one with one, and one whose head is outside the pages below.
    for (const member of ids.slice(1, 5))
      db.prepare('UPDATE sources SET cluster_id = ? WHERE id = ?').run(ids[0], member);
    db.prepare('UPDATE sources SET cluster_id = ? WHERE id = ?').run(ids[10], ids[11]);
    for (const member of ids.slice(31, 34))
      db.prepare('UPDATE sources SET cluster_id = ? WHERE id = ?').run(ids[30], member);
    db.close();

    const pages = [ids.slice(0, 20), ids.slice(2, 12), ids.slice(31, 40), [ids[33]!, ids[0]!, ids[11]!], []];
    const fresh = new Database(file, { readonly: true });
    const read = pages.map((page) => clustersOf(fresh, page));
    const map = clusterMap(fresh);
    pages.forEach((page, i) => {
      for (const id of page) {
        expect(headOf(read[i]!, id), `head of ${id}`).toBe(headOf(map, id));
        expect(clusterSize(read[i]!, headOf(read[i]!, id)), `size of ${id}`).toBe(clusterSize(map, headOf(map, id)));
      }
    });
    fresh.close();
  });
});
