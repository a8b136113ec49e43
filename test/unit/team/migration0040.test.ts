import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpTemp } from '../support/tempArchive';
import { parsedSource } from './support/parsedSource';
import { freshArchive, newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

const cluster = postgresClusterPerFile();
afterEach(cleanUpTemp);

describe.runIf(POSTGRES_PRESENT)('PostgreSQL migration 40: search parity', () => {
  it('gives a title-only match the start of its body, cut with "…", and a body match its marked words', async () => {
    const archive = await freshArchive('postgres', cluster);
    const body = `Officials met in Ottawa. ${'Intergovernmental interdepartmental consultations continued. '.repeat(10)}`;
    const outcome = await archive.importParsed(parsedSource(body, { title: 'Lithium outlook' }), 'a.txt');
    const [hit] = (await archive.search({ query: 'lithium', limit: 5, offset: 0 })).results;
    expect(hit?.id).toBe(outcome.kind === 'imported' ? outcome.id : -1);
    expect(hit?.snippet).toEqual([
      { text: expect.stringMatching(/^Officials met in Ottawa\..{150,}…$/), match: false },
    ]);
    const [inBody] = (await archive.search({ query: 'consultations', limit: 5, offset: 0 })).results;
    expect(inBody?.snippet.filter((part) => part.match).map((part) => part.text)).toContain('consultations');
  });

  it('keeps word counts through imports, edits and reclassification, and suggests no word above the clearance', async () => {
    const team = await newTeamDatabase(cluster());
    const cleared = await team.analyst('cleared', 'PROTECTED B');
    const reader = await team.analyst('reader', 'UNCLASSIFIED');
    await cleared.importParsed(parsedSource('The Halvorsen procurement memo names the supplier.'), 'b.txt', {
      classification: 'PROTECTED B',
    });
    const open = await cleared.importParsed(parsedSource('A public note on the frigate programme.'), 'a.txt');
    const suggest = async (archive: typeof reader, query: string) =>
      (await archive.search({ query, limit: 5, offset: 0 })).suggestions;
    expect(await suggest(cleared, 'Halvorsem')).toEqual(['halvorsen']);
    expect(await suggest(reader, 'Halvorsem')).toEqual([]);
    expect(await suggest(reader, 'frigatte')).toEqual(['frigate']);
    // A new title moves its words: the old one is no longer offered, the new one is.
    const id = open.kind === 'imported' ? open.id : -1;
    const edited = await cleared.updateMetadata(id, { title: 'Icebreaker note' }, (await cleared.revisionOf(id))!);
    expect(edited.kind).toBe('updated');
    expect(await suggest(reader, 'icebreakr')).toEqual(['icebreaker']);
    // Reclassified above the reader's clearance, its words leave the reader's list.
    await cleared.updateMetadata(id, { classification: 'PROTECTED B' }, (await cleared.revisionOf(id))!);
    expect(await suggest(reader, 'frigatte')).toEqual([]);
    expect(await suggest(cleared, 'frigatte')).toEqual(['frigate']);
  });
});
