import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * CPU seconds the whole PostgreSQL server has used so far, when it runs on this machine (the
 * benchmark's own cluster): the postmaster, its live children (every backend, the WAL writer, the
 * checkpointer) and, through the kernel's account of reaped children, every backend that has
 * exited. A difference of two readings is the server's CPU between them. NaN elsewhere.
 */
export async function serverCpuSeconds(client: pg.Client | pg.Pool): Promise<number> {
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const postmaster = stat(rows[0]!.pid).ppid;
    const own = stat(postmaster);
    let ticks = own.utime + own.stime + own.cutime + own.cstime;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const child = stat(Number(entry));
        if (child.ppid === postmaster) ticks += child.utime + child.stime;
      } catch {
        // The process ended while we looked: its time is in the postmaster's reaped account.
      }
    }
    return ticks / 100;
  } catch {
    return Number.NaN;
  }
}

function stat(pid: number) {
  // Fields after the command name (which may hold spaces): state is [0], ppid [1], utime [11]...
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
  const n = (i: number) => Number(fields[i]);
  return { ppid: n(1), utime: n(11), stime: n(12), cutime: n(13), cstime: n(14) };
}
