import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Db } from '../archive/database';
import { insertSource } from '../archive/sources';
import { hasText } from './characters';
import { parsePlainText } from './plainText';
import { ImportFailure, readTextFile } from './readTextFile';

export { MAX_IMPORT_BYTES } from './readTextFile';

export interface ImportReport {
  imported: { path: string; id: number; title: string }[];
  duplicates: { path: string; duplicateOf: number }[];
  failed: { path: string; error: string }[];
}

export type ImportProgress = (p: { done: number; total: number; current: string }) => void;

const SUPPORTED_EXTENSIONS = new Set(['.txt', '.md']);

/**
 * Imports files and folders (walked recursively, in name order, skipping hidden entries).
 * Each file is committed on its own, so one bad file costs only itself: it is reported with a
 * one-line reason and the rest of the batch carries on. `onProgress` is called after each file.
 */
export function importPaths(db: Db, paths: string[], onProgress?: ImportProgress): ImportReport {
  const report: ImportReport = { imported: [], duplicates: [], failed: [] };
  const files = collectFiles(paths, report);
  const importOne = db.transaction((path: string) => importFile(db, path, report));
  files.forEach((path, index) => {
    try {
      importOne(path);
    } catch (error) {
      report.failed.push({ path, error: describeFailure(error) });
    }
    onProgress?.({ done: index + 1, total: files.length, current: path });
  });
  return report;
}

function importFile(db: Db, path: string, report: ImportReport): void {
  const extension = extname(path).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.has(extension)) {
    throw new ImportFailure(
      `unsupported format ${extension || '(no extension)'} (only .txt and .md can be imported so far)`,
    );
  }
  const text = readTextFile(path);
  if (text.trim() === '') throw new ImportFailure('file contains only blank space');
  const fileName = basename(path);
  const parsed = parsePlainText(text, fileName);
  if (!hasText(parsed.body)) throw new ImportFailure('no text left after cleaning (no letters or digits)');
  const outcome = insertSource(db, { ...parsed, fileName });
  if (outcome.kind === 'inserted') report.imported.push({ path, id: outcome.id, title: parsed.title });
  else report.duplicates.push({ path, duplicateOf: outcome.duplicateOf });
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

function describeFailure(error: unknown): string {
  if (error instanceof ImportFailure) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  const message = error instanceof Error ? error.message : String(error);
  return `could not be imported: ${message.split('\n')[0]}`;
}
