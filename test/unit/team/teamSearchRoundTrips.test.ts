import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../main/search/queryParser';
import type { PostgresSourceArchive } from '../../../main/team/postgresArchive';
import { type Candidates, pagePart } from '../../../main/team/teamSearchFullPage';
import { describe as describePage } from '../../../main/team/teamSearchPage';
import { PLAN_LIMITS, planTeamPage } from '../../../main/team/teamSearchPlan';
import { rankQuery, SqlParams } from '../../../main/team/tsQuery';
import { SearchResponse } from '../../../shared/contract';
import { connected } from './support/connected';
import { parsedSource } from './support/parsedSource';
import { newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

/**
 * A team search in fewer statements (docs/team-archive.md, *Fewer statements a search*): the
 * page's display fields and its snippets in one statement (teamSearchPage.ts's describe), and
 * did-you-mean's check of the query's words in the statement of the word counts
 * (teamSearchPlan.ts). Each statement costs about 0.5 ms of server CPU before it reads anything,
 * and a search of one rare word was five. What must not change: the snippets (the same
 * precis_snippets, asked apart), row-level security (no row, snippet or suggestion from above the
 * clearance), and did-you-mean's answers.
 */
const cluster = postgresClusterPerFile();

/** Counts the statements node-postgres sends while `work` runs (a count, not a stand-in: each still runs). */
async function statementsDuring<T>(work: () => Promise<T>): Promise<{ value: T; statements: number }> {
  const original = pg.Client.prototype.query;
  let statements = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    return { value: await work(), statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}

/** Filler words of their own, so that no two sources are near-duplicates. */
const filler = (n: number) => Array.from({ length: 40 }, (_, k) => `word${n}x${k}`).join(' ');

describe.skipIf(!POSTGRES_PRESENT)('team search: page, snippets and the word check in fewer statements', () => {
  it('gives the same snippets and suggestions in three statements, and nothing from above the clearance', async () => {
    const team = await newTeamDatabase(cluster());
    const cleared = (await team.analyst('trips_b', 'PROTECTED B')) as PostgresSourceArchive;
    const open = (await team.analyst('trips_u', 'UNCLASSIFIED')) as PostgresSourceArchive;
    const add = async (n: number, body: string, title: string, classification?: 'PROTECTED B') => {
      const outcome = await cleared.importParsed(
        parsedSource(`${filler(n)}. ${body} ${filler(n + 100)}.`, { title }),
        `${n}.txt`,
        {
          classification,
        },
      );
      if (outcome.kind !== 'imported') throw new Error(`not imported: ${outcome.kind}`);
      return outcome.id;
    };
    const glacier = await add(1, 'The glacier retreat in Nunavut was measured by the survey.', 'Glacier survey');
    await add(2, 'A second glacier report, from the coastal survey.', 'Coastal notes');
    // Only above the UNCLASSIFIED analyst's clearance: "permafrost" and the outlet of this one.
    const secret = await add(
      3,
      'The permafrost glacier briefing for the minister.',
      'Permafrost briefing',
      'PROTECTED B',
    );

    for (const query of ['glacier', '"glacier retreat"', 'glac*', 'survey -coastal', 'permafrost']) {
      for (const [role, archive] of [
        ['trips_b', cleared],
        ['trips_u', open],
      ] as const) {
        const { value, statements } = await statementsDuring(() => archive.search({ query, limit: 20, offset: 0 }));
        const response = SearchResponse.parse(value);
        // The word counts (with the word check), the listing, the page with its snippets.
        expect(statements, `${query} as ${role}`).toBeLessThanOrEqual(3);
        // The snippets are precis_snippets' own, asked apart by the same role.
        const apart = await connected(team.urlFor(role), async (client) => {
          const params = new SqlParams([response.results.map((hit) => hit.id)]);
          const rank = rankQuery(parseQuery(query), params);
          const { rows } = await client.query<{ id: string; snippet: string }>(
            `SELECT id, snippet FROM precis_snippets($1::bigint[], ${rank})`,
            params.values,
          );
          return new Map(rows.map((row) => [Number(row.id), row.snippet]));
        });
        for (const hit of response.results) {
          const marked = hit.snippet.filter((part) => part.match).map((part) => part.text.toLowerCase());
          expect(marked.length, `${query}: ${hit.id}`).toBeGreaterThan(0);
          const text = hit.snippet.map((part) => part.text).join('');
          expect(apart.get(hit.id)?.replace(/[\uE000\uE001]/g, ''), `${query}: ${hit.id}`).toContain(text.trim());
        }
        if (role === 'trips_u') expect(response.results.map((hit) => hit.id)).not.toContain(secret);
      }
    }
    // Row-level security in the page's one statement: asked for the PROTECTED B source by id, the
    // UNCLASSIFIED analyst gets no row, so no fields and no snippet.
    const asked = [
      { id: String(glacier), head: String(glacier), published_at: null, score: 1 },
      { id: String(secret), head: String(secret), published_at: null, score: 1 },
    ];
    const page = await describePage(open.pool, asked, 2, { parsed: null });
    expect(page.map((row) => Number(row.id))).toEqual([glacier]);
    expect(page[0]!.snippet).toContain('glacier');
    const clearedPage = await describePage(cleared.pool, asked, 2, { parsed: null });
    expect(clearedPage.map((row) => Number(row.id))).toEqual([glacier, secret]);

    // Did-you-mean, its word check now answered by the word counts: a misspelling of a word the
    // analyst may see is corrected; one of a word only above the clearance is not.
    expect((await cleared.search({ query: 'glaicer', limit: 5, offset: 0 })).suggestions).toEqual(['glacier']);
    expect((await cleared.search({ query: 'permafrots', limit: 5, offset: 0 })).suggestions).toEqual(['permafrost']);
    expect((await open.search({ query: 'permafrots', limit: 5, offset: 0 })).suggestions).toEqual([]);
    // A known word gets no suggestion.
    expect((await open.search({ query: 'glacier', limit: 5, offset: 0 })).suggestions).toEqual([]);
  });

  it('reads a page ranked or sorted over every match with its snippets in the same statement, under RLS', async () => {
    const team = await newTeamDatabase(cluster());
    const cleared = (await team.analyst('walk_b', 'PROTECTED B')) as PostgresSourceArchive;
    const open = (await team.analyst('walk_u', 'UNCLASSIFIED')) as PostgresSourceArchive;
    const ids: number[] = [];
    for (let n = 0; n < 6; n++) {
      const outcome = await cleared.importParsed(
        parsedSource(`${filler(n)}. The tundra station logged a storm. ${filler(n + 100)}.`, {
          title: `Tundra log ${n}`,
          publishedAt: `2024-03-0${n + 1}`,
        }),
        `walk${n}.txt`,
        { classification: n % 2 === 0 ? 'PROTECTED B' : undefined },
      );
      if (outcome.kind !== 'imported') throw new Error(`not imported: ${outcome.kind}`);
      ids.push(outcome.id);
    }
    // Limits shrunk so that six sources make "tundra" common: by date, the page is a date walk
    // (teamSearchPlan.ts's pagePart), not the listed matches.
    const limits = { ...PLAN_LIMITS, probe: 1, countCap: 1, titleCandidates: 1, rangeShare: 0 };
    for (const [role, archive] of [
      ['walk_b', cleared],
      ['walk_u', open],
    ] as const) {
      const parsed = parseQuery('tundra');
      const page = await planTeamPage(
        archive.pool,
        { parsed, sort: 'date', limit: 2, offset: 0, snippets: { parsed } },
        limits,
      );
      expect(page.totalIsEstimate).toBe(true);
      // Newest first; the UNCLASSIFIED analyst never gets the PROTECTED B ones (even ids here).
      const expected = role === 'walk_b' ? [ids[5], ids[4]] : [ids[5], ids[3]];
      expect(page.rows.map((row) => Number(row.id))).toEqual(expected);
      const apart = await connected(team.urlFor(role), async (client) => {
        const params = new SqlParams([page.rows.map((row) => row.id)]);
        const { rows } = await client.query<{ id: string; snippet: string }>(
          `SELECT id, snippet FROM precis_snippets($1::bigint[], ${rankQuery(parsed, params)})`,
          params.values,
        );
        return new Map(rows.map((row) => [String(row.id), row.snippet]));
      });
      for (const row of page.rows) {
        expect(row.snippet).toBe(apart.get(String(row.id)));
        expect(row.snippet).toContain('\uE000tundra\uE001');
      }
    }
  });

  it('gives a source with no day its year or month on a page read over every match or by a date walk', async () => {
    const team = await newTeamDatabase(cluster());
    const archive = (await team.analyst('issued_b', 'PROTECTED B')) as PostgresSourceArchive;
    for (const [n, dates] of [
      [1, { publishedAt: '2024-03-01' }],
      [2, { issued: '2023-11', provenance: { title: 'headline', publishedAt: 'cover-page' } }],
    ] as const) {
      const outcome = await archive.importParsed(
        parsedSource(`${filler(n)}. The muskeg survey crossed the bog. ${filler(n + 100)}.`, {
          title: `Muskeg survey ${n}`,
          ...dates,
        }),
        `issued${n}.txt`,
      );
      if (outcome.kind !== 'imported') throw new Error(`not imported: ${outcome.kind}`);
    }
    const parsed = parseQuery('muskeg');
    const page = { order: 'date', collapse: true, limit: 5, offset: 0 } as const;
    for (const candidates of [{ walk: 10 }, {}] as Candidates[]) {
      const rows = await pagePart(archive.pool, parsed, page, candidates, { parsed });
      expect(rows.map((row) => [row.title, row.published_at, row.issued])).toEqual([
        ['Muskeg survey 1', '2024-03-01', null],
        ['Muskeg survey 2', null, '2023-11'],
      ]);
    }
  });
  it('gives every page of the plan its snippets, so the search never asks for them apart', async () => {
    // teamSearch.ts reads each hit's snippet from the plan's rows (the fallback that asked apart is
    // gone): each path of planTeamPage must return them, under the session's clearance.
    const team = await newTeamDatabase(cluster());
    const archive = (await team.analyst('paths_b', 'PROTECTED B')) as PostgresSourceArchive;
    for (let n = 0; n < 8; n++) {
      const outcome = await archive.importParsed(
        parsedSource(`${filler(n)}. The caribou herd crossed the caribou river. ${filler(n + 100)}.`, {
          title: n % 2 === 0 ? `Caribou count ${n}` : `Herd notes ${n}`,
          publishedAt: `2024-05-0${n + 1}`,
        }),
        `paths${n}.txt`,
      );
      if (outcome.kind !== 'imported') throw new Error(`not imported: ${outcome.kind}`);
    }
    // Shrunk limits make eight sources common: the title impacts, the prefix impacts, the title
    // candidates, a deep page ranked over every match and a date walk are each some request here.
    const small = { ...PLAN_LIMITS, probe: 1, countCap: 1, titleCandidates: 1, maxFastDepth: 2, rangeShare: 0 };
    for (const limits of [PLAN_LIMITS, small])
      for (const query of ['caribou', 'cari*', '"caribou river"', 'herd OR river', 'caribou -notes'])
        for (const sort of ['relevance', 'date'] as const)
          for (const offset of [0, 3]) {
            const parsed = parseQuery(query);
            const page = await planTeamPage(
              archive.pool,
              { parsed, sort, limit: 2, offset, snippets: { parsed } },
              limits,
            );
            expect(page.rows.length, `${query} ${sort} ${offset}`).toBeGreaterThan(0);
            for (const row of page.rows) expect(row.snippet, `${query} ${sort} ${offset}`).toContain('\uE000');
          }
  });
});
