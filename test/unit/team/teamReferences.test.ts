import { describe, expect, it } from 'vitest';
import { archiveSourceHandlers } from '../../../main/handlers/teamSourceHandlers';
import { openPostgresArchive } from '../../../main/team/postgresArchive';
import { withOwner } from '../../../main/team/teamAdmin';
import { parsedSource } from './support/parsedSource';
import { ANALYST_PASSWORD, newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

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

  it('fails only the entries the analyst may not write, and imports the rest of the library', async () => {
    const team = await newTeamDatabase(cluster());
    const cleared = await team.analyst('refs_owner_b', 'PROTECTED B');
    const existing = await cleared.importParsed(
      parsedSource('The frigate programme cost more than planned, the auditor found.', {
        title: 'The Frigate Programme Costs',
        url: 'https://example.org/frigates',
      }),
      'frigates.txt',
    );
    expect(existing.kind).toBe('imported');
    // A contributor the DBA lets add sources but not change them: it sees the frigate source, may not fill it.
    await withOwner(team.ownerUrl, undefined, async (client) => {
      await client.query(`CREATE ROLE refs_contributor LOGIN PASSWORD '${ANALYST_PASSWORD}'`);
      await client.query('GRANT USAGE ON SCHEMA public TO refs_contributor');
      await client.query('GRANT SELECT ON sources, source_tags, classification_levels, clearances TO refs_contributor');
      await client.query(
        `GRANT INSERT (title, outlet, author, published_at, language, url, body, original, content_hash, file_name,
           word_count, format, classification, provenance, issued, doi, item_type) ON sources TO refs_contributor`,
      );
      await client.query('GRANT EXECUTE ON FUNCTION precis_read_sources, precis_clearance TO refs_contributor');
      await client.query(
        "INSERT INTO clearances (role_name, classification) VALUES ('refs_contributor', 'UNCLASSIFIED')",
      );
    });
    const contributor = openPostgresArchive({ url: team.urlFor('refs_contributor'), max: 2 });
    try {
      const outcome = await archiveSourceHandlers(contributor).importFile({ name: 'library.bib', base64: base64(BIB) });
      expect(outcome).toMatchObject({
        kind: 'references',
        created: [{ title: 'Arctic Sovereignty Options' }],
        updated: [],
        failed: [
          { title: 'The Frigate Programme Costs', error: expect.stringMatching(/^Refused by the team archive/) },
        ],
      });
      // Nothing of the refused entry was written.
      expect((await cleared.getSource(existing.kind === 'imported' ? existing.id : -1))?.outlet).toBeNull();

      // An analyst who asks for a marking above their clearance: every entry refused, each said so.
      const reader = await team.analyst('refs_reader_u', 'UNCLASSIFIED');
      const marked = await archiveSourceHandlers(reader, { classification: 'PROTECTED B' }).importFile({
        name: 'shipyards.ris',
        base64: base64(RIS),
      });
      expect(marked).toMatchObject({
        kind: 'references',
        created: [],
        failed: [{ title: 'Northern Shipyards Review' }],
      });
    } finally {
      await contributor.close();
    }
  });
});
