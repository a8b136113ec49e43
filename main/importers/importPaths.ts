import { readdirSync, realpathSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ImportItemOutcome } from '../../shared/contract';
import type { Db } from '../archive/database';
import { refreshRankingIndexInSteps } from '../search/rankingIndex';
import { upkeepAllowed } from '../search/upkeepAllowed';
import { closeParsePool, importBuffer } from './importBuffer';
import { describeFailure, failedOutcome } from './importFailure';
import { isImportExtension } from './importFormats';
import { assertImportable, extensionOf } from './parseFile';
import { isIsolatedFormat } from './parseInWorker';

export { MAX_IMPORT_BYTES } from './importFailure';

export interface ImportReport {
  imported: { path: string; id: number; title: string }[];
  duplicates: { path: string; duplicateOf: number }[];
  /** Sources whose missing metadata a reference manager's entry filled. */
  updated: { path: string; id: number; title: string; fields: string[] }[];
  failed: { path: string; error: string }[];
}

export type ImportProgress = (p: { done: number; total: number; current: string }) => void;
/**
 * Stores one file's bytes: importBuffer by default; the CLI passes the contract's importFile. The
 * path is only for finding the attachments a reference manager's export names beside it.
 */
export type ImportOne = (name: string, bytes: Uint8Array, path: string) => Promise<ImportItemOutcome>;

/**
 * Files read ahead and parsing at once (in the parse pool's workers) while earlier ones are
 * stored: enough that the writer, while it stores, lets the next batch gather (importBuffer stores
 * the parsed front of its queue in one transaction), within a budget of bytes held.
 */
const IN_FLIGHT = 64;
const IN_FLIGHT_BYTES = 32 * 1024 * 1024;

/**
 * Imports files and folders (walked recursively, in name order, skipping hidden entries).
 * Each file has its own outcome, so one bad file costs only itself: it is reported with a
 * one-line reason and the rest of the batch carries on (importBuffer stores the files parsed
 * meanwhile in one transaction, and falls back to one per file if the archive refuses one).
 * `onProgress` is called after each file. Files are read in order and handed to `importOne` without waiting for the one before, up to
 * IN_FLIGHT at a time, so text and HTML parse in workers on every core while the one writer
 * stores them, in order (importBuffer). A PDF or Word document goes alone: its reader has a
 * thread and a memory limit of its own.
 */
export async function importPaths(
  db: Db,
  paths: string[],
  onProgress?: ImportProgress,
  importOne: ImportOne = (name, bytes) => importBuffer(db, name, bytes),
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], duplicates: [], updated: [], failed: [] };
  const files = collectFiles(paths, report);
  const inFlight: { path: string; outcome: Promise<ImportItemOutcome>; size: number }[] = [];
  let bytesInFlight = 0;
  let done = 0;
  const settleOldest = async (): Promise<void> => {
    const { path, outcome, size } = inFlight.shift()!;
    bytesInFlight -= size;
    record(report, path, await outcome);
    onProgress?.({ done: ++done, total: files.length, current: path });
  };
  for (const path of files) {
    // PDF and Word have a reader thread each; a reference library must see every file before it stored.
    const alone = isIsolatedFormat(path) || !isImportExtension(extensionOf(path));
    while (inFlight.length > 0 && (alone || inFlight.length >= IN_FLIGHT || bytesInFlight >= IN_FLIGHT_BYTES)) {
      await settleOldest();
    }
    const read = await readImportable(path);
    const size = 'bytes' in read ? read.bytes.byteLength : 0;
    bytesInFlight += size;
    inFlight.push({
      path,
      size,
      outcome: 'failed' in read ? Promise.resolve(read.failed) : importOne(basename(path), read.bytes, path),
    });
    if (alone) await settleOldest();
  }
  while (inFlight.length > 0) await settleOldest();
  await closeParsePool();
  await keepRankingIndexUp(db);
  return report;
}

function record(report: ImportReport, path: string, outcome: ImportItemOutcome): void {
  if (outcome.kind === 'imported') report.imported.push({ path, id: outcome.id, title: outcome.title });
  else if (outcome.kind === 'duplicate') report.duplicates.push({ path, duplicateOf: outcome.duplicateOf });
  else if (outcome.kind === 'failed') report.failed.push({ path, error: outcome.error });
  else {
    for (const { id, title } of outcome.created) report.imported.push({ path, id, title });
    for (const item of outcome.updated) report.updated.push({ path, ...item });
    for (const { id } of outcome.unchanged) report.duplicates.push({ path, duplicateOf: id });
    for (const { title, error } of outcome.failed) report.failed.push({ path: `${path} (${title})`, error });
  }
}

/**
 * After a folder, the exact-ranking index counts the new sources in (or is built, the first time
 * or once the archive has grown by half), a step at a time. A failure here costs only speed:
 * search ranks every match exhaustively until the next upkeep.
 */
async function keepRankingIndexUp(db: Db): Promise<void> {
  if (!upkeepAllowed(db)) return;
  try {
    await refreshRankingIndexInSteps(db);
  } catch (error) {
    console.error('[precis] the ranking index could not be brought up to date after the import', error);
  }
}

/** Name and size are checked before reading, so a stray disk image is refused without loading it. */
async function readImportable(path: string): Promise<{ bytes: Uint8Array } | { failed: ImportItemOutcome }> {
  try {
    assertImportable(path, (await stat(path)).size);
    return { bytes: await readFile(path) };
  } catch (error) {
    return { failed: failedOutcome(error) };
  }
}

/** Expands folders into their files; paths that do not exist are reported straight away. */
function collectFiles(paths: readonly string[], report: ImportReport): string[] {
  const files: string[] = [];
  const visitedFolders = new Set<string>();
  const visit = (path: string): void => {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      report.failed.push({ path, error: describeFailure(error) });
      return;
    }
    if (!isFolder) {
      files.push(path);
      return;
    }
    // A symlink back up the tree would otherwise walk forever.
    const real = realpathSync(path);
    if (visitedFolders.has(real)) return;
    visitedFolders.add(real);
    let entries: string[];
    try {
      entries = readdirSync(path).sort();
    } catch (error) {
      report.failed.push({ path, error: describeFailure(error) });
      return;
    }
    for (const entry of entries) {
      if (!entry.startsWith('.')) visit(join(path, entry));
    }
  };
  for (const path of paths) visit(path);
  return files;
}
