import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpTemp } from '../support/tempArchive';
import { archiveEnginesPerFile, importedId } from './support/engineArchive';
import { parsedSource } from './support/parsedSource';
import { POSTGRES_PRESENT } from './support/teamFixture';

const freshArchive = archiveEnginesPerFile();
afterEach(cleanUpTemp);

describe.runIf(POSTGRES_PRESENT)('PostgreSQL migration 40: lead snippets', () => {
  it('gives a title-only match the start of its body, cut with "…", and a body match its marked words', async () => {
    const { archive } = await freshArchive('postgres');
    const body = `Officials met in Ottawa. ${'Intergovernmental interdepartmental consultations continued. '.repeat(10)}`;
    const titled = await importedId(archive, parsedSource(body, { title: 'Lithium outlook' }));
    const [hit] = (await archive.search({ query: 'lithium', limit: 5, offset: 0 })).results;
    expect(hit?.id).toBe(titled);
    expect(hit?.snippet).toEqual([
      { text: expect.stringMatching(/^Officials met in Ottawa\..{150,}…$/), match: false },
    ]);
    const [inBody] = (await archive.search({ query: 'consultations', limit: 5, offset: 0 })).results;
    expect(inBody?.snippet.filter((part) => part.match).map((part) => part.text)).toContain('consultations');
  });
});
