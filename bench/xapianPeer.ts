import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchSort } from '../main/search/searchTypes';

/**
 * The archive benchmark's peer: Xapian (Debian python3-xapian) indexing the same sources and
 * running the same mix, through bench/xapianPeer.py. Optional: when the module is missing the
 * benchmark says so and carries on (CI installs none of it).
 */

export interface PeerBuild {
  docs: number;
  seconds: number;
  rate: number;
  /** CPU time of the build (absent from indexes built before it was recorded). */
  cpuSeconds?: number;
  indexMb: number;
  peakRssMb: number;
  /** Shards merged by xapian-compact (absent or 0: built as one index). */
  shards?: number;
}

export interface PeerTiming {
  query: string;
  samples: number[];
  medianMs: number;
  total: number;
}

const SCRIPT = join(__dirname, '..', '..', 'bench', 'xapianPeer.py');

/** A python3 that can import xapian (Debian's own first: a pyenv python may shadow it), or null. */
export function findPython(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import xapian'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return null;
}

/** Above this many sources bench/xapianPeer.py builds shards and merges them with xapian-compact. */
const PEER_SHARD_SIZE = 200_000;

/** Why the peer's index of `size` sources cannot be built on this machine, or null. */
export function peerBuildBlocked(size: number): string | null {
  if (size <= PEER_SHARD_SIZE) return null;
  const probe = spawnSync('xapian-compact', ['--version'], { stdio: 'ignore' });
  return probe.status === 0 ? null : 'its shards are merged by xapian-compact: install Debian xapian-tools';
}

/** Builds (or, with `reuse`, finds) the Xapian index of `archive` at `dir`. */
export function peerIndex(
  python: string,
  archive: string,
  dir: string,
  reuse: boolean,
): { stats: PeerBuild; cached: boolean } {
  const statsFile = `${dir}.stats.json`;
  if (reuse && existsSync(dir) && existsSync(statsFile)) {
    return { stats: JSON.parse(readFileSync(statsFile, 'utf8')) as PeerBuild, cached: true };
  }
  rmSync(dir, { recursive: true, force: true });
  const output = execFileSync(python, [SCRIPT, 'build', archive, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  writeFileSync(statsFile, output);
  return { stats: JSON.parse(output.toString()) as PeerBuild, cached: false };
}

export function peerQueries(
  python: string,
  dir: string,
  archive: string,
  mix: { query: string; sort?: SearchSort }[],
  repeats: number,
): PeerTiming[] {
  const output = execFileSync(python, [SCRIPT, 'query', dir, String(repeats), archive], {
    input: JSON.stringify(mix),
    stdio: ['pipe', 'pipe', 'inherit'],
    maxBuffer: 16 << 20,
  });
  return JSON.parse(output.toString()) as PeerTiming[];
}
