import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { createPrivateFile } from '../archive/privateFiles';

/**
 * The desktop app may remember the team archive password between sessions, encrypted by the
 * operating system's keychain through Electron's safeStorage (Keychain, DPAPI, libsecret), in a
 * 0600 file beside the archive: never in plain text, never in the archive's settings. Where the
 * OS offers no encryption, nothing is remembered and the password is asked for each session,
 * as browser mode always does. (Typechecked here; the Electron path cannot run on our machines.)
 */
const FILE_NAME = 'team-archive-password.bin';

export function rememberTeamPassword(dataDir: string, password: string): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  const file = join(dataDir, FILE_NAME);
  createPrivateFile(file);
  writeFileSync(file, safeStorage.encryptString(password));
  return true;
}

export function recallTeamPassword(dataDir: string): string | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  try {
    return safeStorage.decryptString(readFileSync(join(dataDir, FILE_NAME)));
  } catch {
    return null;
  }
}
