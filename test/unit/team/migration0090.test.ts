import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../main/search/queryParser';
import type { PostgresSourceArchive } from '../../../main/team/postgresArchive';
import { PLAN_LIMITS, type PlanLimits, planTeamPage } from '../../../main/team/teamSearchPlan';
import { connected } from './support/connected';
import { parsedSource } from './support/parsedSource';
import { newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

/**
 * PostgreSQL migration 90 (main/team/migrations/0090-prefixImpacts.ts): each 3- and 4-letter
 * prefix's score stored in rank order for the sources that score 0.6 or more on it (a title word
 * with the prefix, or six or more distinct body words with it), kept by the import and edit paths
 * under row-level security; and a common prefix's page read from it (teamSearchPlan.ts), which
 * must be the page of ranking every match. Limits are shrunk so that a dozen sources make a
 * "common" prefix; the range probe is off so that the probe walks the newest matches.
 */
const cluster = postgresClusterPerFile();
const LEAKPROOF = 'ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF';
const SMALL: PlanLimits = { ...PLAN_LIMITS, probe: 2, countCap: 4, titleCandidates: 1, rangeShare: 0 };
const WITHOUT_IMPACTS: PlanLimits = { ...SMALL, titleImpacts: false };
const EXHAUSTIVE: PlanLimits = { ...PLAN_LIMITS, probe: 1000, countCap: 1000, titleImpacts: false };

/** Filler words of their own (no near-duplicates, no "arc…" inside). */
const filler = (n: number) => Array.from({ length: 40 }, (_, k) => `word${n}x${k}`).join(' ');
/** Nine distinct words beginning with "arct", each `times` times: a body-only source above 0.6. */
const ARCT = ['arctic', 'arctics', 'arctical', 'arctify', 'arctiq', 'arctos', 'arctur', 'arctan', 'arctine'];
const heavy = (times: number) => ARCT.map((word) => `${word} `.repeat(times)).join('');

/** Stored rows of one prefix beside ts_rank's score now, as a role sees them. */
async function prefixRows(url: string, prefix: string) {
  return connected(url, async (client) => {
    const { rows } = await client.query<{ source_id: string; score: number; now: number }>(
      `SELECT t.source_id, t.score,
              (SELECT ts_rank(s.text_vector, precis_prefix_query(t.prefix), 0) FROM sources s WHERE s.id = t.source_id) AS now
       FROM prefix_impacts t WHERE t.prefix = $1 ORDER BY t.source_id`,
      [prefix],
    );
    return rows.map((row) => ({ id: Number(row.source_id), score: row.score, now: row.now }));
  });
}

describe.skipIf(!POSTGRES_PRESENT)('PostgreSQL migration 90: prefix impacts', () => {
  it('keeps the prefixes scoring 0.6 or more through imports, edits and deletes, under RLS', async () => {
    const team = await newTeamDatabase(cluster());
    const cleared = (await team.analyst('prefix_b', 'PROTECTED B')) as PostgresSourceArchive;
    await team.analyst('prefix_u', 'UNCLASSIFIED');
    const add = async (n: number, text: string, title: string, classification?: 'PROTECTED B') => {
      const outcome = await cleared.importParsed(parsedSource(`${text} ${filler(n)}.`, { title }), `${n}.txt`, {
        classification,
      });
      if (outcome.kind !== 'imported') throw new Error(`not imported: ${outcome.kind}`);
      return outcome.id;
    };
    const titled = await add(1, 'The arctic thaw.', 'Arctic sovereignty');
    const secret = await add(2, 'The arctic thaw.', 'Arctic procurement', 'PROTECTED B');
    // Body only: five distinct "arct" words cannot reach 0.6 (not stored); nine can (stored).
    const five = await add(3, heavy(6).split(' ').slice(0, 30).join(' '), 'Bulletin three');
    const nine = await add(4, heavy(6), 'Bulletin four');

    const seen = await prefixRows(team.urlFor('prefix_b'), 'arct');
    expect(seen.map((row) => row.id)).toEqual([titled, secret, nine]);
    for (const row of seen) expect(row.score).toBe(row.now);
    expect(seen.every((row) => row.score >= 0.6)).toBe(true);
    expect((await prefixRows(team.urlFor('prefix_b'), 'arc')).map((row) => row.id)).toEqual([titled, secret, nine]);
    // The five-word source scores under 0.6, as every source not stored must.
    const fiveScore = await connected(team.urlFor('prefix_b'), async (client) => {
      const { rows } = await client.query<{ score: number }>(
        "SELECT ts_rank(text_vector, precis_prefix_query('arct'), 0) AS score FROM sources WHERE id = $1",
        [five],
      );
      return rows[0]!.score;
    });
    expect(fiveScore).toBeLessThan(0.6);
    // The clearance every policy asks is kept planned (PL/pgSQL) and is still each role's own.
    const clearanceOf = (url: string) =>
      connected(url, async (client) => {
        const { rows } = await client.query<{ level: number; language: string }>(
          `SELECT precis_clearance() AS level,
                  (SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                   WHERE p.oid = 'precis_clearance()'::regprocedure) AS language`,
        );
        return rows[0]!;
      });
    expect(await clearanceOf(team.urlFor('prefix_b'))).toEqual({ level: 2, language: 'plpgsql' });
    expect((await clearanceOf(team.urlFor('prefix_u'))).level).toBe(0);
    // Below the clearance the rows do not exist, in plain SQL too; and no analyst may write them.
    expect((await prefixRows(team.urlFor('prefix_u'), 'arct')).map((row) => row.id)).toEqual([titled, nine]);
    await expect(
      connected(team.urlFor('prefix_u'), (client) =>
        client.query("INSERT INTO prefix_impacts VALUES ('arct', 1, 1, 'UNCLASSIFIED')"),
      ),
    ).rejects.toThrow(/permission denied/);

    // A new title: the old prefixes go, the new come, scored again.
    const revision = (await cleared.revisionOf(titled))!;
    expect((await cleared.updateMetadata(titled, { title: 'Shipping lanes' }, revision)).kind).toBe('updated');
    expect((await prefixRows(team.urlFor('prefix_b'), 'arct')).map((row) => row.id)).toEqual([secret, nine]);
    const shipping = await prefixRows(team.urlFor('prefix_b'), 'ship');
    expect(shipping.map((row) => row.id)).toEqual([titled]);
    expect(shipping[0]!.score).toBe(shipping[0]!.now);

    // A reclassification moves the rows with it; a delete removes them; TRUNCATE empties the table.
    cluster().superuserSql(`UPDATE sources SET classification = 'PROTECTED B' WHERE id = ${nine}`, team.database);
    expect(await prefixRows(team.urlFor('prefix_u'), 'arct')).toEqual([]);
    cluster().superuserSql(`DELETE FROM sources WHERE id = ${secret}`, team.database);
    expect((await prefixRows(team.urlFor('prefix_b'), 'arct')).map((row) => row.id)).toEqual([nine]);
    cluster().superuserSql('TRUNCATE sources RESTART IDENTITY CASCADE', team.database);
    expect(await prefixRows(team.urlFor('prefix_b'), 'ship')).toEqual([]);
  });

  it("reads a common prefix's page from its impacts: the page of ranking every match, under RLS", async () => {
    const team = await newTeamDatabase(cluster());
    cluster().superuserSql(LEAKPROOF, team.database);
    const cleared = (await team.analyst('rank_b', 'PROTECTED B')) as PostgresSourceArchive;
    const reader = (await team.analyst('rank_u', 'UNCLASSIFIED')) as PostgresSourceArchive;
    const add = async (n: number, text: string, title: string, classification?: 'PROTECTED B') => {
      const outcome = await cleared.importParsed(parsedSource(`${text} ${filler(n)}.`, { title }), `${n}.txt`, {
        classification,
      });
      if (outcome.kind !== 'imported') throw new Error(`not imported: ${title}`);
      return outcome.id;
    };
    // Title matches, the oldest with the most body occurrences (the best scores); a body-only
    // source with nine "arct" words that outranks most of them; a PROTECTED B title match with two
    // title words of the prefix (above all); then ten newer sources with the prefix in the body only.
    for (let n = 0; n < 6; n++)
      await add(n, 'The arctic thaw. '.repeat(6 - n), `Arctic report ${n}${n === 1 ? ' sovereignty' : ''}`);
    const body = await add(6, heavy(6), 'Bulletin heavy');
    const secret = await add(7, 'The arctic thaw. '.repeat(9), 'Arctic arcticness secrets', 'PROTECTED B');
    for (let n = 10; n < 20; n++) await add(n, 'The arctic thaw.', `Bulletin ${n}`);

    const page = (archive: PostgresSourceArchive, query: string, limits: PlanLimits, offset = 0) =>
      planTeamPage(archive.pool, { parsed: parseQuery(query), sort: 'relevance', limit: 3, offset }, limits);
    const ranked = (result: Awaited<ReturnType<typeof page>>) =>
      result.rows.map((row) => [Number(row.id), Number(row.score), Number(row.cluster_size)]);

    for (const [archive, query, offset] of [
      [reader, 'arct*', 0],
      [reader, 'arct*', 3],
      [reader, 'arc*', 0],
      [cleared, 'arct*', 0],
      [reader, 'arct* -sovereignty', 0],
      [cleared, 'arct* -secrets', 2],
    ] as const) {
      const exact = await page(archive, query, EXHAUSTIVE, offset);
      const fromImpacts = await page(archive, query, SMALL, offset);
      expect(ranked(fromImpacts), `${query} from ${offset}`).toEqual(ranked(exact));
      expect(fromImpacts.totalIsEstimate).toBe(true);
    }
    // The body-only source is on the first page; the PROTECTED B one only for the cleared analyst.
    expect((await page(reader, 'arct*', SMALL)).rows.map((row) => Number(row.id))).toContain(body);
    expect((await page(cleared, 'arct*', SMALL)).rows.map((row) => Number(row.id))[0]).toBe(secret);
    expect((await page(reader, 'arct*', SMALL)).rows.map((row) => Number(row.id))).not.toContain(secret);
    // Without the impacts the bounded plan misses the older, better matches: what they fix.
    expect(ranked(await page(reader, 'arct*', WITHOUT_IMPACTS))).not.toEqual(
      ranked(await page(reader, 'arct*', EXHAUSTIVE)),
    );
    // A prefix of another length is not stored: ranked as before (the bounded plan's page).
    expect(ranked(await page(reader, 'arcti*', SMALL))).toEqual(ranked(await page(reader, 'arcti*', WITHOUT_IMPACTS)));
  });
});
