import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../main/search/queryParser';
import type { PostgresSourceArchive } from '../../../main/team/postgresArchive';
import { withOwner } from '../../../main/team/teamAdmin';
import { PLAN_LIMITS, type PlanLimits, planTeamPage } from '../../../main/team/teamSearchPlan';
import { matchBound, SqlParams } from '../../../main/team/tsQuery';
import { parsedSource } from './support/parsedSource';
import { newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

/**
 * The team search's bounded plan (main/team/teamSearchPlan.ts) on a real cluster, with limits
 * shrunk so that a dozen sources make a "common" query: the total becomes an estimate, an old
 * title match still ranks first, the date order stays exact, and row-level security keeps a
 * source above the clearance out of the candidates, the page and the count.
 */
const cluster = postgresClusterPerFile();
const LEAKPROOF = 'ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF';
const SMALL: PlanLimits = { ...PLAN_LIMITS, probe: 2, countCap: 4, titleCandidates: 1, rangeShare: 0 };
const EXHAUSTIVE: PlanLimits = { ...PLAN_LIMITS, probe: 1000, countCap: 1000 };

/** A body of its own words (no near-duplicates) mentioning the arctic. */
const body = (n: number) =>
  `The arctic report ${n}. ${Array.from({ length: 40 }, (_, k) => `word${n}x${k}`).join(' ')}.`;

describe.skipIf(!POSTGRES_PRESENT)('team search plan', () => {
  it('row-level security keeps an analyst off the GIN index until the DBA marks @@ leakproof', async () => {
    const team = await newTeamDatabase(cluster());
    await team.analyst('plan_leak', 'UNCLASSIFIED');
    const explain = async () => {
      const client = new pg.Client({ connectionString: team.urlFor('plan_leak') });
      await client.connect();
      try {
        await client.query('SET enable_seqscan = off');
        const { rows } = await client.query(
          "EXPLAIN SELECT s.id FROM sources s WHERE s.text_vector @@ phraseto_tsquery('precis', 'arctic')",
        );
        return rows.map((row) => Object.values(row)[0]).join('\n');
      } finally {
        await client.end();
      }
    };
    expect(await explain()).not.toContain('sources_text');
    cluster().superuserSql(LEAKPROOF, new URL(team.ownerUrl).pathname.slice(1));
    expect(await explain()).toContain('Bitmap Index Scan on sources_text');
  });

  it('ranks a common query among bounded candidates, estimates its total and hides what RLS hides', async () => {
    const team = await newTeamDatabase(cluster());
    // As a department's DBA would (docs/team-archive.md): the plan then reads the GIN indexes, under RLS still.
    cluster().superuserSql(LEAKPROOF, new URL(team.ownerUrl).pathname.slice(1));
    const cleared = (await team.analyst('plan_b', 'PROTECTED B')) as PostgresSourceArchive;
    const reader = (await team.analyst('plan_u', 'UNCLASSIFIED')) as PostgresSourceArchive;
    const ids: number[] = [];
    const add = async (n: number, fields: Parameters<typeof parsedSource>[1], classification?: 'PROTECTED B') => {
      const outcome = await cleared.importParsed(parsedSource(body(n), fields), `${n}.txt`, { classification });
      if (outcome.kind !== 'imported') throw new Error(`source ${n} was not imported: ${outcome.kind}`);
      ids.push(outcome.id);
      return outcome.id;
    };
    // The oldest source has the word in its title; eight newer ones in the body only; the newest
    // title match is PROTECTED B.
    const titled = await add(0, { title: 'Arctic sovereignty', publishedAt: '2020-01-01' });
    for (let n = 1; n <= 8; n++) await add(n, { title: `Report ${n}`, publishedAt: `2021-0${n}-01` });
    const secret = await add(9, { title: 'Arctic procurement', publishedAt: '2025-01-01' }, 'PROTECTED B');
    // Older sources later in id order: the date walk must not follow ids.
    const withoutDate = await add(10, { title: 'Report 10', publishedAt: null });

    const plan = (archive: PostgresSourceArchive, query: string, limits: PlanLimits, sort: 'relevance' | 'date') =>
      planTeamPage(archive.pool, { parsed: parseQuery(query), sort, limit: 3, offset: 0 }, limits);
    const pageIds = (page: Awaited<ReturnType<typeof plan>>) => page.rows.map((row) => Number(row.id));

    const bounded = await plan(reader, 'arctic', SMALL, 'relevance');
    expect(bounded.totalIsEstimate).toBe(true);
    expect(pageIds(bounded)[0]).toBe(titled);
    expect(pageIds(bounded)).not.toContain(secret);
    expect(bounded.total).toBeGreaterThan(SMALL.countCap);
    expect(bounded.total).toBeLessThanOrEqual(10);

    const exact = await plan(reader, 'arctic', EXHAUSTIVE, 'relevance');
    expect(exact).toMatchObject({ total: 10, totalIsEstimate: false });
    expect(pageIds(exact)[0]).toBe(titled);
    expect(pageIds(exact)).not.toContain(secret);

    // The cleared analyst's newest title match is the classified one: it leads their page.
    expect(pageIds(await plan(cleared, 'arctic', SMALL, 'relevance'))[0]).toBe(secret);
    expect((await plan(cleared, 'arctic', EXHAUSTIVE, 'relevance')).total).toBe(11);

    // By date: the walk gives what sorting every match gives, undated last.
    for (const archive of [reader, cleared]) {
      const walked = await plan(archive, 'arctic', SMALL, 'date');
      const sorted = await plan(archive, 'arctic', EXHAUSTIVE, 'date');
      expect(walked.totalIsEstimate).toBe(true);
      expect(pageIds(walked)).toEqual(pageIds(sorted));
    }
    expect(pageIds(await plan(reader, 'arctic', SMALL, 'date'))).toEqual([ids[8], ids[7], ids[6]]);
    const lastPage = await planTeamPage(
      reader.pool,
      { parsed: parseQuery('arctic'), sort: 'date', limit: 3, offset: 9 },
      { ...SMALL, maxFastDepth: 5 },
    );
    expect(lastPage.rows.map((row) => Number(row.id))).toEqual([withoutDate]);

    // Migration 30's indexes are there and keep no pending list.
    const options = await withOwner(team.ownerUrl, undefined, async (client) => {
      const { rows } = await client.query<{ name: string; options: string[] | null }>(
        `SELECT c.relname AS name, c.reloptions AS options FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
         WHERE i.indrelid = 'sources'::regclass AND c.relam = (SELECT oid FROM pg_am WHERE amname = 'gin') ORDER BY 1`,
      );
      return rows;
    });
    expect(options).toEqual(
      ['sources_author', 'sources_outlet', 'sources_text', 'sources_title'].map((name) => ({
        name,
        options: ['fastupdate=off'],
      })),
    );
  });

  it('probes a fairly common query from the newest ids first, with the page and total of a probe walking back', async () => {
    const team = await newTeamDatabase(cluster());
    cluster().superuserSql(LEAKPROOF, new URL(team.ownerUrl).pathname.slice(1));
    const cleared = (await team.analyst('range_b', 'PROTECTED B')) as PostgresSourceArchive;
    const reader = (await team.analyst('range_u', 'UNCLASSIFIED')) as PostgresSourceArchive;
    // 48 sources; "arctic" in one of four, "arctic report" (a phrase rarer than its words) in the
    // older half of those only, "ice" in one of five; the newest arctic source is PROTECTED B.
    for (let n = 0; n < 48; n++) {
      const words = [n % 4 === 0 ? (n < 24 ? 'arctic report' : 'arctic') : 'report', n % 5 === 0 ? 'ice' : 'water'];
      const fields = { title: `Memo ${n}`, publishedAt: `2021-01-${String(1 + (n % 28)).padStart(2, '0')}` };
      const text = `${words.join(' and ')} ${n}. ${Array.from({ length: 20 }, (_, k) => `w${n}x${k}`).join(' ')}.`;
      const outcome = await cleared.importParsed(parsedSource(text, fields), `${n}.txt`, {
        classification: n === 44 ? 'PROTECTED B' : undefined,
      });
      if (outcome.kind !== 'imported') throw new Error(`source ${n} was not imported: ${outcome.kind}`);
    }
    // Small limits, so that these are common queries; a margin of 1 makes a range hold about the
    // probe by the word counts, so the phrase finds too few there and goes on below it.
    const limits: PlanLimits = { ...SMALL, rangeShare: 0.5, rangeMargin: 1 };
    const walkedBack: PlanLimits = { ...limits, rangeShare: 0 };
    let ranges = 0;
    for (const archive of [reader, cleared]) {
      const connect = archive.pool.connect.bind(archive.pool);
      // The range probe is the plan's one statement on a client it asks for itself (SET LOCAL);
      // pool.query asks with a callback.
      archive.pool.connect = ((...args: Parameters<typeof connect>) => {
        if ((args as unknown[]).length === 0) ranges++;
        return connect(...args);
      }) as typeof archive.pool.connect;
      for (const query of ['arctic', '"arctic report"', 'arctic OR ice', 'arctic -ice', 'ice']) {
        for (const sort of ['relevance', 'date'] as const) {
          const request = { parsed: parseQuery(query), sort, limit: 3, offset: 0 };
          const before = ranges;
          const viaRange = await planTeamPage(archive.pool, request, limits);
          expect(ranges, query).toBeGreaterThan(before);
          const plain = await planTeamPage(archive.pool, request, walkedBack);
          expect(viaRange, `${query} by ${sort}`).toEqual(plain);
          if (archive === reader) expect(viaRange.rows.map((row) => row.title)).not.toContain('Memo 44');
        }
      }
    }
  });

  it("bounds a query's matches from the word counts the analyst may see, and says when nothing bounds it", async () => {
    const team = await newTeamDatabase(cluster());
    const cleared = (await team.analyst('bound_b', 'PROTECTED B')) as PostgresSourceArchive;
    const reader = (await team.analyst('bound_u', 'UNCLASSIFIED')) as PostgresSourceArchive;
    const texts = ['Arctic ice shelf', 'Arctic sovereignty patrol', 'Sovereignty debate', 'Ice roads melt early'];
    for (const [n, text] of texts.entries()) await cleared.importParsed(parsedSource(`${text} ${n}.`), `${n}.txt`);
    await cleared.importParsed(parsedSource('Arctic secret memo.'), 's.txt', { classification: 'PROTECTED B' });
    const bound = async (archive: PostgresSourceArchive, query: string) => {
      const fts = parseQuery(query).fts;
      const params = new SqlParams();
      const sql = fts === null ? null : matchBound(fts, params);
      if (sql === null) return null;
      const { rows } = await archive.pool.query(`SELECT (${sql})::integer AS bound`, params.values);
      return rows[0].bound as number;
    };
    // Title and body words count alike ('A title' is every source's title here).
    expect(await bound(reader, 'arctic')).toBe(2);
    expect(await bound(cleared, 'arctic')).toBe(3);
    expect(await bound(reader, '"arctic sovereignty"')).toBe(2);
    expect(await bound(reader, 'ice sovereignty')).toBe(2);
    expect(await bound(reader, 'ice OR sovereignty')).toBe(4);
    expect(await bound(reader, 'arc*')).toBe(2);
    expect(await bound(reader, 'arctic -ice')).toBe(2);
    expect(await bound(reader, 'glacier')).toBe(0);
    expect(await bound(reader, 'outlet:reuters')).toBeNull();
    expect(await bound(reader, 'outlet:reuters ice')).toBe(2);
    // The plan's answer is the same whether the bound lets it skip its probe or not.
    const page = await planTeamPage(reader.pool, {
      parsed: parseQuery('arctic'),
      sort: 'relevance',
      limit: 5,
      offset: 0,
    });
    expect(page).toMatchObject({ total: 2, totalIsEstimate: false });
  });
});
