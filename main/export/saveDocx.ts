import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AppError } from '../../shared/contract';
import type { MessageId } from '../../shared/i18n/catalogs';
import { worded } from '../../shared/i18n/localizedText';
import { wordedError } from '../errors';

/** A new document is private to the user: briefing notes can be classified. */
const NEW_FILE_MODE = 0o600;

/**
 * Writes a document beside the target and renames it into place, so a failure never leaves a
 * half-written file and an existing document is only replaced by a complete, synced one.
 *
 * - The temporary file has a random name and is created with O_EXCL ('wx'), so nothing planted in
 *   the folder beforehand (a symlink at a guessable name) can be followed or reused.
 * - The replaced document keeps its permission bits; a new one is created 0600.
 * - A target that is itself a symbolic link is refused: renaming over it would silently replace
 *   the link with a plain file, and writing through it would write somewhere the analyst did not
 *   name. They can export to the real file instead.
 * - Read-only targets are refused, and a file locked by Word is reported as such.
 */
export function saveDocxFile(target: string, bytes: Uint8Array): void {
  const existing = checkExportTarget(target);
  const folder = dirname(target);
  const temp = join(folder, `.${basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  let created = false;
  try {
    const fd = openSync(temp, 'wx', NEW_FILE_MODE);
    created = true;
    try {
      // fchmod is not reduced by the umask, so the kept mode is exactly the old file's.
      fchmodSync(fd, existing ? existing.mode & 0o777 : NEW_FILE_MODE);
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    created = false;
    syncFolder(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!created) {
      // Nothing was created: the folder itself is the problem.
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw exportRefusal(
          'not-found',
          `The folder ${folder} does not exist; nothing was written.`,
          'errors.export.noFolder',
          { folder },
        );
      }
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw exportRefusal(
          'unavailable',
          `Précis may not write in ${folder}; nothing was written.`,
          'errors.export.mayNotWrite',
          { folder },
        );
      }
    }
    if (created) rmSync(temp, { force: true });
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw exportRefusal(
        'unavailable',
        `${target} could not be replaced (is it open in Word?); nothing was written.`,
        'errors.export.inUse',
        { target },
      );
    }
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw exportRefusal(
        'unavailable',
        `The disk holding ${folder} is full; nothing was written.`,
        'errors.export.diskFull',
        { folder },
      );
    }
    throw error;
  }
}

/**
 * Refuses a target the export must not replace (see saveDocxFile); returns what is there now, or
 * null for a new file. Called before rendering too, so a doomed export stops before any work.
 */
export function checkExportTarget(target: string): Stats | null {
  if (!target.toLowerCase().endsWith('.docx')) {
    throw exportRefusal(
      'invalid-input',
      `${target} does not end in .docx; nothing was written.`,
      'errors.export.notDocx',
      { target },
    );
  }
  const existing = lstatOrNull(target);
  if (existing?.isSymbolicLink()) {
    throw exportRefusal(
      'unavailable',
      `${target} is a symbolic link; nothing was written. Export to the file it points to, or choose another name.`,
      'errors.export.symlink',
      { target },
    );
  }
  if (existing && !existing.isFile()) {
    throw exportRefusal(
      'unavailable',
      `${target} is not a regular file; nothing was written.`,
      'errors.export.notRegular',
      { target },
    );
  }
  // The file's own permission bits, not access(): an administrator (or root) could write anyway,
  // but a document someone marked read-only is one they meant to keep as it is.
  if (existing && (existing.mode & 0o222) === 0) {
    throw exportRefusal(
      'unavailable',
      `${target} is read-only; nothing was written. Choose another file name.`,
      'errors.export.readOnly',
      { target },
    );
  }
  return existing;
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Makes the rename itself durable. Windows cannot open or sync a folder; the rename stands there. */
function syncFolder(folder: string): void {
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // EINVAL/EISDIR on file systems that cannot sync a directory: the file itself is synced.
  } finally {
    closeSync(fd);
  }
}

/** A refusal to write the file, in English for the CLI and as a catalog message for the interface. */
function exportRefusal(code: AppError['code'], message: string, id: MessageId, values: Record<string, string>) {
  return wordedError(code, worded(message, id, values));
}
