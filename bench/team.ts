/**
 * npm run bench:team [-- --size 100000] [-- --searchers 1,10,50] [-- --smoke]
 *   [-- --reuse] [-- --keep [--load-only]] [-- --owner-url postgres://owner:…@127.0.0.1:PORT/team]
 *   [-- --no-leakproof]
 *
 * The team archive on PostgreSQL beside the embedded SQLite archive, on the same generated corpus
 * (~3 KB of Brown-corpus prose per source, bench/corpus.ts). A throw-away cluster (durable
 * commits, as a department would run it) is loaded with `size` sources and their tags by COPY as
 * the owner (bench/teamLoad.ts), after the DBA's leakproof step (docs/team-archive.md; leave it
 * out with --no-leakproof); the SQLite archive is bench:archive's cached one when it exists, else
 * built by bench/buildArchive.ts. Then the archive query mix (bench/queryMix.ts) runs with 1, 10
 * and 50 concurrent searchers, each its own connection and analyst session (RLS on), while one
 * analyst imports through the real import path (importParsed: dedupe, clustering, audit). Prints
 * p50/p95 per level, the import rate during the searches, the bulk-load rate, index and table
 * sizes, the SQLite figures (one searcher: it is an in-process library) and the overlap of the
 * two engines' top 20. Asserts nothing.
 * --reuse keeps the loaded cluster in /var/tmp/precis-bench/team-v1-SIZE (a folder the postgres
 * user can reach) and starts it again on the next --reuse run of that size, loading nothing;
 * --keep leaves the cluster running and prints its owner URL (--load-only stops there);
 * --owner-url runs the searches on such an archive, loading nothing.
 * --no-import: the searches alone, so that the server's CPU per search is the searches' own.
 * --rounds N: rounds of the query mix per searcher (3), for a shorter run at 1M.
 * --pool N: the searchers share N connections, queueing for one (default: a connection each, as
 *   analysts do, each connecting as their own role).
 * --query-cpu: instead of the concurrency levels, each query's own server CPU (its backend's, from
 *   /proc) at one searcher, no import, --rounds N times each (bench/teamQueryCpu.ts).
 * --smoke: 300 sources, 1 and 4 searchers, a few rounds. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { openArchive } from '../main/archive/database';
import { sqliteArchive } from '../main/archive/sqliteArchive';
import { openPostgresArchive } from '../main/team/postgresArchive';
import { initTeamArchive, upsertTeamUser, withOwner } from '../main/team/teamAdmin';
import { keptClusterDir, startPostgresCluster } from '../test/support/postgresCluster';
import { buildArchive } from './buildArchive';
import { generateSources } from './corpus';
import { QUERY_MIX } from './queryMix';
import { serverCpuSeconds } from './teamCpu';
import { copyLoad, type LoadStats } from './teamLoad';
import { printQueryCpu, queryCpu } from './teamQueryCpu';

const SMOKE = process.argv.includes('--smoke');
const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const SIZE = SMOKE ? 300 : Number(arg('size') ?? 100_000);
const SEARCHERS = SMOKE ? [1, 4] : (arg('searchers') ?? '1,10,50').split(',').map(Number);
const ROUNDS = SMOKE ? 1 : Number(arg('rounds') ?? 3);
const KEEP = process.argv.includes('--keep');
const REUSE = process.argv.includes('--reuse');
const IMPORT = !process.argv.includes('--no-import');
/** --pool N: at most N connections for all the searchers (the rest queue in the pool); default one each. */
const POOL = Number(arg('pool') ?? Number.POSITIVE_INFINITY);
/** Version of the cached team archives (--reuse): bump when the corpus or the loader's result changes. */
const TEAM_CACHE_VERSION = 1;
/** bench/archive.ts's cache of built archives, and the version of their corpus. */
const BENCH_CACHE = join(tmpdir(), 'precis-bench');
const ARCHIVE_VERSION = 7;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `bench:team: ${SIZE.toLocaleString('en')} sources; ${cpus().length} cores; load ${loadavg()[0]!.toFixed(1)}`,
  );
  // --owner-url: a team archive a --keep run loaded (and made leakproof) already; nothing is loaded.
  const reused = arg('owner-url');
  // --reuse: the cluster loaded by an earlier --reuse run of this size, kept in the cache folder.
  const cacheDir = REUSE && !SMOKE && !reused ? keptClusterDir(`team-v${TEAM_CACHE_VERSION}-${SIZE}`) : undefined;
  const marker = cacheDir ? join(cacheDir, 'loaded.json') : undefined;
  const loaded = marker !== undefined && existsSync(marker);
  // A cache folder without its marker is a load that did not finish: start again.
  if (cacheDir && !loaded) rmSync(cacheDir, { recursive: true, force: true });
  const cluster = reused
    ? null
    : await startPostgresCluster({
        durable: true,
        settings: { shared_buffers: '512MB', max_wal_size: '4GB', maintenance_work_mem: '512MB', work_mem: '16MB' },
        keepIn: cacheDir,
      });
  const tmp = mkdtempSync(join(tmpdir(), 'precis-bench-team-'));
  try {
    const ownerUrl =
      reused ??
      (loaded
        ? `postgres://owner:owner-password@127.0.0.1:${cluster!.port}/team`
        : cluster!.createOwnedDatabase('team', 'owner', 'owner-password'));
    const analystUrl = Object.assign(new URL(ownerUrl), { username: 'analyst', password: 'analyst-password' }).href;
    let load: LoadStats | null = null;
    if (loaded) {
      // Migrations added since the cache was loaded, as `team init` would apply them.
      await initTeamArchive(ownerUrl);
      console.log(`PostgreSQL: the cached archive in ${cacheDir} (${readFileSync(marker!, 'utf8').trim()})`);
    } else if (cluster) {
      await initTeamArchive(ownerUrl);
      await upsertTeamUser(ownerUrl, undefined, {
        name: 'analyst',
        password: 'analyst-password',
        clearance: 'TOP SECRET',
      });
      // The DBA's step (docs/team-archive.md): without it RLS keeps analysts off the GIN indexes.
      if (!process.argv.includes('--no-leakproof'))
        cluster.superuserSql('ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF', 'team');
      // Bulk load as the owner (bench/teamLoad.ts); the searches below run as the analyst, under RLS.
      load = await copyLoad(ownerUrl, SIZE, console.log);
      if (marker)
        writeFileSync(marker, `${JSON.stringify({ size: SIZE, loadedAt: new Date().toISOString(), load })}\n`);
    }
    const sizes = await withOwner(ownerUrl, undefined, async (client) => {
      const { rows } = await client.query(
        `SELECT pg_relation_size('sources_text') AS gin, pg_relation_size('sources_title') AS title,
                pg_total_relation_size('sources') AS total, pg_database_size(current_database()) AS db`,
      );
      const leakproof = await client.query(
        "SELECT proleakproof FROM pg_proc WHERE oid = 'ts_match_vq(tsvector, tsquery)'::regprocedure",
      );
      return { ...rows[0], leakproof: leakproof.rows[0]?.proleakproof === true } as {
        gin: string;
        title: string;
        total: string;
        db: string;
        leakproof: boolean;
      };
    });
    if (load) {
      const cpu = load.serverCpuSeconds + load.clientCpuSeconds;
      console.log(
        `PostgreSQL bulk load (COPY as the owner, GIN indexes built after): ${(SIZE / load.seconds).toFixed(0)} sources/s; ${load.seconds.toFixed(1)} s wall (rows ${load.rowSeconds.toFixed(1)} s, indexes ${load.indexSeconds.toFixed(1)} s); CPU ${load.serverCpuSeconds.toFixed(1)} s server + ${load.clientCpuSeconds.toFixed(1)} s generating = ${((cpu * 1000) / SIZE).toFixed(2)} ms a source; load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    console.log(
      `  GIN index ${mb(Number(sizes.gin))} (text) + ${mb(Number(sizes.title))} (titles); sources with indexes and TOAST ${mb(Number(sizes.total))}; database ${mb(Number(sizes.db))}`,
    );
    console.log(
      `  @@ (ts_match_vq) leakproof, so analysts' searches use the GIN indexes: ${sizes.leakproof ? 'yes' : 'NO'}`,
    );
    if (KEEP && cluster) {
      console.log(`--keep: cluster left running in ${cluster.dir}\n  owner ${ownerUrl}\n  analyst ${analystUrl}`);
      if (process.argv.includes('--load-only')) return;
    }
    if (process.argv.includes('--query-cpu')) {
      console.log(
        `\nPostgreSQL, server CPU per query (one searcher, no import, ${ROUNDS} rounds), load ${loadavg()[0]!.toFixed(1)}:`,
      );
      printQueryCpu(await queryCpu(analystUrl, ROUNDS), console.log);
      return;
    }

    // SQLite on the same corpus: bench:archive's cached archive when there is one (the same sources).
    const cached = join(BENCH_CACHE, `archive-v${ARCHIVE_VERSION}-${SIZE}.sqlite`);
    let file = cached;
    if (SMOKE || !existsSync(cached)) {
      file = join(tmp, 'archive.sqlite');
      const built = await buildArchive(file, SIZE);
      console.log(`SQLite build: ${built.sourcesPerSecond.toFixed(0)} sources/s; file ${built.fileMb.toFixed(0)} MB`);
    } else console.log(`SQLite: bench:archive's ${cached}`);
    const db = openArchive(file);
    const local = sqliteArchive(db);
    const sqliteTimes: number[] = [];
    // The two engines' ids differ: the SQLite build stores an exact duplicate once (at 1M one
    // source, and every id after it moves down by one), the COPY load keeps every row. So the top
    // 20s are compared by content hash (the load suffixes its own with ":index").
    const sqliteTop = new Map<string, string[]>();
    const hashOf = db.prepare('SELECT content_hash FROM sources WHERE id = ?').pluck();
    for (let round = 0; round < ROUNDS + 1; round++) {
      for (const q of QUERY_MIX) {
        const t = performance.now();
        const response = await local.search({ query: q.query, sort: q.sort, limit: 20, offset: 0 });
        if (round > 0) sqliteTimes.push(performance.now() - t);
        sqliteTop.set(
          `${q.query}|${q.sort ?? ''}`,
          response.results.map((hit) => String(hashOf.get(hit.id))),
        );
      }
    }
    db.close();

    // PostgreSQL: the mix at each concurrency, while one analyst imports through the real path.
    const overlap: number[] = [];
    const rows: string[] = [];
    const perQuery = new Map<string, number[]>();
    let importSeed = 1000;
    for (const searchers of SEARCHERS) {
      const pool = openPostgresArchive({ url: analystUrl, max: Math.min(searchers, POOL) });
      // Warm the pool's connections and the cache, as a running server's are.
      await Promise.all(Array.from({ length: searchers }, () => pool.search({ query: 'warm', limit: 1, offset: 0 })));
      // The import runs in a process of its own, as another analyst's would: its parsing and
      // near-duplicate checks must not hold up this process's searches.
      const importer = IMPORT
        ? spawn(process.execPath, [__filename, '--importer', analystUrl, String(importSeed++)], {
            stdio: ['ignore', 'pipe', 'inherit'],
          })
        : null;
      let imported = 0;
      if (importer) {
        // Searches start once the importer is importing (its corpus takes seconds to load).
        await new Promise((resolve) => importer.stdout.once('data', resolve));
        importer.stdout.on('data', (chunk: Buffer) => {
          imported += chunk.toString().split('\n').filter(Boolean).length;
        });
      }
      const importStarted = performance.now();
      const serverCpuBefore = await serverCpuSeconds(pool.pool);
      const clientCpuBefore = process.cpuUsage();
      const times: number[] = [];
      await Promise.all(
        Array.from({ length: searchers }, async (_, worker) => {
          for (let round = 0; round < ROUNDS; round++) {
            for (let i = 0; i < QUERY_MIX.length; i++) {
              const q = QUERY_MIX[(i + worker) % QUERY_MIX.length]!;
              const t = performance.now();
              const response = await pool.search({ query: q.query, sort: q.sort, limit: 20, offset: 0 });
              times.push(performance.now() - t);
              if (searchers === SEARCHERS[0]) {
                const key = `${q.query}${q.sort ? ` (by ${q.sort})` : ''}`;
                perQuery.set(key, [...(perQuery.get(key) ?? []), performance.now() - t]);
              }
              if (
                searchers === SEARCHERS[0] &&
                round === 0 &&
                worker === 0 &&
                (q.sort ?? 'relevance') === 'relevance'
              ) {
                const theirs = new Set(sqliteTop.get(`${q.query}|`) ?? []);
                const { rows: hashes } = await pool.pool.query<{ hash: string }>(
                  "SELECT split_part(content_hash, ':', 1) AS hash FROM sources WHERE id = ANY ($1::bigint[])",
                  [response.results.map((hit) => hit.id)],
                );
                const ours = hashes.map((row) => row.hash);
                if (theirs.size > 0)
                  overlap.push(ours.filter((id) => theirs.has(id)).length / Math.min(20, theirs.size));
              }
            }
          }
        }),
      );
      importer?.kill('SIGTERM');
      const importRate = imported / ((performance.now() - importStarted) / 1000);
      // The server's CPU includes the importer's backend; this process's, parsing and snippets.
      const serverCpu = ((await serverCpuSeconds(pool.pool)) - serverCpuBefore) * 1000;
      const clientCpu = process.cpuUsage(clientCpuBefore);
      await pool.close();
      rows.push(
        `| ${searchers} | ${times.length} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(percentile(times, 99))} | ${importer ? `${importRate.toFixed(1)}/s` : 'none'} | ${ms(serverCpu / times.length)} + ${ms((clientCpu.user + clientCpu.system) / 1000 / times.length)} | ${loadavg()[0]!.toFixed(1)} |`,
      );
    }
    console.log('\nPostgreSQL, the query mix (top 20 with snippets) while one analyst imports:');
    console.log(
      '| searchers | searches | p50 | p95 | p99 | import rate meanwhile | CPU a search: server (with the importing backend) + this process | load |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
    console.log(`\nPostgreSQL at ${SEARCHERS[0]} searcher(s), per query (p50):`);
    const slowest = [...perQuery].sort((a, b) => percentile(b[1], 50) - percentile(a[1], 50));
    console.log(slowest.map(([query, samples]) => `  ${ms(percentile(samples, 50))}  ${query}`).join('\n'));
    console.log(
      `\nSQLite, one searcher: p50 ${ms(percentile(sqliteTimes, 50))}, p95 ${ms(percentile(sqliteTimes, 95))} (${sqliteTimes.length} searches)`,
    );
    const meanOverlap = overlap.length ? overlap.reduce((a, b) => a + b, 0) / overlap.length : 0;
    console.log(
      `Top-20 overlap PostgreSQL vs SQLite (relevance queries): mean ${(meanOverlap * 100).toFixed(0)}% over ${overlap.length} queries`,
    );
    console.log(`Target p95 < 100 ms at 50 searchers. Total ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    if (!KEEP) cluster?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `--importer URL SEED`: imports generated sources through the real path, one line per source, until killed. */
async function importForever(url: string, seed: number): Promise<void> {
  const archive = openPostgresArchive({ url, max: 1 });
  for (const s of generateSources(1_000_000, { seed })) {
    await archive.importParsed({ ...s, format: 'txt', pageStarts: null }, s.fileName);
    process.stdout.write('.\n');
  }
}

const importerAt = process.argv.indexOf('--importer');
// buildArchive's worker threads load this same bundle: only the main thread runs the benchmark.
if (isMainThread)
  (importerAt >= 0 ? importForever(process.argv[importerAt + 1]!, Number(process.argv[importerAt + 2])) : main()).catch(
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
