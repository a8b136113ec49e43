import { basename } from 'node:path';
import type { Handlers } from '../../shared/contract';
import type { Db } from '../archive/database';
import { getSource, listClusterMembers, listSources, listSourcesNeedingReview, updateSource } from '../archive/sources';
import { UserError } from '../errors';
import { readCitationFacts } from '../export/citationFacts';
import { importBuffer } from '../importers/importBuffer';
import { currentImportProgress } from '../importers/importProgress';
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
>;

const missing = (id: number) => new UserError('not-found', `Source ${id} is not in the archive.`);

/** The archive and search side of the contract. */
export function sourceHandlers(db: Db): SourceHandlers {
  return {
    search: (input) => searchSources(db, input),
    citationFacts: ({ sourceIds }) => readCitationFacts(db, sourceIds),
    getSource: ({ id }) => {
      const source = getSource(db, id);
      if (!source) throw missing(id);
      return source;
    },
    updateSource: ({ id, edit }) => {
      const source = updateSource(db, id, edit);
      if (!source) throw missing(id);
      return source;
    },
    // The file's name is only a label (format, title fallback): nothing is read from disk by it.
    importFile: ({ name, base64 }) =>
      importBuffer(db, basename(name.replace(/\\/g, '/')), Buffer.from(base64, 'base64')),
    importProgress: () => ({ message: currentImportProgress() }),
    listSources: () => listSources(db),
    listNeedsReview: () => listSourcesNeedingReview(db),
    listClusterMembers: ({ id }) => {
      const source = getSource(db, id);
      if (!source) throw missing(id);
      return listClusterMembers(db, source.clusterId);
    },
  };
}
