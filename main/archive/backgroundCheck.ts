import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { type Worded, worded } from '../../shared/i18n/localizedText';
import { oneLine } from './database';

/*
 * The full `PRAGMA quick_check` an opening skipped (after a clean close, cleanClose.ts), run on a
 * worker thread with a read-only connection of its own, so that the process keeps answering while
 * SQLite reads the whole file (3.9 s for 1 GB, ~40 s at a million sources). In WAL mode that
 * connection reads one consistent snapshot beside the process's own writes; it never writes, so it
 * can neither damage nor lock out anything. The worker is a few lines of CommonJS evaluated as is
 * (not a bundle of its own) and loads the same better-sqlite3 as the process.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
let db = null;
try {
  const settings = { readonly: true, fileMustExist: true };
  if (workerData.nativeBinding) settings.nativeBinding = workerData.nativeBinding;
  db = new Database(workerData.file, settings);
  db.pragma('busy_timeout = 5000');
  parentPort.postMessage({ report: String(db.pragma('quick_check', { simple: true })) });
} catch (error) {
  parentPort.postMessage({ code: String(error && error.code), message: String(error && error.message) });
} finally {
  if (db) db.close();
}
`;

export type CheckOutcome =
  | { kind: 'ok' }
  /** quick_check reported a problem, or SQLite found the file malformed or not a database. */
  | { kind: 'damaged'; report: string }
  /** The check could not run to its end (busy, I/O, stopped): it says nothing about the archive. */
  | { kind: 'inconclusive'; reason: string };

export interface BackgroundCheck {
  outcome: Promise<CheckOutcome>;
  /** Stops the check (the process is closing the archive); the outcome becomes inconclusive. */
  stop(): void;
}

/**
 * What the analyst is told when a background check finds damage, in English and as a catalog
 * message: each door (the page, the CLI) says it in its own language.
 */
export function damagedNotice(report: string): Worded {
  return worded(
    `The archive is damaged (SQLite quick_check: ${report}). Nothing was changed, and no backup is taken until ` +
      'it is repaired: close every Précis window and `precis serve`, then start Précis again to move it aside and ' +
      'restore the newest good backup.',
    'archive.notice.damaged',
    { report },
  );
}

/** Runs `PRAGMA quick_check` on `file` on a worker thread; see the note above. */
export function checkInBackground(file: string, options: { nativeBinding?: string } = {}): BackgroundCheck {
  const sqlite = createRequire(__filename).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, sqlite, nativeBinding: options.nativeBinding },
  });
  // A check must never keep a process alive that has nothing else left to do.
  worker.unref();
  let settle: (outcome: CheckOutcome) => void = () => {};
  const outcome = new Promise<CheckOutcome>((resolve) => {
    let settled = false;
    settle = (value) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
  });
  worker.once('message', (message: { report?: string; code?: string; message?: string }) => {
    if (message.report !== undefined) {
      settle(message.report === 'ok' ? { kind: 'ok' } : { kind: 'damaged', report: oneLine(message.report) });
    } else if (message.code === 'SQLITE_NOTADB' || message.code?.startsWith('SQLITE_CORRUPT')) {
      settle({ kind: 'damaged', report: oneLine(message.message ?? message.code) });
    } else {
      settle({ kind: 'inconclusive', reason: message.message ?? 'unknown error' });
    }
  });
  worker.once('error', (error) => settle({ kind: 'inconclusive', reason: error.message }));
  worker.once('exit', () => settle({ kind: 'inconclusive', reason: 'the check stopped' }));
  return {
    outcome,
    stop() {
      settle({ kind: 'inconclusive', reason: 'the archive was closed' });
      void worker.terminate();
    },
  };
}
