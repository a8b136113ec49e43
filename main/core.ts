import { join } from 'node:path';
import type { Handlers } from '../shared/contract';
import { ARCHIVE_FILE_NAME, type Db, openArchive } from './archive/database';
import { seedIfEmpty } from './archive/seed';
import { countSources, getSource } from './archive/sources';
import { createBrief, getBrief, listBriefs, saveBrief } from './briefs/briefs';
import { UserError } from './dispatch';
import { renderBriefDocx } from './export/docxExport';
import { searchSources } from './search/searchSources';

export interface CoreOptions {
  dataDir: string;
  /** Folder of sample sources imported into an empty archive on first run; null to skip. */
  seedsDir: string | null;
  mode: 'electron' | 'browser';
  version: string;
  /** better-sqlite3 binary built for Electron's ABI (the Node build is used when absent). */
  nativeBinding?: string;
}

export interface Core {
  db: Db;
  handlers: Handlers;
  close(): void;
}

/** Opens (creating and seeding on first use) the archive in dataDir and the contract's handlers over it. */
export function openCore(options: CoreOptions): Core {
  const db = openArchive(join(options.dataDir, ARCHIVE_FILE_NAME), { nativeBinding: options.nativeBinding });
  if (options.seedsDir) seedIfEmpty(db, options.seedsDir);
  return { db, handlers: createHandlers(db, options), close: () => db.close() };
}

/** A name Word, Windows and macOS all accept, derived from the brief title. */
export function docxFileName(title: string): string {
  const base = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
    .replace(/[. ]+$/, '');
  return `${base || 'Brief'}.docx`;
}

function createHandlers(db: Db, options: CoreOptions): Handlers {
  const requireBrief = (id: number) => {
    const brief = getBrief(db, id);
    if (!brief) throw new UserError('not-found', `Brief ${id} does not exist (it may have been deleted).`);
    return brief;
  };
  return {
    appInfo: () => ({ version: options.version, mode: options.mode, sourceCount: countSources(db) }),
    search: (input) => searchSources(db, input),
    getSource: ({ id }) => {
      const source = getSource(db, id);
      if (!source) throw new UserError('not-found', `Source ${id} is not in the archive.`);
      return source;
    },
    listBriefs: () => listBriefs(db),
    createBrief: ({ title }) => createBrief(db, title),
    getBrief: ({ id }) => requireBrief(id),
    saveBrief: (input) => {
      const saved = saveBrief(db, input);
      if (!saved)
        throw new UserError('not-found', `Brief ${input.id} no longer exists; copy your text before reloading.`);
      return saved;
    },
    exportBrief: async ({ id }) => {
      const brief = requireBrief(id);
      const bytes = await renderBriefDocx(brief);
      return { kind: 'download', fileName: docxFileName(brief.title), base64: bytes.toString('base64') };
    },
  };
}
