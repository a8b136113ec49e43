import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { createPrivateFile, makePrivateDir, PRIVATE_FILE_MODE } from './privateFiles';

/*
 * Several Précis processes may use one archive at once (the app, `precis serve`, the CLI): SQLite's
 * WAL mode makes that safe. What is not safe is changing the archive under another process:
 * moving a damaged file aside, restoring a backup, migrating. Those happen only while no other
 * Précis process has the archive open. Who has it open is kept by SQLite's own file locks on two
 * empty lock files in <dataDir>/locks/, because the operating system drops those locks when a
 * process ends, however it ends (a PID written in a file can outlive its process, and PIDs are
 * reused):
 * - gate.lock: held EXCLUSIVE by the one process that is opening (checking, repairing, migrating)
 *   or closing; the others wait at the gate. Opening is therefore one process at a time.
 * - users.lock: every process that has the archive open holds a SHARED lock on it (an open read
 *   transaction) until it closes it. A process at the gate that can take users.lock EXCLUSIVE (and
 *   lets go at once) knows nobody else has the archive open, and nobody can come in while it holds
 *   the gate.
 * Besides, each process leaves a marker file `open-<pid>-<random>` while it has the archive open
 * and deletes it when it closes cleanly. A marker found by a process that is alone belongs to a
 * process that ended without closing (a crash, a kill, a power cut): an unclean shutdown.
 */

export const LOCKS_DIR_NAME = 'locks';
const GATE_FILE = 'gate.lock';
const USERS_FILE = 'users.lock';
const MARKER = /^open-\d+-[0-9a-f]+$/;

/** Waiting at the gate longer than this means another process is stuck (or migrating a huge archive). */
export const GATE_WAIT_MS = 120_000;

export class ArchiveBusyError extends Error {}

export interface ArchiveLock {
  /** True when no other Précis process had the archive open as this one came in. */
  readonly alone: boolean;
  /** A process had the archive open and never closed it (only known when `alone`). */
  readonly uncleanShutdown: boolean;
  /** Ends the opening phase: lets the next process in. */
  openGate(): void;
  /**
   * Closes the archive (`closeArchive`) at the gate, drops this process's hold and, if no other
   * process has the archive open, runs `ifLast` before anyone can come in.
   */
  release(closeArchive?: () => void, ifLast?: () => void): void;
}

export interface LockOptions {
  nativeBinding?: string;
  waitMs?: number;
}

/** Enters the archive in `dataDir`: waits at the gate, then registers this process as a user. */
export async function lockArchive(dataDir: string, options: LockOptions = {}): Promise<ArchiveLock> {
  const dir = join(dataDir, LOCKS_DIR_NAME);
  makePrivateDir(dir);
  const gate = openLockFile(join(dir, GATE_FILE), options);
  let users: Database.Database | null = null;
  try {
    await waitAtGate(gate, options.waitMs ?? GATE_WAIT_MS);
    users = openLockFile(join(dir, USERS_FILE), options);
    const alone = tryExclusive(users);
    users.exec('BEGIN');
    users.prepare('SELECT count(*) FROM sqlite_schema').get();
    const leftovers = alone ? readdirSync(dir).filter((name) => MARKER.test(name)) : [];
    for (const name of leftovers) rmSync(join(dir, name), { force: true });
    const marker = join(dir, `open-${process.pid}-${markerSuffix()}`);
    writeFileSync(marker, `${process.pid}\n`, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    return heldLock(gate, users, marker, alone, leftovers.length > 0);
  } catch (error) {
    users?.close();
    gate.close();
    throw error;
  }
}

function heldLock(
  gate: Database.Database,
  users: Database.Database,
  marker: string,
  alone: boolean,
  uncleanShutdown: boolean,
): ArchiveLock {
  let released = false;
  const openGate = () => {
    if (gate.inTransaction) gate.exec('ROLLBACK');
  };
  return {
    alone,
    uncleanShutdown,
    openGate,
    release(closeArchive, ifLast) {
      if (released) return;
      released = true;
      try {
        // Closing at the gate: nobody opens the archive between our close and the `ifLast` check.
        const atGate = gate.inTransaction || tryExclusive(gate, 2000, true);
        closeArchive?.();
        if (users.inTransaction) users.exec('COMMIT');
        rmSync(marker, { force: true });
        if (atGate && ifLast && tryExclusive(users)) ifLast();
      } finally {
        openGate();
        users.close();
        gate.close();
      }
    },
  };
}

/**
 * What tells this opening's marker apart from an earlier one by a process that had the same PID:
 * the time and a random part. Unique, not secret (the folder is the user's own, 0700): node:crypto
 * would cost every command's start ~15 ms of CPU to load (issue 13).
 */
function markerSuffix(): string {
  return `${Date.now().toString(16)}${Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, '0')}`;
}

function openLockFile(file: string, options: LockOptions): Database.Database {
  createPrivateFile(file);
  const settings: Database.Options = {};
  if (options.nativeBinding) settings.nativeBinding = options.nativeBinding;
  const db = new Database(file, settings);
  db.pragma('busy_timeout = 0');
  return db;
}

async function waitAtGate(gate: Database.Database, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  // Polled rather than SQLite's busy_timeout, which would block this process's event loop.
  while (!tryExclusive(gate, 0, true)) {
    if (Date.now() > deadline) {
      throw new ArchiveBusyError(
        `Another Précis process has been opening the archive for over ${Math.round(waitMs / 1000)} s; try again later.`,
      );
    }
    await delay(20);
  }
}

/** Takes an EXCLUSIVE lock if nobody holds any lock; `keep` holds it, otherwise it is let go at once. */
function tryExclusive(db: Database.Database, timeoutMs = 0, keep = false): boolean {
  db.pragma(`busy_timeout = ${Math.trunc(timeoutMs)}`);
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) return false;
    throw error;
  } finally {
    db.pragma('busy_timeout = 0');
  }
  if (!keep) db.exec('ROLLBACK');
  return true;
}
