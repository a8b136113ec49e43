import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCKS_DIR_NAME } from './archiveLock';
import { PRIVATE_FILE_MODE } from './privateFiles';

/*
 * `PRAGMA quick_check` reads the whole archive (3.9 s for 1 GB, ~40 s at a million sources), so no
 * opening runs it when the archive is provably as the last Précis process left it when it closed
 * cleanly. That process, alone at the gate (archiveLock.ts), sets the file's mtime to a distinct
 * instant two seconds in the past and records it with the file's size and inode here. Any later
 * write to the file (by anything: another program, a sync tool, a disk editor) sets the mtime to
 * the present, so it no longer matches; a crash leaves a marker (archiveLock.ts) or a -wal file.
 * In any of those cases, or when another Précis process has the archive open, the full check runs
 * at the opening. What this cannot see is damage done *during* a session that then closed cleanly
 * (or to a disk that rots under an unchanged mtime): the check that long-running processes run in
 * the background after start (backgroundCheck.ts) finds it, and records it here (`damage-found`),
 * so that every later opening runs the full check again until one repairs the archive.
 */
const STAMP_FILE = 'clean-close.json';
const DAMAGE_FILE = 'damage-found';

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

/** True when `file` is exactly as `recordCleanClose` left it, and no check has found it damaged since. */
export function closedCleanlySince(dataDir: string, file: string): boolean {
  const path = stampPath(dataDir);
  if (damageFound(dataDir) || !existsSync(path) || !existsSync(file) || existsSync(`${file}-wal`)) return false;
  try {
    const recorded = JSON.parse(readFileSync(path, 'utf8')) as Stamp;
    const now = stampOf(file);
    return now.size === recorded.size && now.mtimeNs === recorded.mtimeNs && now.ino === recorded.ino;
  } catch {
    return false;
  }
}

function damagePath(dataDir: string): string {
  return join(dataDir, LOCKS_DIR_NAME, DAMAGE_FILE);
}

/**
 * A check found the archive damaged while it was open: every opening from now on runs the full
 * check (and one that may repair, alone, moves it aside and restores a backup), until
 * `clearDamageFound` after a check that passed or a repair.
 */
export function recordDamageFound(dataDir: string, report: string): void {
  writeFileSync(damagePath(dataDir), `${report}\n`, { mode: PRIVATE_FILE_MODE });
}

export function damageFound(dataDir: string): boolean {
  return existsSync(damagePath(dataDir));
}

export function clearDamageFound(dataDir: string): void {
  rmSync(damagePath(dataDir), { force: true });
}
