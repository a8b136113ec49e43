import Database from 'better-sqlite3';
import { UserError } from '../errors';
import type { Db } from './database';

/**
 * Every write to the archive goes through `committed`: the work runs in one IMMEDIATE transaction,
 * so it either commits or throws. (better-sqlite3's `.get()` on an autocommit INSERT/UPDATE …
 * RETURNING hands back the row and ignores a commit that then fails with SQLITE_FULL; inside a
 * transaction the COMMIT is a statement of its own, and its failure is thrown.) IMMEDIATE takes
 * the write lock before reading, so a read-then-write (a revision check) cannot be overtaken by
 * another process between the two. Storage failures become UserErrors that say what happened and
 * that nothing was written.
 */
export function committed<T>(db: Db, work: () => T): T {
  try {
    return db.transaction(work).immediate();
  } catch (error) {
    throw asWriteError(error);
  }
}

/** The UserError for an SQLite storage failure; any other error is returned as it is. */
export function asWriteError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const failure = describeStorageFailure(error.code);
  if (!failure) return error;
  return new UserError(failure.code, `Not saved: ${failure.reason}. ${failure.advice}`, {}, { cause: error });
}

interface StorageFailure {
  code: 'disk-full' | 'read-only' | 'busy' | 'io-error';
  /** Short, for the editor's status line: "Not saved — <reason>". */
  reason: string;
  advice: string;
}

/** What an SQLite result code means for the person saving; null for codes that are not storage failures. */
export function describeStorageFailure(code: string): StorageFailure | null {
  if (code === 'SQLITE_FULL') {
    return {
      code: 'disk-full',
      reason: 'the disk is full',
      advice: 'Free some space on the disk that holds the archive; what was saved before is intact.',
    };
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return {
      code: 'read-only',
      reason: 'the archive cannot be written to',
      advice: 'Check that the archive file and its folder are writable; what was saved before is intact.',
    };
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return {
      code: 'busy',
      reason: 'another process is writing to the archive',
      advice: 'Try again in a moment; what was saved before is intact.',
    };
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') {
    return {
      code: 'io-error',
      reason: 'the disk could not be written',
      advice: `The disk reported an error (${code}); what was saved before is intact.`,
    };
  }
  return null;
}

/** Whether `error` (as committed() throws it) says the archive could not be written at all. */
export function isStorageFailure(error: unknown): boolean {
  return error instanceof UserError && ['disk-full', 'read-only', 'busy', 'io-error'].includes(error.code);
}
