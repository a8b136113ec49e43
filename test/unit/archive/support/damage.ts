import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Overwrites the root page of `table` with garbage, as a bad sector or a stray write would, so
 * that `quick_check` and any read of the table fail. Returns a function that puts the page back.
 */
export function damageRootPage(file: string, table: string): () => void {
  const raw = new Database(file, { readonly: true });
  let offset: number;
  let pageSize: number;
  try {
    const { rootpage } = raw.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').get(table) as {
      rootpage: number;
    };
    pageSize = raw.pragma('page_size', { simple: true }) as number;
    offset = (rootpage - 1) * pageSize;
  } finally {
    raw.close();
  }
  const original = Buffer.alloc(pageSize);
  const fd = openSync(file, 'r+');
  try {
    readSync(fd, original, 0, pageSize, offset);
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, offset);
  } finally {
    closeSync(fd);
  }
  return () => {
    const again = openSync(file, 'r+');
    try {
      writeSync(again, original, 0, pageSize, offset);
    } finally {
      closeSync(again);
    }
  };
}
