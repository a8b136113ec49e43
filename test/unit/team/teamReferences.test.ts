import { describe, expect, it } from 'vitest';
import { archiveSourceHandlers } from '../../../main/handlers/teamSourceHandlers';
import { parsedSource } from './support/parsedSource';
import { newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

const cluster = postgresClusterPerFile();

const BIB = `@article{frigate,
  title = {The Frigate Programme Costs},
  author = {Tremblay, Marie},
  journal = {Defence Review},
  year = {2024},
  month = {3},
  day = {5},
  url = {https://example.org/frigates}
}
@report{arctic,
  title = {Arctic Sovereignty Options},
  author = {Roy, Luc},
  institution = {Policy Institute},
  year = {2023}
}
`;

const RIS = `TY  - JOUR
TI  - Northern Shipyards Review
AU  - Singh, Priya
T2  - Maritime Quarterly
PY  - 2022
ER  - 
`;

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe.skipIf(!POSTGRES_PRESENT)('import of a reference manager export into the team archive', () => {
  it('fills the source an entry matches, creates metadata-only sources for the rest, marked as asked and hidden above clearance', async () => {
    const team = await newTeamDatabase(cluster());
    const cleared = await team.analyst('refs_b', 'PROTECTED B');
    const reader = await team.analyst('refs_u', 'UNCLASSIFIED');
    const existing = await cleared.importParsed(
      parsedSource('The frigate programme cost more than planned, the auditor found.', {
        title: 'The Frigate Programme Costs',
        url: 'https://example.org/frigates',
        provenance: { title: 'headline', url: 'meta-tag' },
      }),
      'frigates.txt',
    );
    expect(existing.kind).toBe('imported');
    if (existing.kind !== 'imported') return;
    // The analyst's own word on the author wins over the library's.
    await cleared.updateMetadata(existing.id, { author: 'Our own attribution' }, 1);

    const open = archiveSourceHandlers(cleared);
    const bib = await open.importFile({ name: 'library.bib', base64: base64(BIB) });
    expect(bib.kind).toBe('references');
    if (bib.kind !== 'references') return;
    expect(bib.updated.map((u) => u.id)).toEqual([existing.id]);
    expect(bib.updated[0]!.fields).toContain('outlet');
    expect(bib.created.map((c) => c.title)).toEqual(['Arctic Sovereignty Options']);
    const filled = await cleared.getSource(existing.id);
    expect(filled?.outlet).toBe('Defence Review');
    expect(filled?.publishedAt).toBe('2024-03-05');
    expect(filled?.author).toBe('Our own attribution');
    const arctic = await cleared.getSource(bib.created[0]!.id);
    expect(arctic).toMatchObject({ format: 'reference', body: '', classification: 'UNCLASSIFIED', author: 'Luc Roy' });

    // The same library again changes nothing and creates nothing.
    const again = await open.importFile({ name: 'library.bib', base64: base64(BIB) });
    expect(again.kind === 'references' && again.created.length + again.updated.length).toBe(0);

    const marked = archiveSourceHandlers(cleared, { classification: 'PROTECTED B' });
    const ris = await marked.importFile({ name: 'shipyards.ris', base64: base64(RIS) });
    expect(ris.kind).toBe('references');
    if (ris.kind !== 'references') return;
    expect(ris.created.map((c) => c.title)).toEqual(['Northern Shipyards Review']);
    const shipyards = ris.created[0]!.id;
    expect((await cleared.getSource(shipyards))?.classification).toBe('PROTECTED B');
    expect(await reader.getSource(shipyards)).toBeNull();
    expect((await reader.listSources()).map((s) => s.title).sort()).toEqual([
      'Arctic Sovereignty Options',
      'The Frigate Programme Costs',
    ]);
  });
});
