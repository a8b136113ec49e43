import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors';

/**
 * Writes a document beside the target and renames it into place, so a failure never leaves a
 * half-written file and an existing document is only replaced by a complete one. Refuses
 * read-only targets and reports a file locked by Word instead of failing obscurely.
 */
export function saveDocxFile(target: string, bytes: Uint8Array): void {
  // The file's own permission bits, not access(): an administrator (or root) could write anyway,
  // but a document someone marked read-only is one they meant to keep as it is.
  if (existsSync(target) && (statSync(target).mode & 0o222) === 0) {
    throw new UserError('unavailable', `${target} is read-only; nothing was written. Choose another file name.`);
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new UserError('unavailable', `${target} could not be replaced (is it open in Word?); nothing was written.`);
    }
    throw error;
  }
}
