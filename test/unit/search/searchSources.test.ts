import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { getSource, insertSource } from '../../../main/archive/sources';
import { importPaths } from '../../../main/importers/importPaths';
import type { ParsedSource } from '../../../main/importers/plainText';
import { NOTICES } from '../../../main/search/queryParser';
import { searchSources } from '../../../main/search/searchSources';
import { SearchResponse } from '../../../shared/contract';
import { cleanUpTemp, SEEDS_DIR, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

/** Seed id by file-name prefix ("004"), in a freshly seeded archive. */
async function seededArchive(): Promise<{ db: Db; id: (prefix: string) => number }> {
  const { db } = tempArchive();
  const report = await importPaths(db, [SEEDS_DIR]);
  const files = readdirSync(SEEDS_DIR).sort();
  expect(report.imported).toHaveLength(files.length);
  const id = (prefix: string) => report.imported.find((i) => i.path.includes(`${prefix}_`))!.id;
  return { db, id };
}

const search = (db: Db, query: string, limit = 20, offset = 0) =>
  SearchResponse.parse(searchSources(db, { query, limit, offset }));

// Seeds 000 and 001 are one story in two languages, one cluster: search lists it once.
const clusters = (response: SearchResponse) => response.results.map((r) => r.clusterId).sort();
const clusterOf = (db: Db, ids: number[]) =>
  [
    ...new Set(ids.map((i) => db.prepare('SELECT coalesce(cluster_id, id) FROM sources WHERE id = ?').pluck().get(i))),
  ].sort();

function add(db: Db, title: string, body: string): number {
  const source: ParsedSource & { fileName: null } = {
    title,
    body,
    original: body,
    outlet: null,
    author: null,
    publishedAt: null,
    url: null,
    language: 'en',
    fileName: null,
  };
  const outcome = insertSource(db, source);
  if (outcome.kind !== 'inserted') throw new Error('duplicate');
  return outcome.id;
}

describe('searchSources on the seed archive', () => {
  let db: Db;
  let id: (prefix: string) => number;
  beforeEach(async () => {
    ({ db, id } = await seededArchive());
  });

  it('finds the sources mentioning Five Eyes, best first, with highlighted snippets', () => {
    const response = search(db, 'Five Eyes');
    // 002 names Five Eyes only in its closing "Read more:" list of other headlines, which import
    // keeps out of the searchable body (issue #3).
    expect(response.total).toBe(2);
    expect(response.notice).toBeNull();
    expect(response.suggestions).toEqual([]);
    expect(clusters(response)).toEqual(clusterOf(db, [id('000'), id('001'), id('004')]));
    const scores = response.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s > 0)).toBe(true);
    for (const hit of response.results) {
      const matched = hit.snippet.filter((p) => p.match).map((p) => p.text);
      expect(matched.length).toBeGreaterThan(0);
      for (const text of matched) expect(text).toMatch(/Five|Eyes/i);
      expect(hit.snippet.map((p) => p.text).join('')).not.toMatch(/[\uE000\uE001\n]/);
    }
    const hit004 = response.results.find((r) => r.id === id('004'))!;
    expect(hit004).toMatchObject({
      title: 'Canada, Japan begin formal talks on intelligence-sharing pact, further military ties',
      outlet: 'The Canadian Press',
      publishedAt: null,
    });
    expect(search(db, 'Seoul').results.find((r) => r.id === id('002'))?.publishedAt).toBe('2023-04-13');
  });

  it("gives every hit its own source's title and a snippet taken from its own body", () => {
    for (const query of ['Five Eyes', 'Canada', 'intellig*', 'Japan OR Korea', '"South Korea" -Tokyo']) {
      const response = search(db, query);
      expect(response.results.length).toBeGreaterThan(0);
      for (const hit of response.results) {
        const source = getSource(db, hit.id)!;
        expect(hit.title).toBe(source.title);
        const snippet = hit.snippet
          .map((p) => p.text)
          .join('')
          .replace(/^…|…$/g, '')
          .trim();
        expect(source.body.replace(/\s+/g, ' ')).toContain(snippet);
      }
    }
  });

  it('ignores accents: melanie finds Mélanie', () => {
    const response = search(db, 'melanie');
    expect(clusters(response)).toEqual(clusterOf(db, [id('000'), id('001'), id('002'), id('004')]));
    const hit000 = response.results.find((r) => r.id === id('004'))!;
    expect(hit000.snippet.find((p) => p.match)?.text).toBe('Mélanie');
    expect(search(db, 'MÉLANIE').total).toBe(3);
  });

  it('matches exact phrases only in order', () => {
    expect(clusters(search(db, '"intelligence alliance"'))).toEqual(clusterOf(db, [id('000'), id('001'), id('004')]));
    expect(search(db, '"alliance intelligence"').total).toBe(0);
  });

  it('matches prefixes', () => {
    const response = search(db, 'intellig*');
    expect(response.total).toBe(4);
    expect(search(db, 'intellig').total).toBe(0);
  });

  it('matches either side of OR', () => {
    expect(search(db, 'Fukushima').results.map((r) => r.id)).toEqual([id('004')]);
    expect(search(db, 'Halifax').results.map((r) => r.id)).toEqual([id('003')]);
    expect(
      search(db, 'Fukushima OR Halifax')
        .results.map((r) => r.id)
        .sort(),
    ).toEqual([id('003'), id('004')].sort());
  });

  it('drops sources that contain an excluded word', () => {
    const all = search(db, 'Five Eyes').results.map((r) => r.id);
    const without = search(db, 'Five Eyes -Tokyo').results.map((r) => r.id);
    expect(without.sort()).toEqual(all.filter((i) => i !== id('002') && i !== id('004')).sort());
    for (const hitId of without) expect(getSource(db, hitId)?.body).not.toContain('Tokyo');
    expect(search(db, 'Five Eyes -"Five Eyes"').total).toBe(0);
  });

  it('pages through results, with the total of all matches (a cluster counts once)', () => {
    const full = search(db, 'Canada');
    expect(full.total).toBe(4);
    const pages = [0, 2, 4].flatMap((offset) => search(db, 'Canada', 2, offset).results.map((r) => r.id));
    expect(pages).toEqual(full.results.map((r) => r.id));
    const beyond = search(db, 'Canada', 2, 10);
    expect(beyond).toMatchObject({ total: 4, results: [] });
  });

  it('returns nothing for an empty query, and explains an exclusion-only one', () => {
    expect(search(db, '')).toEqual({
      query: '',
      total: 0,
      results: [],
      suggestions: [],
      notice: null,
      notices: [],
      terms: [],
      sort: 'date',
      totalIsEstimate: false,
      rankedAmong: null,
    });
    expect(search(db, '   ')).toMatchObject({ total: 0, results: [] });
    expect(search(db, '-Japan')).toMatchObject({ total: 0, results: [], notice: NOTICES.exclusionsOnly });
  });
});

describe('searchSources ranking and snippets', () => {
  it('ranks a source with the word in its title above one with it only in the body', () => {
    const { db } = tempArchive();
    const inBody = add(db, 'Energy outlook', 'Lithium prices rose. Lithium mines expanded. Supply was tight all year.');
    const inTitle = add(db, 'Lithium outlook', 'Prices of the metal rose. Mines expanded. Supply was tight all year.');
    const response = search(db, 'lithium');
    expect(response.results.map((r) => r.id)).toEqual([inTitle, inBody]);
  });

  it('shows the start of the body when only the title matched', () => {
    const { db } = tempArchive();
    // Long words, so that FTS5's own 24-token snippet would be far longer than our lead.
    const body = `Officials met in Ottawa. ${'Intergovernmental interdepartmental consultations continued. '.repeat(10)}`;
    add(db, 'Lithium outlook', body);
    const [hit] = search(db, 'lithium').results;
    expect(hit?.snippet).toHaveLength(1);
    expect(hit?.snippet[0]?.match).toBe(false);
    expect(hit?.snippet[0]?.text.startsWith('Officials met in Ottawa.')).toBe(true);
    expect(hit?.snippet[0]?.text.endsWith('…')).toBe(true);
    expect(hit?.snippet[0]?.text.length).toBeLessThanOrEqual(201);
  });

  it('stops finding a source once it is deleted', () => {
    const { db } = tempArchive();
    const sourceId = add(db, 'Outlook', 'Lithium prices rose.');
    expect(search(db, 'lithium').total).toBe(1);
    db.prepare('DELETE FROM sources WHERE id = ?').run(sourceId);
    expect(search(db, 'lithium')).toMatchObject({ total: 0, results: [] });
  });
});
