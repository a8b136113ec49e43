import type { ImportItemOutcome } from '../../shared/contract';
import type { SourceDetail, SourceEdit } from '../../shared/source';
import type { ParsedFile } from '../importers/article';
import { storeParsedFile } from '../importers/importBuffer';
import { searchSources } from '../search/searchSources';
import { type Db, prepareCached } from './database';
import { inCallOrder } from './inCallOrder';
import type { ImportOptions, MetadataUpdate, SourceArchive } from './sourceArchive';
import {
  countSources,
  getSource,
  listClusterMembers,
  listSources,
  listSourcesNeedingReview,
  updateSource,
} from './sources';
import { committed } from './writeErrors';

/**
 * The analyst's embedded archive behind the archive interface: today's functions, wrapped, not
 * rewritten (the insert path and search are main/archive/sources.ts and main/search/*).
 * Revisions come from migration 0200's trigger, so every path that edits metadata bumps them.
 */
export function sqliteArchive(db: Db): SourceArchive {
  const revisionOf = (id: number): number | null => {
    const row = prepareCached(
      db,
      'SELECT coalesce(r.revision, 1) AS revision FROM sources s LEFT JOIN source_revisions r ON r.source_id = s.id WHERE s.id = ?',
    ).get(id) as { revision: number } | undefined;
    return row ? row.revision : null;
  };
  const inOrder = inCallOrder();
  return {
    engine: 'sqlite',
    importParsed: (parsed, fileName, options = {}) =>
      inOrder(parsed, async (ready: ParsedFile): Promise<ImportItemOutcome> => {
        const outcome = storeParsedFile(db, ready, fileName);
        if (outcome.kind === 'imported' && options.classification && options.classification !== 'UNCLASSIFIED') {
          updateSource(db, outcome.id, { classification: options.classification });
        }
        return outcome;
      }),
    async importReferences(name: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportItemOutcome> {
      // Loaded on use, as every import path is (docs/startup.md).
      const { importReferences } = await import('../interchange/importReferences');
      const outcome = await importReferences(db, name, bytes, options.readAttachment);
      if (options.classification && options.classification !== 'UNCLASSIFIED') {
        for (const { id } of outcome.created) updateSource(db, id, { classification: options.classification });
      }
      return outcome;
    },
    getSource: async (id) => getSource(db, id),
    revisionOf: async (id) => revisionOf(id),
    listSources: async () => listSources(db),
    listClusterMembers: async (clusterId) => listClusterMembers(db, clusterId),
    listNeedingReview: async (page) => listSourcesNeedingReview(db, page),
    search: async (input) => searchSources(db, input),
    async updateMetadata(id: number, edit: SourceEdit, baseRevision: number): Promise<MetadataUpdate> {
      // One IMMEDIATE transaction: the revision read and the edit cannot be split by another writer.
      return committed(db, (): MetadataUpdate => {
        const current = revisionOf(id);
        if (current === null) return { kind: 'not-found' };
        const before = getSource(db, id) as SourceDetail;
        if (current !== baseRevision) return { kind: 'conflict', source: before, revision: current };
        const source = updateSource(db, id, edit) as SourceDetail;
        return { kind: 'updated', source, revision: revisionOf(id) ?? current };
      });
    },
    exportSources: async (ids) => ids.flatMap((id) => getSource(db, id) ?? []),
    referenceExtras: async (ids) => (await import('../interchange/referenceDetails')).readReferenceExtras(db, ids),
    count: async () => countSources(db),
    close: async () => {},
  };
}
