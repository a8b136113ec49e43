import type { ImportItemOutcome } from '../../shared/contract';
import type { Db } from '../archive/database';
import type { ParsedFile } from './article';
import { failedOutcome } from './importFailure';
import { clearImportProgress, reportImportProgress } from './importProgress';
import { baseName } from './parseFile';
import { bundledParseWorker, isIsolatedFormat, type ParseOptions, parseFileIsolated } from './parseInWorker';
import { ParsePool, PoolOutOfMemory } from './parsePool';
import { type PreparedFile, prepareFile, storeParsedFiles } from './storeSources';

/**
 * Imports one file given as bytes (from the UI, where the path never crosses the boundary; and
 * from importPaths, so both behave the same). Never throws: a file that cannot be imported comes
 * back as `failed` with a one-line reason. Async because parsing is: PDF and Word in a worker
 * thread of their own with a time and memory limit, text and HTML in the parse pool's workers,
 * when the bundled worker exists (parseInWorker.ts, parsePool.ts). Several calls may parse at
 * once; they are stored in the order they were made, so that "duplicate of the first" and
 * near-duplicate clusters come out as if imported one after another. Files parsed while the
 * writer was busy are stored together, in one transaction (group commit, storeParsedFiles).
 */
export function importBuffer(
  db: Db,
  name: string,
  bytes: Uint8Array,
  options?: ParseOptions,
): Promise<ImportItemOutcome> {
  const entry: QueuedStore = { db, ready: null, resolve: () => {} };
  const outcome = new Promise<ImportItemOutcome>((resolve) => {
    entry.resolve = resolve;
  });
  storeQueue.push(entry);
  prepare(name, bytes, options).then(
    (file) => settle(entry, { file }),
    (error: unknown) => settle(entry, { outcome: failedOutcome(error) }),
  );
  return outcome.finally(clearImportProgress);
}

async function prepare(name: string, bytes: Uint8Array, options?: ParseOptions): Promise<PreparedFile> {
  const pool = isIsolatedFormat(name) || options?.pool === false ? null : parsePool(options);
  if (pool) {
    try {
      return await pool.parse(name, bytes);
    } catch (error) {
      // A worker that ran out of memory under the pool's cap fails every file it held: each is
      // read again here, in process, as without the pool (text and HTML have no limit of their own).
      if (!(error instanceof PoolOutOfMemory)) throw error;
    }
  }
  return prepareFile(
    await parseFileIsolated(name, bytes, { onProgress: reportImportProgress, ...options }),
    baseName(name),
  );
}

/** A call of importBuffer waiting for its turn to store: `ready` once parsed (or failed). */
interface QueuedStore {
  db: Db;
  ready: { file: PreparedFile } | { outcome: ImportItemOutcome } | null;
  resolve: (outcome: ImportItemOutcome) => void;
}

/** Calls in the order they were made; only the parsed front of the queue is stored. */
const storeQueue: QueuedStore[] = [];
/** Files per transaction at most: a batch's FTS5 segment is built in memory before it is written. */
const MAX_BATCH = 256;
let storeScheduled = false;

function settle(entry: QueuedStore, ready: NonNullable<QueuedStore['ready']>): void {
  entry.ready = ready;
  // Stored on the next turn of the event loop, not now: the files the workers finish meanwhile
  // join the same transaction, so a busy writer stores bigger batches.
  if (storeScheduled) return;
  storeScheduled = true;
  setImmediate(storeReadyFront);
}

function storeReadyFront(): void {
  storeScheduled = false;
  while (storeQueue[0]?.ready) {
    const { db } = storeQueue[0];
    let count = 0;
    while (count < MAX_BATCH && storeQueue[count]?.ready && storeQueue[count]!.db === db) count++;
    const taken = storeQueue.splice(0, count);
    const files = taken.flatMap(({ ready }) => (ready && 'file' in ready ? [ready.file] : []));
    let outcomes: ImportItemOutcome[];
    try {
      outcomes = files.length > 0 ? storeParsedFiles(db, files) : [];
    } catch (error) {
      outcomes = files.map(() => failedOutcome(error));
    }
    let next = 0;
    for (const { ready, resolve } of taken) resolve(ready && 'outcome' in ready ? ready.outcome : outcomes[next++]!);
  }
}

/** Closed once idle this long: the app keeps no threads for an import that is over. */
const POOL_IDLE_MS = 60_000;
let pool: { pool: ParsePool; idle: NodeJS.Timeout | undefined; path: string; limit?: number } | null = null;

/** Closes the parse pool now (the importer, once its folder is in) rather than after the idle time. */
export async function closeParsePool(): Promise<void> {
  const current = pool;
  pool = null;
  if (!current) return;
  clearTimeout(current.idle);
  await current.pool.close();
}

function parsePool(options?: ParseOptions): ParsePool | null {
  const path = options?.workerPath === undefined ? bundledParseWorker() : options.workerPath;
  if (!path) return null;
  const limit = options?.poolMemoryLimitMb;
  if (pool?.path !== path || pool.limit !== limit) {
    void pool?.pool.close();
    pool = { pool: new ParsePool(path, undefined, limit), idle: undefined, path, limit };
  }
  const current = pool;
  clearTimeout(current.idle);
  current.idle = setTimeout(() => {
    if (pool === current) pool = null;
    void current.pool.close();
  }, POOL_IDLE_MS);
  current.idle.unref();
  return current.pool;
}

/**
 * Stores a parsed file in its own transaction: storeParsedFiles with one file. Parsing happens
 * before, outside the transaction, so the write lock is held only for the few statements there.
 */
export function storeParsedFile(db: Db, parsed: ParsedFile, fileName: string): ImportItemOutcome {
  return storeParsedFiles(db, [prepareFile(parsed, fileName)])[0]!;
}
