import { describe, expect, it } from 'vitest';
import type { PostgresSourceArchive } from '../../../main/team/postgresArchive';
import { foldTag } from '../../../main/team/teamFilters';
import { connected } from './support/connected';
import { parsedSource } from './support/parsedSource';
import { newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

/**
 * PostgreSQL migration 70 (main/team/migrations/0070-searchCpu.ts): the snippet patterns of a
 * query, and the folded tag stored and indexed so that `tag:` reads only the tags it finds, under
 * row-level security still. The snippets themselves are tested on both engines in teamSnippets.
 */
const cluster = postgresClusterPerFile();
const LEAKPROOF = 'ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF';

describe.skipIf(!POSTGRES_PRESENT)('PostgreSQL migration 70: search CPU', () => {
  it('turns each alternative of a rank query into one pattern, a phrase as its words in order', async () => {
    const team = await newTeamDatabase(cluster());
    const patterns = await connected(team.ownerUrl, async (client) => {
      const { rows } = await client.query<{ p: string[] }>(
        `SELECT precis_query_patterns(phraseto_tsquery('precis', 'intelligence-sharing pact')
           || to_tsquery('precis', 'gov:*') || phraseto_tsquery('precis', 'Sécurité')) AS p`,
      );
      return rows[0]!.p;
    });
    expect(patterns).toHaveLength(3);
    // The hyphenated word once, not followed by its parts (which the text never spells apart).
    expect(patterns[0]).toContain('intelligence\\-sharing');
    expect(patterns[0]).not.toMatch(/sharing.*intelligence/);
    expect(patterns[1]).toMatch(/gov$/);
    expect(patterns[2]).toContain('securite');
  });

  it('stores each tag folded as foldTag folds it, and an analyst finds tags through its index, under RLS', async () => {
    const team = await newTeamDatabase(cluster());
    cluster().superuserSql(LEAKPROOF, team.database);
    const cleared = (await team.analyst('tags_b', 'PROTECTED B')) as PostgresSourceArchive;
    const reader = (await team.analyst('tags_u', 'UNCLASSIFIED')) as PostgresSourceArchive;
    const tags = ['Sécurité', 'Indo-Pacific', 'Défense   nationale', 'CYBER'];
    const add = async (n: number, classification?: 'PROTECTED B') => {
      const outcome = await cleared.importParsed(
        parsedSource(`Source ${n} on procurement ${'x'.repeat(n)}.`, { title: `Source ${n}` }),
        `${n}.txt`,
        { classification },
      );
      if (outcome.kind !== 'imported') throw new Error(`not imported: ${outcome.kind}`);
      const revision = (await cleared.revisionOf(outcome.id))!;
      expect((await cleared.updateMetadata(outcome.id, { tags }, revision)).kind).toBe('updated');
      return outcome.id;
    };
    const open = await add(1);
    const secret = await add(2, 'PROTECTED B');

    const folded = await connected(team.ownerUrl, (client) =>
      client.query<{ tag: string; folded: string }>('SELECT DISTINCT tag, folded FROM source_tags ORDER BY tag'),
    );
    for (const row of folded.rows) expect(row.folded).toBe(foldTag(row.tag));

    const ids = async (archive: PostgresSourceArchive, query: string) =>
      (await archive.search({ query, limit: 20, offset: 0 })).results.map((hit) => hit.id).sort((a, b) => a - b);
    expect(await ids(reader, 'tag:"defense nationale"')).toEqual([open]);
    expect(await ids(cleared, 'tag:securite')).toEqual([open, secret].sort((a, b) => a - b));
    expect(await ids(reader, 'tag:indo*')).toEqual([open]);
    expect(await ids(reader, 'procurement -tag:cyb*')).toEqual([]);

    const plan = await connected(team.urlFor('tags_u'), async (client) => {
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query(
        `EXPLAIN SELECT s.id FROM sources s
         WHERE s.id IN (SELECT t.source_id FROM source_tags t WHERE t.folded COLLATE "C" = 'cyber')`,
      );
      return rows.map((row) => Object.values(row)[0]).join('\n');
    });
    expect(plan).toContain('source_tags_folded');
  });
});
