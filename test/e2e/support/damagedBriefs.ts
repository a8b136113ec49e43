import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';

/** Replaces every brief's stored text with JSON that is no brief, behind the app's back. */
export function damageBriefs(dataDir: string): void {
  const db = new Database(join(dataDir, ARCHIVE_FILE_NAME));
  try {
    db.prepare('UPDATE briefs SET content = ?').run(JSON.stringify({ root: 'damaged' }));
  } finally {
    db.close();
  }
}
