/**
 * node bench/run.mjs searchCosts [--archive FILE] [--repeats N] [--smoke]
 *
 * Where the time of one search goes, query by query: the whole searchSources call, then its
 * parts timed apart on the same connection (parsing, choosing the page, the hits' rows, the
 * snippets as made, the same snippets all by FTS5's snippet(), did-you-mean), each the median of
 * N runs, in wall and CPU time.
 * FILE defaults to the archive bench's cached 100,000-source archive. Opened read-only: nothing is
 * written, so it may run beside the archive bench. Prints figures, asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openArchive } from '../main/archive/database';
import { insertSources } from '../main/archive/sources';
import { onePerCluster } from '../main/search/clusterPage';
import { parseQuery } from '../main/search/queryParser';
import { refreshRankingIndex } from '../main/search/rankingIndex';
import { filterOnlyPage, matchPage } from '../main/search/searchPlan';
import { hitRows, hitSnippets, markedSnippets, searchSources } from '../main/search/searchSources';
import { suggestSpellings } from '../main/search/suggestions';
import { forbidUpkeep } from '../main/search/upkeepAllowed';
import { QUERY_MIX } from './queryMix';

const { values } = parseArgs({
  options: {
    archive: { type: 'string', default: join(tmpdir(), 'precis-bench', 'archive-v7-100000.sqlite') },
    repeats: { type: 'string', default: '21' },
    smoke: { type: 'boolean', default: false },
  },
});
const REPEATS = values.smoke ? 3 : Number(values.repeats);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Median wall and CPU time of `work`, in ms. */
function time(work: () => unknown): { wall: number; cpu: number } {
  work();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const usage = process.cpuUsage();
    const started = performance.now();
    work();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

function smokeArchive(dir: string): Database.Database {
  const db = openArchive(join(dir, 'archive.sqlite'));
  const words = ['government', 'state', 'the', 'nuclear', 'church', 'policy', 'president', 'water'];
  insertSources(
    db,
    Array.from({ length: 300 }, (_, i) => ({
      title: `Source ${i} ${words[i % words.length]}`,
      body: Array.from({ length: 60 }, (_, j) => words[(i * 7 + j) % words.length]).join(' '),
      outlet: i % 3 ? 'Reuters' : 'Canadian Press',
      author: null,
      publishedAt: `2024-0${1 + (i % 9)}-1${i % 10}`,
      url: null,
      language: 'en',
      original: '',
      fileName: `s${i}.txt`,
    })),
  );
  refreshRankingIndex(db);
  return db;
}

function main(): void {
  const dir = values.smoke ? mkdtempSync(join(tmpdir(), 'precis-search-costs-')) : null;
  const db = dir ? smokeArchive(dir) : new Database(values.archive!, { readonly: true });
  forbidUpkeep(db);
  const f = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(2)}/${t.cpu.toFixed(2)}`;
  console.log(
    `${values.smoke ? 'smoke archive' : values.archive}; median of ${REPEATS}; wall/CPU ms; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `${'query'.padEnd(44)} ${'whole'.padStart(11)} ${'parse'.padStart(11)} ${'page'.padStart(11)} ${'rows'.padStart(11)} ${'snippets'.padStart(11)} ${'(by FTS5)'.padStart(11)} ${'did-you-mean'.padStart(12)}`,
  );
  const wholes: { wall: number; cpu: number }[] = [];
  for (const item of QUERY_MIX) {
    const input = { query: item.query, limit: 20, offset: 0, sort: item.sort ?? ('relevance' as const) };
    const whole = time(() => searchSources(db, input));
    wholes.push(whole);
    const parse = time(() => parseQuery(item.query));
    const parsed = parseQuery(item.query);
    const collapse = parsed.filters.clusters.length === 0;
    const pageOf = (depth: number, from: number) =>
      parsed.fts === null
        ? filterOnlyPage(db, parsed, depth, from, collapse)
        : matchPage(db, parsed, input.sort, depth, from, collapse);
    const page = time(() => onePerCluster(db, pageOf, 20, 0));
    const ids = onePerCluster(db, pageOf, 20, 0).rows.map((row) => row.id);
    const rows = time(() => hitRows(db, ids));
    const text = parsed.hasText && parsed.fts !== null;
    const found = hitRows(db, ids);
    const snippets = text ? time(() => hitSnippets(db, parsed.fts!, found)) : { wall: 0, cpu: 0 };
    const fts5 = text ? time(() => markedSnippets(db, parsed.fts!, ids)) : { wall: 0, cpu: 0 };
    const suggestions = time(() => suggestSpellings(db, parsed, item.query));
    const label = item.sort === 'date' ? `${item.query} (by date)` : item.query;
    console.log(
      `${label.padEnd(44)} ${f(whole).padStart(11)} ${f(parse).padStart(11)} ${f(page).padStart(11)} ${f(rows).padStart(11)} ${f(snippets).padStart(11)} ${f(fts5).padStart(11)} ${f(suggestions).padStart(12)}`,
    );
  }
  console.log(
    `whole search, median over the mix: ${median(wholes.map((w) => w.wall)).toFixed(2)} ms wall, ` +
      `${median(wholes.map((w) => w.cpu)).toFixed(2)} ms CPU`,
  );
  db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

main();
