import { basename } from 'node:path';
import type { Handlers } from '../../shared/contract';
import type { Db } from '../archive/database';
import { getSource, listClusterMembers, listSources, listSourcesNeedingReview, updateSource } from '../archive/sources';
import { currentImportProgress } from '../importers/importProgress';
import { sourceNotFound } from '../notFoundErrors';
import { searchSources } from '../search/searchSources';

type SourceHandlers = Pick<
  Handlers,
  | 'search'
  | 'getSource'
  | 'updateSource'
  | 'listClusterMembers'
  | 'listSources'
  | 'listNeedsReview'
  | 'importFile'
  | 'importProgress'
  | 'citationFacts'
  | 'exportSourceMetadata'
>;

/** The archive and search side of the contract. */
export function sourceHandlers(db: Db): SourceHandlers {
  return {
    search: (input) => searchSources(db, input),
    // citeproc (shared/citation.ts) is the largest library of all: loaded with the first note.
    citationFacts: async ({ sourceIds }) => (await import('../export/citationFacts')).readCitationFacts(db, sourceIds),
    getSource: ({ id }) => {
      const source = getSource(db, id);
      if (!source) throw sourceNotFound(id);
      return source;
    },
    updateSource: ({ id, edit }) => {
      const source = updateSource(db, id, edit);
      if (!source) throw sourceNotFound(id);
      return source;
    },
    // The file's name is only a label (format, title fallback): nothing is read from disk by it.
    // Importers and reference formats load on first use: a search never needs them (docs/startup.md).
    importFile: async ({ name, base64 }) => {
      const fileName = basename(name.replace(/\\/g, '/'));
      const bytes = Buffer.from(base64, 'base64');
      const references = await import('../interchange/importReferences');
      if (references.isReferenceFile(fileName)) return references.importReferenceFile(db, fileName, bytes);
      const { importBuffer } = await import('../importers/importBuffer');
      return importBuffer(db, fileName, bytes);
    },
    exportSourceMetadata: async ({ format, ids }) => {
      const { exportReferences, REFERENCE_FILE } = await import('../interchange/exportReferences');
      const { text, count, missing: absent } = exportReferences(db, format, ids);
      if (absent.length > 0) throw sourceNotFound(absent[0]!);
      const { extension, mimeType } = REFERENCE_FILE[format];
      return { fileName: `sources.${extension}`, mimeType, text, count };
    },
    importProgress: () => {
      const progress = currentImportProgress();
      return progress ? { message: progress.message, text: progress.text } : { message: null };
    },
    listSources: () => listSources(db),
    listNeedsReview: (page) => listSourcesNeedingReview(db, page),
    listClusterMembers: ({ id }) => {
      const source = getSource(db, id);
      if (!source) throw sourceNotFound(id);
      return listClusterMembers(db, source.clusterId);
    },
  };
}
