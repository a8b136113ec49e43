import { afterEach, describe, expect, it } from 'vitest';
import { archiveSourceHandlers } from '../../../main/handlers/teamSourceHandlers';
import { SourceDetail, SourceSummary } from '../../../shared/source';
import { cleanUpTemp } from '../support/tempArchive';
import { archiveEnginesPerFile, importedId } from './support/engineArchive';
import { parsedSource } from './support/parsedSource';
import { ENGINES } from './support/teamFixture';

afterEach(cleanUpTemp);

const freshArchive = archiveEnginesPerFile();
const bytes = (text: string) => new TextEncoder().encode(text);

const LIBRARY = `@techreport{housing,
  title = {Housing Economic Account},
  author = {{Statistics Canada}},
  institution = {Statistics Canada},
  year = {2024},
  doi = {10.25318/3610068801-eng}
}
@article{frigate,
  title = {The Frigate Programme Costs},
  journal = {Defence Review},
  year = {2023},
  month = {3},
  url = {https://example.org/frigates}
}
`;

// The same tests against the embedded archive and a real PostgreSQL team archive (issue 16: the
// team engine kept no partial dates, DOIs or item types).
describe.each(ENGINES)('reference details (%s)', (engine) => {
  it('keeps a printed cover month as the source’s date, never a made-up day', async () => {
    const { archive } = await freshArchive(engine);
    const id = await importedId(
      archive,
      parsedSource('The housing report for the month.', {
        title: 'Housing report',
        issued: '2024-11',
        provenance: { title: 'headline', publishedAt: 'cover-page' },
      }),
    );
    const source = await archive.getSource(id);
    expect(SourceDetail.parse(source)).toEqual(source);
    expect(source).toMatchObject({ publishedAt: null, issued: '2024-11' });
    // The month is evidence of a date: the source does not ask for a date review.
    expect(source?.provenance.publishedAt.from).toBe('cover-page');
    const [summary] = await archive.listSources();
    expect(SourceSummary.strict().parse(summary)).toEqual(summary);
    expect(summary?.issued).toBe('2024-11');
  });

  it('gives a search hit with no day its year or month, on both engines', async () => {
    const { archive } = await freshArchive(engine);
    await importedId(
      archive,
      parsedSource('The housing report for the month of November.', {
        title: 'Housing starts report',
        issued: '2023-11',
        provenance: { title: 'headline', publishedAt: 'cover-page' },
      }),
    );
    await archive.importReferences('library.bib', bytes(LIBRARY));
    const hit = async (query: string) => (await archive.search({ query, limit: 5, offset: 0 })).results[0];
    expect(await hit('housing starts')).toMatchObject({ publishedAt: null, issued: '2023-11' });
    expect(await hit('economic account')).toMatchObject({ publishedAt: null, issued: '2024' });
    // A source with a full day carries no `issued`: the day says more.
    await importedId(
      archive,
      parsedSource('The frigate programme ran late.', { title: 'Frigate delays', publishedAt: '2024-02-05' }),
    );
    const dated = await hit('frigate delays');
    expect(dated).toMatchObject({ publishedAt: '2024-02-05' });
    expect(dated?.issued).toBeUndefined();
  });

  it('keeps a library’s year, month, DOI and item type, and exports them as they came in', async () => {
    const { archive } = await freshArchive(engine);
    const outcome = await archive.importReferences('library.bib', bytes(LIBRARY));
    if (outcome.kind !== 'references') throw new Error(JSON.stringify(outcome));
    const [housing, frigate] = outcome.created;
    expect(await archive.getSource(housing!.id)).toMatchObject({ issued: '2024', publishedAt: null });
    expect(await archive.getSource(frigate!.id)).toMatchObject({ issued: '2023-03', publishedAt: null });

    const exported = await archiveSourceHandlers(archive).exportSourceMetadata({
      format: 'csl-json',
      ids: [housing!.id, frigate!.id],
    });
    const items = JSON.parse(exported.text);
    expect(items[0]).toMatchObject({
      type: 'report',
      DOI: '10.25318/3610068801-eng',
      issued: { 'date-parts': [[2024]] },
    });
    expect(items[1]).toMatchObject({ issued: { 'date-parts': [[2023, 3]] } });

    // The same library again matches them (by DOI, or by title and month): nothing new.
    const again = await archive.importReferences('library.bib', bytes(LIBRARY));
    expect(again.kind === 'references' && again.unchanged.map((u) => u.id)).toEqual([housing!.id, frigate!.id]);
  });

  it('gives a source the year its library gives, and lets a full day win over it', async () => {
    const { archive } = await freshArchive(engine);
    const id = await importedId(
      archive,
      parsedSource('The frigate programme cost more than planned.', {
        title: 'The Frigate Programme Costs',
        url: 'https://example.org/frigates',
      }),
    );
    await archive.importReferences('library.bib', bytes(LIBRARY));
    expect(await archive.getSource(id)).toMatchObject({
      issued: '2023-03',
      publishedAt: null,
      outlet: 'Defence Review',
    });
    const revision = (await archive.revisionOf(id))!;
    const edited = await archive.updateMetadata(id, { publishedAt: '2023-03-14' }, revision);
    expect(edited.kind).toBe('updated');
    expect(await archive.getSource(id)).toMatchObject({ publishedAt: '2023-03-14', issued: null });
  });
});
