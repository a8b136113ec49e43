import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../main/core';
import { dispatch } from '../../../main/dispatch';
import { cleanUpTemp, tempDir } from '../support/tempArchive';
import { parsedSource } from './support/parsedSource';
import { ANALYST_PASSWORD, newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

const cluster = postgresClusterPerFile();
afterEach(cleanUpTemp);

const LIBRARY = `@techreport{housing,
  title = {Housing Economic Account},
  institution = {Statistics Canada},
  year = {2024},
  doi = {10.25318/3610068801-eng}
}
`;

describe.skipIf(!POSTGRES_PRESENT)('a team source dated to its year or month, from search to the brief', () => {
  it('shows the month in search, and the local copy a brief cites keeps the date, DOI and type offline', async () => {
    const team = await newTeamDatabase(cluster());
    const archive = await team.analyst('copies_analyst', 'UNCLASSIFIED');
    await archive.importParsed(
      parsedSource('The housing report for the month of November.', {
        title: 'Housing starts report',
        issued: '2024-11',
        provenance: { title: 'headline', publishedAt: 'cover-page' },
      }),
      'cover.txt',
    );
    await archive.importReferences('library.bib', new TextEncoder().encode(LIBRARY));
    const core = await openCore({
      dataDir: tempDir(),
      seedsDir: null,
      mode: 'browser',
      version: 'test',
      allowRepair: true,
    });
    try {
      const call = async (method: string, input: unknown = {}) => {
        const result = await dispatch(core.handlers, method, input);
        if (!result.ok) throw new Error(result.error.message);
        return result.value as never;
      };
      const url = team.urlFor('copies_analyst').replace(`:${ANALYST_PASSWORD}`, '');
      await call('connectTeamArchive', { url, password: ANALYST_PASSWORD });
      const hits = async (query: string) =>
        ((await call('search', { query })) as { results: { id: number; issued?: string; publishedAt: null }[] })
          .results;
      const [cover] = await hits('housing starts');
      expect(cover).toMatchObject({ publishedAt: null, issued: '2024-11' });
      const [report] = await hits('economic account');
      expect(report).toMatchObject({ publishedAt: null, issued: '2024' });

      // Opening them makes the local copies a brief cites.
      const coverCopy = (await call('getSource', { id: cover!.id })) as { id: number; issued: string | null };
      const reportCopy = (await call('getSource', { id: report!.id })) as { id: number; issued: string | null };
      expect(coverCopy.issued).toBe('2024-11');
      expect(reportCopy.issued).toBe('2024');
      await call('disconnectTeamArchive');

      // Offline, the footnotes and the reference export read them from the local copies.
      const facts = (await call('citationFacts', { sourceIds: [coverCopy.id, reportCopy.id] })) as {
        issued?: string | null;
      }[];
      expect(facts.map((fact) => fact.issued)).toEqual(['2024-11', '2024']);
      const exported = (await call('exportSourceMetadata', { format: 'csl-json', ids: [reportCopy.id] })) as {
        text: string;
      };
      expect(JSON.parse(exported.text)[0]).toMatchObject({
        type: 'report',
        DOI: '10.25318/3610068801-eng',
        issued: { 'date-parts': [[2024]] },
      });
    } finally {
      core.close();
    }
  });
});
