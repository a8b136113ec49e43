import type { ImportItemOutcome } from '../../shared/contract';
import { type Db, prepareCached } from '../archive/database';
import {
  type ClusterChoice,
  chooseClusters,
  type Features,
  type Fingerprint,
  features,
  fingerprint,
  fingerprintMissing,
  recordFingerprints,
  rememberFeatures,
} from '../archive/nearDuplicates';
import { recordProvenance, refreshMetadata } from '../archive/provenance';
import { insertSources, type TextFacts, textFacts } from '../archive/sources';
import { asWriteError, committed, isStorageFailure } from '../archive/writeErrors';
import type { ParsedFile } from './article';
import { failedOutcome } from './importFailure';

/**
 * A parsed file with everything the write needs that costs CPU: its content hash, word count,
 * near-duplicate features and fingerprint. Made outside the write transaction, in a parse worker
 * when there is one (parsePool.ts), so the one writer only writes.
 */
export interface PreparedFile {
  /**
   * Without its body and original, which go as bytes: its UTF-8, and the original packed (so a page's
   * HTML is not copied to the writer's thread at all).
   */
  parsed: Omit<ParsedFile, 'original' | 'body'>;
  fileName: string;
  /** The hash, word count, body as UTF-8 and packed original (packedOriginal.ts) the writer stores. */
  facts: TextFacts;
  features: Features;
  print: Fingerprint;
}

export function prepareFile({ original, body, ...parsed }: ParsedFile, fileName: string): PreparedFile {
  const textFeatures = features(body);
  return {
    parsed,
    fileName,
    facts: textFacts(original, body),
    features: textFeatures,
    print: fingerprint(textFeatures),
  };
}

/**
 * Stores a batch of parsed files in one transaction (committed(): one IMMEDIATE transaction, a
 * storage failure reported as the user's error), with the same outcome, file by file, as storing
 * them one after another: an exact duplicate (same text once spacing, case and accents are
 * ignored, of a stored source or of an earlier file of the batch) is reported, not stored, and
 * may correct its metadata; anything else is stored, joining the cluster of its closest
 * near-duplicate. One INSERT writes every row, so FTS5 writes one segment for the batch.
 *
 * A file the archive refuses (a constraint) would abort the batch: the batch is then stored file
 * by file, so that one bad file costs only itself. A storage failure (disk full) fails them all.
 */
export function storeParsedFiles(db: Db, files: readonly PreparedFile[]): ImportItemOutcome[] {
  try {
    fingerprintMissing(db);
  } catch (error) {
    throw asWriteError(error);
  }
  try {
    return remembered(
      db,
      files,
      committed(db, () => storeBatch(db, files)),
    );
  } catch (error) {
    if (files.length === 1 || isStorageFailure(error)) throw error;
  }
  return files.map((file) => {
    try {
      return remembered(
        db,
        [file],
        committed(db, () => storeBatch(db, [file])),
      )[0]!;
    } catch (error) {
      if (isStorageFailure(error)) throw error;
      return failedOutcome(error);
    }
  });
}

/** The features of the files stored (now committed), kept for comparing the next files with them. */
function remembered(db: Db, files: readonly PreparedFile[], outcomes: ImportItemOutcome[]): ImportItemOutcome[] {
  rememberFeatures(
    db,
    outcomes.flatMap((outcome, i) =>
      outcome.kind === 'imported'
        ? [{ id: outcome.id, hash: files[i]!.facts.contentHash, features: files[i]!.features }]
        : [],
    ),
  );
  return outcomes;
}

function storeBatch(db: Db, files: readonly PreparedFile[]): ImportItemOutcome[] {
  const stored = new Map(
    (
      prepareCached(
        db,
        'SELECT content_hash AS hash, id FROM sources WHERE content_hash IN (SELECT value FROM json_each(?))',
      ).all(JSON.stringify(files.map((file) => file.facts.contentHash))) as { hash: string; id: number }[]
    ).map((row) => [row.hash, row.id]),
  );
  // The first file of each new text is stored; the others are its duplicates.
  const firstOf = new Map<string, number>();
  const fresh: number[] = [];
  files.forEach((file, i) => {
    if (stored.has(file.facts.contentHash) || firstOf.has(file.facts.contentHash)) return;
    firstOf.set(file.facts.contentHash, i);
    fresh.push(i);
  });
  const choices: ClusterChoice[] = chooseClusters(
    db,
    fresh.map((i) => files[i]!),
  );
  const outcomes = insertSources(
    db,
    fresh.map((i, k) => {
      const file = files[i]!;
      const choice = choices[k];
      return {
        ...file.parsed,
        // Not read: they are in bodyUtf8 and originalPacked.
        body: '',
        original: '',
        fileName: file.fileName,
        ...file.facts,
        clusterId: choice && 'head' in choice ? choice.head : null,
      };
    }),
  );
  const ids = outcomes.map((outcome) => (outcome.kind === 'inserted' ? outcome.id : outcome.duplicateOf));
  // A file that joins an earlier file of the batch joins that file's cluster, now that it has an id.
  const heads: number[] = [];
  fresh.forEach((_, k) => {
    const choice = choices[k];
    if (choice && 'batchIndex' in choice) {
      heads[k] = heads[choice.batchIndex]!;
      prepareCached(db, 'UPDATE sources SET cluster_id = ? WHERE id = ?').run(heads[k], ids[k]);
    } else {
      heads[k] = choice?.head ?? ids[k]!;
    }
  });
  for (const [k, i] of fresh.entries()) recordProvenance(db, ids[k]!, files[i]!.parsed.provenance ?? {});
  recordFingerprints(
    db,
    fresh.map((i, k) => ({ sourceId: ids[k]!, print: files[i]!.print })),
  );
  const idOf = new Map(fresh.map((i, k) => [files[i]!.facts.contentHash, ids[k]!]));
  return files.map((file, i): ImportItemOutcome => {
    if (firstOf.get(file.facts.contentHash) === i)
      return { kind: 'imported', id: idOf.get(file.facts.contentHash)!, title: file.parsed.title };
    const existing = stored.get(file.facts.contentHash) ?? idOf.get(file.facts.contentHash)!;
    // The same text again: better evidence than before may correct its metadata, never the analyst's.
    if (file.parsed.provenance) refreshMetadata(db, existing, file.parsed, file.parsed.provenance);
    return { kind: 'duplicate', duplicateOf: existing };
  });
}
