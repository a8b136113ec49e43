import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { insertSources } from '../../../main/archive/sources';
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
