import type { ImportItemOutcome } from '../../shared/contract';
import type { Db } from '../archive/database';
import type { ParsedFile } from './article';
import { failedOutcome } from './importFailure';
import { clearImportProgress, reportImportProgress } from './importProgress';
import { baseName } from './parseFile';
import { bundledParseWorker, isIsolatedFormat, type ParseOptions, parseFileIsolated } from './parseInWorker';
import { ParsePool } from './parsePool';
import { prepareFile, storeParsedFiles } from './storeSources';

/**
 * Imports one file given as bytes (from the UI, where the path never crosses the boundary; and
 * from importPaths, so both behave the same). Never throws: a file that cannot be imported comes
 * back as `failed` with a one-line reason. Async because parsing is: PDF and Word in a worker
 * thread of their own with a time and memory limit, text and HTML in the parse pool's workers,
 * when the bundled worker exists (parseInWorker.ts, parsePool.ts). Several calls may parse at
 * once; they are stored one at a time, in the order they were made, so that "duplicate of the
 * first" and near-duplicate clusters come out as if imported one after another.
 */
export async function importBuffer(
  db: Db,
  name: string,
  bytes: Uint8Array,
  options?: ParseOptions,
): Promise<ImportItemOutcome> {
  const turn = takeStoreTurn();
  try {
    const pool = isIsolatedFormat(name) ? null : parsePool(options);
    const prepared = pool
      ? await pool.parse(name, bytes)
      : prepareFile(
          await parseFileIsolated(name, bytes, { onProgress: reportImportProgress, ...options }),
          baseName(name),
        );
    await turn.ready;
    return storeParsedFiles(db, [prepared])[0]!;
  } catch (error) {
    return failedOutcome(error);
  } finally {
    turn.done();
    clearImportProgress();
  }
}

let lastTurn: Promise<void> = Promise.resolve();

/** A place in the queue of stores: `ready` once every earlier call has stored (or failed). */
function takeStoreTurn(): { ready: Promise<void>; done: () => void } {
  const ready = lastTurn;
  let done!: () => void;
  lastTurn = new Promise<void>((resolve) => {
    done = resolve;
  });
  return { ready, done };
}

/** Closed once idle this long: the app keeps no threads for an import that is over. */
const POOL_IDLE_MS = 60_000;
let pool: { pool: ParsePool; idle: NodeJS.Timeout | undefined; path: string } | null = null;

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
  if (pool?.path !== path) {
    void pool?.pool.close();
    pool = { pool: new ParsePool(path), idle: undefined, path };
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
