import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SourceArchive } from '../../../main/archive/sourceArchive';
import { SEARCH_NOTICES, searchSources } from '../../../main/search/searchSources';
import { SearchResponse } from '../../../shared/contract';
import { prng } from '../../support/prng';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';
import { archiveEnginesPerFile, importSeeds } from '../team/support/engineArchive';
import { ENGINES } from '../team/support/teamFixture';

const HOSTILE = [
  '',
  '"',
  '""',
  '"""',
  "'",
  "''",
  '-',
  '--',
  '- -',
  '*',
  '***',
  '*a',
  'a**',
  '"a"*',
  '-*',
  'NEAR(',
  'NEAR(a b, 2)',
  'NEAR',
  'col:',
  'title:Japan',
  '{title body}:x',
  '^Japan',
  '+a',
  'AND',
  'OR',
  'NOT',
  'AND OR',
  'a AND',
  'OR OR OR',
  'a NOT',
  'NOT a',
  '(',
  ')',
  '(a OR b',
  'a) OR (b',
  '"a" "b',
  '-"',
  '-"a',
  'a -',
  '\u0000',
  '\u0000"\u0001*\u001f',
  '\u007f\u0085\u2028',
  'x'.repeat(10_000),
  'a '.repeat(5_000),
  '"'.repeat(1_001),
  '-a '.repeat(100),
  '\ud800',
  '\udfff\ud800x',
  '🙂 emoji 🇨🇦',
  '日本 韓国',
  'ñ ü ß İ ı',
  '\uE000Japan\uE001',
  "Robert'); DROP TABLE sources;--",
  "' OR 1=1 --",
  '%',
  '_',
  '\\',
  '$',
  'a:b:c',
  'sources_fts',
  'rank:',
  '* OR *',
];

const PIECES = [
  'Japan',
  'Korea',
  'five',
  'eyes',
  'Mélanie',
  'intellig',
  'AND',
  'OR',
  'NOT',
  'NEAR',
  'NEAR(',
  'title:',
  'body:',
  ':',
  '"',
  '"',
  "'",
  '*',
  '-',
  '+',
  '^',
  '(',
  ')',
  '{',
  '}',
  ',',
  '.',
  '\u0000',
  '\u0007',
  '\t',
  '\n',
  '\u00a0',
  '\uE000',
  '\uE001',
  '\ud83d',
  '\ude00',
  '🙂',
  'é',
  'ß',
  '日本',
  '0',
  '42',
  '\\',
  '%',
  ';',
  '--',
  'a',
  ' ',
  ' ',
  ' ',
];

function randomQuery(next: () => number): string {
  const length = Math.floor(next() * 14);
  let query = '';
  for (let i = 0; i < length; i++) {
    if (next() < 0.15) query += String.fromCharCode(Math.floor(next() * 0x3000));
    else query += PIECES[Math.floor(next() * PIECES.length)];
  }
  return query;
}

afterEach(() => vi.restoreAllMocks());

const freshArchive = archiveEnginesPerFile();

// The same queries against the embedded archive and a real PostgreSQL team archive (docs/team-archive.md).
describe.each(ENGINES)('search never lets a query break it (%s)', (engine) => {
  let archive: SourceArchive;
  beforeAll(async () => {
    const target = await freshArchive(engine);
    archive = target.archive;
    await importSeeds(target);
    return cleanUpTemp;
  }, 120_000);

  const check = async (query: string): Promise<void> => {
    const logged = vi.spyOn(console, 'error');
    const response = await archive.search({ query, limit: 5, offset: 0 });
    // The team engine logs a failed statement before answering with a notice: none may fail.
    expect(logged, JSON.stringify(query)).not.toHaveBeenCalled();
    logged.mockRestore();
    const parsed = SearchResponse.parse(response);
    // The parser, not the safety net, must make every query acceptable to SQLite.
    expect(Object.values(SEARCH_NOTICES), JSON.stringify(query)).not.toContain(parsed.notice);
    expect(parsed.results.length).toBeLessThanOrEqual(5);
  };

  it('handles hostile strings', async () => {
    for (const query of HOSTILE) await check(query);
  });

  // 1,000 in the normal run; `npm run test:stress` sets PRECIS_RANDOM_QUERIES=10000.
  const randomQueries = Number(process.env.PRECIS_RANDOM_QUERIES ?? 1000);
  it(`handles ${randomQueries} random strings of FTS operators, quotes, control characters and unicode`, async () => {
    const next = prng(20240613);
    const started = performance.now();
    for (let i = 0; i < randomQueries; i++) await check(randomQuery(next));
    // A figure for the stress run, not an assertion: "no hang" is the test runner's timeout.
    if (randomQueries > 1000)
      console.log(`${randomQueries} random queries in ${Math.round(performance.now() - started)} ms`);
  }, 600_000);
});

// SQLite only: it breaks the local engine's FTS5 table on purpose.
describe('searchSources on a broken index', () => {
  afterEach(cleanUpTemp);
  it('turns an SQLite error into a notice instead of throwing', () => {
    const { db: broken } = tempArchive();
    broken.exec(`
      DROP TRIGGER sources_fts_after_insert;
      DROP TRIGGER sources_fts_after_delete;
      DROP TRIGGER sources_fts_after_update;
      DROP TABLE sources_fts;
    `);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = searchSources(broken, { query: 'Japan', limit: 5, offset: 0 });
    expect(response).toMatchObject({
      query: 'Japan',
      total: 0,
      results: [],
      suggestions: [],
      notice: SEARCH_NOTICES.notUnderstood,
    });
    expect(logged).toHaveBeenCalledOnce();
  });
});
