import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { assertImportable } from '../importers/parseFile';
import type { ReadAttachment } from './importReferences';

/**
 * Attachments as Zotero's exports name them: an absolute path, or one relative to the exported
 * file ("files/12/report.pdf"). One that is missing, or not a format we read, is passed over.
 */
export function attachmentsBeside(libraryPath: string): ReadAttachment {
  return async (path) => {
    const full = isAbsolute(path) ? path : resolve(dirname(libraryPath), path);
    try {
      assertImportable(full, (await stat(full)).size);
      return { name: basename(full), bytes: await readFile(full) };
    } catch {
      return null;
    }
  };
}
