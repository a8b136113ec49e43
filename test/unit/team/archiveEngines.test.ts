import { afterEach, describe, expect, it } from 'vitest';
import type { SourceArchive } from '../../../main/archive/sourceArchive';
import { SearchResponse } from '../../../shared/contract';
import { SourceDetail, SourceSummary } from '../../../shared/source';
import { cleanUpTemp } from '../support/tempArchive';
import { parsedSource, storyBody } from './support/parsedSource';
import { ENGINES, freshArchive, postgresClusterPerFile } from './support/teamFixture';

const cluster = postgresClusterPerFile();
afterEach(cleanUpTemp);

async function imported(archive: SourceArchive, body: string, fields: Parameters<typeof parsedSource>[1] = {}) {
  const outcome = await archive.importParsed(parsedSource(body, fields), 'a.txt');
  expect(outcome.kind).toBe('imported');
  return outcome.kind === 'imported' ? outcome.id : -1;
}

const ids = (response: { results: { id: number }[] }) => response.results.map((hit) => hit.id);

// The same archive tests against each engine: the embedded SQLite archive and a real PostgreSQL
// cluster (no mocks, no in-memory imitation).
describe.each(ENGINES)('the %s archive', (engine) => {
  it('imports, reads back, lists and counts sources in the contract shapes; exact copies are duplicates', async () => {
    const archive = await freshArchive(engine, cluster);
    const a = await imported(archive, 'One two three, about the frigate programme.', {
      title: 'Frigates',
      publishedAt: '2024-03-05',
      outlet: 'Le Devoir',
    });
    const b = await imported(archive, 'Four five six, about housing starts.', { title: 'Housing' });
    const detail = await archive.getSource(a);
    expect(SourceDetail.parse(detail)).toEqual(detail);
    expect(detail).toMatchObject({
      id: a,
      title: 'Frigates',
      outlet: 'Le Devoir',
      publishedAt: '2024-03-05',
      wordCount: 7,
    });
    const list = await archive.listSources();
    expect(list.map((s) => s.id)).toEqual([b, a]);
    for (const s of list) expect(SourceSummary.strict().parse(s)).toEqual(s);
    expect(await archive.count()).toBe(2);
    const again = await archive.importParsed(parsedSource('ONE two   three, about the Frigate programme.'), 'b.txt');
    expect(again).toEqual({ kind: 'duplicate', duplicateOf: a });
    expect(await archive.count()).toBe(2);
    expect(await archive.getSource(987654)).toBeNull();
  });

  it('groups a near-duplicate into its cluster and lists the cluster once in search', async () => {
    const archive = await freshArchive(engine, cluster);
    const head = await imported(archive, storyBody('frigate'), { title: 'Frigate review announced' });
    const copy = await imported(archive, storyBody('frigate', ' at the latest'), { title: 'Review of frigates' });
    await imported(
      archive,
      'Housing starts rose in March as builders broke ground on rental towers in Toronto, Vancouver and Halifax, ' +
        'while mortgage rates eased and the frigate yard in Halifax hired welders for its apprenticeship scheme.',
      { title: 'Housing starts' },
    );
    const members = await archive.listClusterMembers(head);
    expect(members.map((s) => s.id)).toContain(copy);
    const response = await archive.search({ query: 'frigate', limit: 20, offset: 0 });
    expect(SearchResponse.parse(response)).toEqual(response);
    expect(response.results).toHaveLength(2);
    expect(response.results.find((hit) => hit.clusterId === head)).toMatchObject({ clusterSize: 2 });
    const versions = await archive.search({ query: `frigate cluster:${copy}`, limit: 20, offset: 0 });
    expect(ids(versions).sort()).toEqual([head, copy].sort());
  });

  it('searches words, phrases, prefixes, OR and exclusions, ignoring accents and case, title above body', async () => {
    const archive = await freshArchive(engine, cluster);
    const security = await imported(archive, 'La politique de sécurité nationale du Canada change cette année.', {
      title: 'Politique',
      language: 'fr',
    });
    const titled = await imported(archive, 'A report on ports, shipping and the economy of the coasts.', {
      title: 'Arctic sovereignty',
    });
    const body = await imported(archive, 'The arctic was mentioned once in a long text about fisheries and quotas.', {
      title: 'Fisheries',
    });
    const search = (query: string) => archive.search({ query, limit: 20, offset: 0 });
    expect(ids(await search('securite'))).toEqual([security]);
    expect(ids(await search('SÉCURITÉ Nationale'))).toEqual([security]);
    expect(ids(await search('arctic'))).toEqual([titled, body]);
    expect(ids(await search('"sécurité nationale"'))).toEqual([security]);
    expect(ids(await search('"nationale sécurité"'))).toEqual([]);
    expect(ids(await search('fisher*'))).toEqual([body]);
    expect(ids(await search('quotas OR ports')).sort()).toEqual([titled, body].sort());
    expect(ids(await search('arctic -quotas'))).toEqual([titled]);
    const hit = (await search('quotas')).results[0]!;
    expect(hit.snippet.filter((part) => part.match).map((part) => part.text.toLowerCase())).toContain('quotas');
    // Typed operators of either engine are only words.
    expect((await search('title:arctic NEAR( ^ & | !')).results).toEqual([]);
  });

  it('filters by outlet, author, language, tag and dates', async () => {
    const archive = await freshArchive(engine, cluster);
    const a = await imported(archive, 'Budget measures for the navy were announced.', {
      title: 'Budget',
      outlet: 'Globe and Mail',
      author: 'Jane Doe',
      publishedAt: '2023-05-01',
      language: 'en',
    });
    const b = await imported(archive, 'Le budget de la marine a été annoncé.', {
      title: 'Budget marine',
      outlet: 'Le Devoir',
      author: 'Jean Tremblay',
      publishedAt: '2024-02-10',
      language: 'fr',
    });
    const revision = (await archive.revisionOf(b))!;
    const tagged = await archive.updateMetadata(b, { tags: ['Sécurité', 'navy'] }, revision);
    expect(tagged.kind).toBe('updated');
    const search = async (query: string) => ids(await archive.search({ query, limit: 20, offset: 0 }));
    expect(await search('budget outlet:devoir')).toEqual([b]);
    expect(await search('budget author:"jane doe"')).toEqual([a]);
    expect(await search('budget lang:fr')).toEqual([b]);
    expect(await search('budget lang:english')).toEqual([a]);
    expect(await search('tag:securite')).toEqual([b]);
    expect(await search('budget -tag:navy')).toEqual([a]);
    expect(await search('budget after:2024')).toEqual([b]);
    expect(await search('budget before:2024-01-01')).toEqual([a]);
    expect(await search('after:2023 before:2025')).toEqual([b, a]);
  });

  it('edits metadata against a revision: the stale edit is refused as a conflict and loses nothing', async () => {
    const archive = await freshArchive(engine, cluster);
    const id = await imported(archive, 'A text to edit twice.', { title: 'Original' });
    const base = (await archive.revisionOf(id))!;
    const first = await archive.updateMetadata(id, { title: 'First analyst', reliability: 'B' }, base);
    expect(first).toMatchObject({ kind: 'updated', source: { title: 'First analyst', reliability: 'B' } });
    const second = await archive.updateMetadata(id, { title: 'Second analyst' }, base);
    expect(second.kind).toBe('conflict');
    if (second.kind !== 'conflict' || first.kind !== 'updated') return;
    expect(second.revision).toBe(first.revision);
    expect(second.source.title).toBe('First analyst');
    expect((await archive.getSource(id))?.title).toBe('First analyst');
    const retried = await archive.updateMetadata(id, { title: 'Second analyst' }, second.revision);
    expect(retried).toMatchObject({ kind: 'updated', source: { title: 'Second analyst', reliability: 'B' } });
    expect(await archive.updateMetadata(424242, { title: 'x' }, 1)).toEqual({ kind: 'not-found' });
  });

  it('marks what it imports with the classification given', async () => {
    const archive = await freshArchive(engine, cluster);
    const outcome = await archive.importParsed(parsedSource('A protected memo on procurement.'), 'memo.txt', {
      classification: 'PROTECTED B',
    });
    expect(outcome.kind).toBe('imported');
    if (outcome.kind !== 'imported') return;
    expect((await archive.getSource(outcome.id))?.classification).toBe('PROTECTED B');
    expect((await archive.exportSources([outcome.id])).map((s) => s.id)).toEqual([outcome.id]);
  });
});
