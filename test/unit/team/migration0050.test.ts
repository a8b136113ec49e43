import { describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from '../../../main/team/migrations';
import { openPostgresArchive } from '../../../main/team/postgresArchive';
import { initTeamArchive, withOwner } from '../../../main/team/teamAdmin';
import { OWNER_PASSWORD, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

const cluster = postgresClusterPerFile();

describe.runIf(POSTGRES_PRESENT)('PostgreSQL migration 50: reference details', () => {
  it('adds the partial date, DOI and item type to an archive at version 40, keeping its sources', async () => {
    const ownerUrl = cluster().createOwnedDatabase('team_m50', 'owner_m50', OWNER_PASSWORD);
    // The archive as the version before this one left it, with a source in it.
    await withOwner(ownerUrl, undefined, async (client) => {
      await client.query('BEGIN');
      await client.query(
        'CREATE TABLE precis_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const migration of PG_MIGRATIONS.filter((m) => m.version <= 40)) {
        await client.query(migration.sql);
        await client.query('INSERT INTO precis_schema (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      }
      await client.query("INSERT INTO clearances (role_name, classification) VALUES (session_user, 'TOP SECRET')");
      await client.query(
        `INSERT INTO sources (title, body, original, content_hash, word_count, format)
         VALUES ('Old source', 'Some text.', 'Some text.', 'old-hash', 2, 'txt')`,
      );
      await client.query('COMMIT');
    });

    expect((await initTeamArchive(ownerUrl)).applied).toEqual(
      PG_MIGRATIONS.filter((m) => m.version > 40).map((m) => m.version),
    );
    const archive = openPostgresArchive({ url: ownerUrl, max: 2 });
    try {
      const [old] = await archive.listSources();
      expect(old).toMatchObject({ title: 'Old source', publishedAt: null, issued: null });
      // What the columns accept: a year or a month, a DOI, a CSL type; nothing else.
      const write = (sql: string) => withOwner(ownerUrl, undefined, (client) => client.query(sql));
      await write("UPDATE sources SET issued = '2024-11', doi = '10.1234/abc', item_type = 'report'");
      expect((await archive.getSource(old!.id))?.issued).toBe('2024-11');
      for (const bad of ["issued = 'November 2024'", "issued = '2024-11-05'", "doi = 'abc'", "item_type = 'Report'"]) {
        await expect(write(`UPDATE sources SET ${bad}`), bad).rejects.toThrow(/check constraint/);
      }
      // As locally (migration 140): only a reference may have no text.
      await expect(
        write(`INSERT INTO sources (title, body, original, content_hash, word_count, format)
               VALUES ('Empty', '', '', 'empty-hash', 0, 'txt')`),
      ).rejects.toThrow(/sources_empty_body_is_reference/);
    } finally {
      await archive.close();
    }
  });
});
