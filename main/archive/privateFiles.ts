import { chmodSync, closeSync, constants, existsSync, mkdirSync, openSync } from 'node:fs';

/*
 * Notes can be classified: everything Précis keeps in its data dir (the archive and its -wal/-shm,
 * backups, lock files) is readable by the user only. New files and folders are created private
 * (not left to the umask), and ones an older Précis created are tightened when met.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates `dir` (and missing parents) as 0700, and tightens it if it exists. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/** Creates `file` empty as 0600 if it does not exist (never following or replacing anything). */
export function createPrivateFile(file: string): void {
  try {
    closeSync(openSync(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  tightenFile(file);
}

/** Makes an existing file 0600; nothing if it does not exist. */
export function tightenFile(file: string): void {
  if (existsSync(file)) tighten(file, PRIVATE_FILE_MODE);
}

function tighten(path: string, mode: number): void {
  // Windows has no owner/group/other bits to narrow (the profile folder's ACL keeps it private).
  if (process.platform === 'win32') return;
  try {
    chmodSync(path, mode);
  } catch (error) {
    // A read-only medium or another user's file: reading it must still work.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EROFS' && code !== 'EPERM') throw error;
  }
}
