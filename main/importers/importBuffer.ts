import type { ImportItemOutcome } from '../../shared/contract';
import { type Db, prepareCached } from '../archive/database';
import {
  features,
  findClusterHead,
  fingerprint,
  fingerprintMissing,
  recordFingerprint,
} from '../archive/nearDuplicates';
import { recordProvenance, refreshMetadata } from '../archive/provenance';
import { contentHash, insertSource } from '../archive/sources';
import { asWriteError, committed } from '../archive/writeErrors';
import type { ParsedFile } from './article';
import { describeFailure } from './importFailure';
import { clearImportProgress, reportImportProgress } from './importProgress';
import { baseName } from './parseFile';
import { type ParseOptions, parseFileIsolated } from './parseInWorker';

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
 * Stores a parsed file in its own transaction: an exact duplicate (same text once spacing, case
 * and accents are ignored) is reported, not stored; anything else is stored, joining the cluster
 * of its closest near-duplicate, if any. Parsing happens before, outside the transaction, so the
 * write lock is held only for the few statements here.
 */
export function storeParsedFile(db: Db, parsed: ParsedFile, fileName: string): ImportItemOutcome {
  try {
    fingerprintMissing(db);
  } catch (error) {
    throw asWriteError(error);
  }
  const textFeatures = features(parsed.body);
  const print = fingerprint(textFeatures);
  const hash = contentHash(parsed.body);
  return committed(db, (): ImportItemOutcome => {
    const existing = prepareCached(db, 'SELECT id FROM sources WHERE content_hash = ?').get(hash) as
      | { id: number }
      | undefined;
    if (existing) {
      // The same text again: better evidence than before may correct its metadata, never the analyst's.
      if (parsed.provenance) refreshMetadata(db, existing.id, parsed, parsed.provenance);
      return { kind: 'duplicate', duplicateOf: existing.id };
    }
    const clusterId = findClusterHead(db, textFeatures, print);
    const outcome = insertSource(db, { ...parsed, fileName, clusterId });
    if (outcome.kind === 'duplicate') return outcome;
    recordProvenance(db, outcome.id, parsed.provenance ?? {});
    recordFingerprint(db, outcome.id, print);
    return { kind: 'imported', id: outcome.id, title: parsed.title };
  });
}
