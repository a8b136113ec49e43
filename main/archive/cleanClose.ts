import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCKS_DIR_NAME } from './archiveLock';
import { PRIVATE_FILE_MODE } from './privateFiles';

/*
 * `PRAGMA quick_check` reads the whole archive (3.9 s for 1 GB). Opens that may repair (the app,
 * `serve`, `import`) always run it: they can do something about damage. A read-only command
 * (`search`, `sources`, `briefs`, `export`) skips it when the archive is provably as the last
 * Précis process left it when it closed cleanly. That process, alone at the gate (archiveLock.ts),
 * sets the file's mtime to a distinct instant two seconds in the past and records it with the
 * file's size and inode here. Any later write to the file (by anything: another program, a sync
 * tool, a disk editor) sets the mtime to the present, so it no longer matches; a crash leaves a
 * marker (archiveLock.ts) or a -wal file. In any of those cases, or when another Précis process
 * has the archive open, the full check runs. What this cannot see is damage done *during* a
 * session that then closed cleanly: the next app or `serve` start finds it (full check), and a
 * read-only command that reads a damaged page fails with SQLite's "malformed" error.
 */
const STAMP_FILE = 'clean-close.json';

interface Stamp {
  size: string;
  mtimeNs: string;
  ino: string;
}

function stampPath(dataDir: string): string {
  return join(dataDir, LOCKS_DIR_NAME, STAMP_FILE);
}

function stampOf(file: string): Stamp {
  const info = statSync(file, { bigint: true });
  return { size: String(info.size), mtimeNs: String(info.mtimeNs), ino: String(info.ino) };
}

/** Records that `file` was closed cleanly by the last process; call with the archive closed. */
export function recordCleanClose(dataDir: string, file: string): void {
  if (!existsSync(file) || existsSync(`${file}-wal`)) return;
  try {
    const past = (Date.now() - 2000 - Math.random() * 1000) / 1000;
    utimesSync(file, past, past);
    writeFileSync(stampPath(dataDir), JSON.stringify(stampOf(file)), { mode: PRIVATE_FILE_MODE });
  } catch {
    // Only a shortcut for the next start: without the record, it runs the full check.
    rmSync(stampPath(dataDir), { force: true });
  }
}

/** True when `file` is exactly as `recordCleanClose` left it. */
export function closedCleanlySince(dataDir: string, file: string): boolean {
  const path = stampPath(dataDir);
  if (!existsSync(path) || !existsSync(file) || existsSync(`${file}-wal`)) return false;
  try {
    const recorded = JSON.parse(readFileSync(path, 'utf8')) as Stamp;
    const now = stampOf(file);
    return now.size === recorded.size && now.mtimeNs === recorded.mtimeNs && now.ino === recorded.ino;
  } catch {
    return false;
  }
}
