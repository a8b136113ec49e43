import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpTemp, tempDir } from '../support/tempArchive';
import { newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

const cluster = postgresClusterPerFile();
afterEach(cleanUpTemp);

const LAUNCHER = join(__dirname, '..', '..', '..', 'bin', 'precis.cjs');

const LIBRARY = `TY  - RPRT
TI  - Northern Housing Needs Assessment
AU  - Okalik, Mary
PB  - Arctic Policy Institute
PY  - 2024
DO  - 10.5555/nhna.2024
L1  - files/3/housing.txt
ER  - 
TY  - NEWS
TI  - Ferry Service Cut for the Winter
T2  - Coastal Times
DA  - 2023/11
ER  - 
`;

describe.skipIf(!POSTGRES_PRESENT)('precis import LIBRARY --archive postgres://…', () => {
  it('keeps the attached file as the source, and each entry’s year or month, DOI and type', async () => {
    const team = await newTeamDatabase(cluster());
    const archive = await team.analyst('library_analyst', 'UNCLASSIFIED');
    const dir = tempDir();
    mkdirSync(join(dir, 'files', '3'), { recursive: true });
    writeFileSync(
      join(dir, 'files', '3', 'housing.txt'),
      'Overcrowding in northern communities is three times the national rate, the assessment found.\n',
    );
    writeFileSync(join(dir, 'library.ris'), LIBRARY);

    const run = spawnSync(
      process.execPath,
      [
        LAUNCHER,
        'import',
        join(dir, 'library.ris'),
        '--json',
        '--archive',
        team.urlFor('library_analyst'),
        '--data-dir',
        tempDir(),
      ],
      { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { imported: { id: number; title: string }[]; failed: unknown[] };
    expect(report.failed).toEqual([]);

    const sources = await archive.listSources();
    const housing = sources.find((s) => s.title === 'Northern Housing Needs Assessment');
    const ferry = sources.find((s) => s.title === 'Ferry Service Cut for the Winter');
    // The attached file is the source (its text searchable), with the entry's metadata.
    expect(await archive.getSource(housing!.id)).toMatchObject({
      format: 'txt',
      body: expect.stringContaining('Overcrowding in northern communities'),
      outlet: 'Arctic Policy Institute',
      publishedAt: null,
      issued: '2024',
    });
    expect(ferry).toMatchObject({ format: 'reference', issued: '2023-11', publishedAt: null });
    const extras = await archive.referenceExtras([housing!.id, ferry!.id]);
    expect(extras.get(housing!.id)).toEqual({ doi: '10.5555/nhna.2024', itemType: 'report' });
    expect(extras.get(ferry!.id)).toEqual({ doi: null, itemType: 'article-newspaper' });
    expect((await archive.search({ query: 'overcrowding', limit: 5, offset: 0 })).total).toBe(1);
  });
});
