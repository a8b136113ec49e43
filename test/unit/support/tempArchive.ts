import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARCHIVE_FILE_NAME, type Db, openArchive } from '../../../main/archive/database';

/** The sample articles shipped with the app. */
export const SEEDS_DIR = fileURLToPath(new URL('../../../seeds', import.meta.url));

const cleanups: (() => void)[] = [];

/** A fresh temporary folder, removed by `cleanUpTemp()`. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'precis-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new archive in a temporary folder; closed and deleted by `cleanUpTemp()`. */
export function tempArchive(): { db: Db; dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, ARCHIVE_FILE_NAME);
  const db = openArchive(file);
  // Registered after the folder, so it runs first: close before deleting.
  cleanups.push(() => {
    if (db.open) db.close();
  });
  return { db, dir, file };
}

/** A copy of the seeds, so tests can add to or change the folder. */
export function copyOfSeeds(): string {
  const dir = join(tempDir(), 'seeds');
  cpSync(SEEDS_DIR, dir, { recursive: true });
  return dir;
}

export function cleanUpTemp(): void {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
}
