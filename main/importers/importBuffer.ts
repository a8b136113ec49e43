import type { ImportItemOutcome } from '../../shared/contract';
import type { Db } from '../archive/database';
import type { ParsedFile } from './article';
import { describeFailure } from './importFailure';
import { clearImportProgress, reportImportProgress } from './importProgress';
import { baseName } from './parseFile';
import { type ParseOptions, parseFileIsolated } from './parseInWorker';
import { prepareFile, storeParsedFiles } from './storeSources';

/**
 * Imports one file given as bytes (from the UI, where the path never crosses the boundary; and
 * from importPaths, so both behave the same). Never throws: a file that cannot be imported comes
 * back as `failed` with a one-line reason. Async because PDF and Word parsing are: they run in a
 * worker thread with a time and memory limit when the bundled worker exists (parseInWorker.ts).
 */
export async function importBuffer(
  db: Db,
  name: string,
  bytes: Uint8Array,
  options?: ParseOptions,
): Promise<ImportItemOutcome> {
  try {
    const parsed = await parseFileIsolated(name, bytes, { onProgress: reportImportProgress, ...options });
    return storeParsedFile(db, parsed, baseName(name));
  } catch (error) {
    return { kind: 'failed', error: describeFailure(error) };
  } finally {
    clearImportProgress();
  }
}

/**
 * Stores a parsed file in its own transaction: storeParsedFiles with one file. Parsing happens
 * before, outside the transaction, so the write lock is held only for the few statements there.
 */
export function storeParsedFile(db: Db, parsed: ParsedFile, fileName: string): ImportItemOutcome {
  return storeParsedFiles(db, [prepareFile(parsed, fileName)])[0]!;
}
