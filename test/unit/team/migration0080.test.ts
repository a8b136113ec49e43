import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../main/search/queryParser';
import type { PostgresSourceArchive } from '../../../main/team/postgresArchive';
import { PLAN_LIMITS, type PlanLimits, planTeamPage } from '../../../main/team/teamSearchPlan';
import { connected } from './support/connected';
import { parsedSource, storyBody } from './support/parsedSource';
import { newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

/**
 * PostgreSQL migration 80 (main/team/migrations/0080-titleImpacts.ts): each title word's one-word
 * score stored in rank order, kept by the import and edit paths, under row-level security; and a
 * one-word search's page read from it (main/team/teamSearchImpacts.ts), which must be the page of
 * ranking every match. Limits are shrunk so that a dozen sources make a "common" word: the old
 * bounded plan then ranks only the newest matches and the newest title match.
 */
const cluster = postgresClusterPerFile();
const LEAKPROOF = 'ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF';
const SMALL: PlanLimits = { ...PLAN_LIMITS, probe: 2, countCap: 4, titleCandidates: 1, rangeShare: 0 };
const WITHOUT_IMPACTS: PlanLimits = { ...SMALL, titleImpacts: false };
const EXHAUSTIVE: PlanLimits = { ...PLAN_LIMITS, probe: 1000, countCap: 1000, titleImpacts: false };

/** A body of its own words (no near-duplicates) with the arctic `times` times. */
const body = (n: number, times: number) =>
  `${'The arctic thaw. '.repeat(times)}${Array.from({ length: 40 }, (_, k) => `word${n}x${k}`).join(' ')}.`;

/** Stored rows beside the score ts_rank gives the word now, as a role sees them. */
async function impactsAsSeen(url: string) {
  return connected(url, async (client) => {
    const { rows } = await client.query<{ term: string; source_id: string; score: number; now: number | null }>(
      `SELECT t.term, t.source_id, t.score,
              (SELECT ts_rank(s.text_vector, phraseto_tsquery('precis', t.term), 0) FROM sources s WHERE s.id = t.source_id) AS now
       FROM title_impacts t ORDER BY t.source_id, t.term`,
    );
    return rows;
  });
}

describe.skipIf(!POSTGRES_PRESENT)('PostgreSQL migration 80: title impacts', () => {
  it('keeps each title word with its one-word score through imports, edits and deletes, under RLS', async () => {
    const team = await newTeamDatabase(cluster());
    const cleared = (await team.analyst('impacts_b', 'PROTECTED B')) as PostgresSourceArchive;
    await team.analyst('impacts_u', 'UNCLASSIFIED');
    const add = async (n: number, title: string, classification?: 'PROTECTED B') => {
      const outcome = await cleared.importParsed(parsedSource(body(n, n), { title }), `${n}.txt`, { classification });
      if (outcome.kind !== 'imported') throw new Error(`not imported: ${outcome.kind}`);
      return outcome.id;
    };
    const open = await add(1, 'Arctic sovereignty');
    const secret = await add(2, 'Arctic procurement', 'PROTECTED B');

    const seen = await impactsAsSeen(team.urlFor('impacts_b'));
    expect(seen.map((row) => `${row.source_id}:${row.term}`)).toEqual([
      `${open}:arctic`,
      `${open}:sovereignty`,
      `${secret}:arctic`,
      `${secret}:procurement`,
    ]);
    for (const row of seen) expect(row.score).toBe(row.now);
    // Below the clearance the rows do not exist, in plain SQL too; and no analyst may write them.
    const unclassified = await impactsAsSeen(team.urlFor('impacts_u'));
    expect(unclassified.map((row) => Number(row.source_id))).toEqual([open, open]);
    await expect(
      connected(team.urlFor('impacts_u'), (client) =>
        client.query("INSERT INTO title_impacts VALUES ('x', 1, 1, 'UNCLASSIFIED')"),
      ),
    ).rejects.toThrow(/permission denied/);

    // A new title: the old words go, the new come, scored again.
    const revision = (await cleared.revisionOf(open))!;
    expect((await cleared.updateMetadata(open, { title: 'Arctic arctic shipping' }, revision)).kind).toBe('updated');
    const edited = (await impactsAsSeen(team.urlFor('impacts_b'))).filter((row) => Number(row.source_id) === open);
    expect(edited.map((row) => row.term)).toEqual(['arctic', 'shipping']);
    for (const row of edited) expect(row.score).toBe(row.now);

    // A reclassification moves the rows with it; a delete removes them.
    cluster().superuserSql(`UPDATE sources SET classification = 'PROTECTED B' WHERE id = ${open}`, team.database);
    expect(await impactsAsSeen(team.urlFor('impacts_u'))).toEqual([]);
    cluster().superuserSql(`DELETE FROM sources WHERE id = ${secret}`, team.database);
    const left = await impactsAsSeen(team.urlFor('impacts_b'));
    expect(new Set(left.map((row) => Number(row.source_id)))).toEqual(new Set([open]));
    // TRUNCATE fires no delete trigger; with RESTART IDENTITY the next source would take the old ids.
    cluster().superuserSql('TRUNCATE sources RESTART IDENTITY CASCADE', team.database);
    expect(await impactsAsSeen(team.urlFor('impacts_b'))).toEqual([]);
  });

  it("reads a common word's page from its title impacts: the page of ranking every match, under RLS", async () => {
    const team = await newTeamDatabase(cluster());
    cluster().superuserSql(LEAKPROOF, team.database);
    const cleared = (await team.analyst('rank_b', 'PROTECTED B')) as PostgresSourceArchive;
    const reader = (await team.analyst('rank_u', 'UNCLASSIFIED')) as PostgresSourceArchive;
    const add = async (text: string, title: string, classification?: 'PROTECTED B') => {
      const outcome = await cleared.importParsed(parsedSource(text, { title }), `${title}.txt`, { classification });
      if (outcome.kind === 'failed') throw new Error(`not imported: ${title}`);
      return outcome.kind === 'imported' ? outcome.id : null;
    };
    // Title matches, the oldest with the most occurrences (the best scores), then a syndicated
    // copy (a near-duplicate of the best: one cluster), a PROTECTED B title match scoring above
    // all, and ten newer sources with the word in the body only.
    for (let n = 0; n < 6; n++) await add(body(n, 6 - n), `Arctic report ${n}${n === 1 ? ' sovereignty' : ''}`);
    await add(`${storyBody('arctic')} arctic arctic arctic arctic arctic arctic`, 'Arctic story');
    await add(`${storyBody('arctic', ', officials said')} arctic arctic arctic arctic arctic arctic`, 'Arctic story');
    const secret = await add(body(50, 9), 'Arctic arctic secrets', 'PROTECTED B');
    for (let n = 10; n < 20; n++) await add(body(n, 1), `Bulletin ${n}`);

    const page = (archive: PostgresSourceArchive, query: string, limits: PlanLimits, offset = 0) =>
      planTeamPage(archive.pool, { parsed: parseQuery(query), sort: 'relevance', limit: 3, offset }, limits);
    const ranked = (result: Awaited<ReturnType<typeof page>>) =>
      result.rows.map((row) => [Number(row.id), Number(row.score), Number(row.cluster_size)]);

    for (const [archive, query, offset] of [
      [reader, 'arctic', 0],
      [reader, 'arctic', 3],
      [cleared, 'arctic', 0],
      [reader, 'arctic -sovereignty', 0],
      [cleared, 'arctic -secrets', 2],
    ] as const) {
      const exact = await page(archive, query, EXHAUSTIVE, offset);
      const fromImpacts = await page(archive, query, SMALL, offset);
      expect(ranked(fromImpacts), `${query} from ${offset}`).toEqual(ranked(exact));
      expect(fromImpacts.totalIsEstimate).toBe(true);
    }
    // Without the impacts the bounded plan misses the older, better title matches: what they fix.
    const bounded = await page(reader, 'arctic', WITHOUT_IMPACTS);
    expect(ranked(bounded)).not.toEqual(ranked(await page(reader, 'arctic', EXHAUSTIVE)));
    // The word alone: its total is did-you-mean's count of what the session may see.
    expect((await page(reader, 'arctic', SMALL)).total).toBe(18);
    expect((await page(cleared, 'arctic', SMALL)).rows.map((row) => Number(row.id))[0]).toBe(secret);
    expect((await page(reader, 'arctic', SMALL)).rows.map((row) => Number(row.id))).not.toContain(secret);
  });

  it('ranks as before when the title matches run out, and for a word the parser splits', async () => {
    const team = await newTeamDatabase(cluster());
    cluster().superuserSql(LEAKPROOF, team.database);
    const analyst = (await team.analyst('few_b', 'PROTECTED B')) as PostgresSourceArchive;
    for (let n = 0; n < 10; n++) {
      const title = n < 2 ? `Arctic ice-free ${n}` : `Bulletin ${n}`;
      await analyst.importParsed(parsedSource(`${body(n, 1 + (n % 3))} ice-free`, { title }), `${n}.txt`);
    }
    for (const query of ['arctic', 'ice-free']) {
      const plan = (limits: PlanLimits) =>
        planTeamPage(analyst.pool, { parsed: parseQuery(query), sort: 'relevance', limit: 5, offset: 0 }, limits);
      const exact = (await plan(EXHAUSTIVE)).rows.map((row) => [row.id, row.score]);
      const bounded = await plan({ ...SMALL, titleCandidates: 1000, probe: 1000 });
      expect(
        bounded.rows.map((row) => [row.id, row.score]),
        query,
      ).toEqual(exact);
    }
  });
});
