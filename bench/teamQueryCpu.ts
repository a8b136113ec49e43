import { readFileSync } from 'node:fs';
import { openPostgresArchive } from '../main/team/postgresArchive';
import { QUERY_MIX } from './queryMix';

/**
 * The server CPU of each query of the mix, on one connection: the backend's own run time from
 * /proc/PID/schedstat (nanoseconds, not the 10 ms ticks of /proc/PID/stat), read before and after
 * each search, so other processes on a shared machine do not count. Runs as bench:team's
 * `--query-cpu` step (one searcher, no import), or on its own against a kept archive:
 *   node dist/bench/team.cjs --owner-url … --query-cpu [--rounds N]
 * The same file copied into another build (git worktree of the base) measures that build on the
 * same archive, for an A/B in the same minutes.
 */
export interface QueryCpu {
  query: string;
  /** Median server CPU of one search (the whole search: plan, page, snippets, did-you-mean), ms. */
  median: number;
  /** Median wall time, ms. */
  wall: number;
  total: number;
  ids: string;
}

function backendCpuMs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function queryCpu(analystUrl: string, rounds: number): Promise<QueryCpu[]> {
  const archive = openPostgresArchive({ url: analystUrl, max: 1 });
  try {
    const { rows } = await archive.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]!.pid;
    const out: QueryCpu[] = [];
    for (const q of QUERY_MIX) {
      const input = { query: q.query, sort: q.sort, limit: 20, offset: 0 };
      const first = await archive.search(input);
      const cpu: number[] = [];
      const wall: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const before = backendCpuMs(pid);
        const t = performance.now();
        await archive.search(input);
        wall.push(performance.now() - t);
        cpu.push(backendCpuMs(pid) - before);
      }
      out.push({
        query: `${q.query}${q.sort ? ` (by ${q.sort})` : ''}`,
        median: median(cpu),
        wall: median(wall),
        total: first.total,
        ids: first.results.map((hit) => hit.id).join(','),
      });
    }
    return out;
  } finally {
    await archive.close();
  }
}

export function printQueryCpu(rows: readonly QueryCpu[], log: (line: string) => void): void {
  log('| query | server CPU a search (median) | wall (median) | total |');
  log('| --- | --- | --- | --- |');
  for (const row of rows)
    log(`| ${row.query} | ${row.median.toFixed(2)} ms | ${row.wall.toFixed(1)} ms | ${row.total} |`);
  const mean = rows.reduce((sum, row) => sum + row.median, 0) / Math.max(1, rows.length);
  log(`Mean of the medians: ${mean.toFixed(2)} ms of server CPU a search.`);
}
