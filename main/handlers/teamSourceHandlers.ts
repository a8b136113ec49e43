import type { Handlers } from '../../shared/contract';
import type { Classification } from '../../shared/source';
import type { SourceArchive } from '../archive/sourceArchive';
import { UserError } from '../errors';
import { failedOutcome } from '../importers/importFailure';
import { teamSourceNotFound } from '../notFoundErrors';

type TeamHandlers = Pick<
  Handlers,
  | 'search'
  | 'getSource'
  | 'updateSource'
  | 'listClusterMembers'
  | 'listSources'
  | 'listNeedsReview'
  | 'importFile'
  | 'exportSourceMetadata'
>;

/**
 * The source side of the contract over any archive engine (used for a team archive: briefs,
 * settings and the rest stay in the analyst's local archive). Same inputs, same shapes out.
 */
export function archiveSourceHandlers(
  archive: SourceArchive,
  options: { classification?: Classification } = {},
): TeamHandlers {
  return {
    search: (input) => archive.search(input),
    getSource: async ({ id }) => (await archive.getSource(id)) ?? Promise.reject(teamSourceNotFound(id)),
    // The contract's edit names no revision: it is based on the revision read just before.
    updateSource: async ({ id, edit }) => {
      const revision = await archive.revisionOf(id);
      if (revision === null) throw teamSourceNotFound(id);
      const outcome = await archive.updateMetadata(id, edit, revision);
      if (outcome.kind === 'not-found') throw teamSourceNotFound(id);
      if (outcome.kind === 'conflict') {
        throw new UserError(
          'conflict',
          'Another analyst changed this source just now; nothing was saved. Reopen it and redo the edit.',
          {
            revision: outcome.revision,
          },
        );
      }
      return outcome.source;
    },
    listClusterMembers: async ({ id }) => {
      const source = await archive.getSource(id);
      if (!source) throw teamSourceNotFound(id);
      return archive.listClusterMembers(source.clusterId);
    },
    listSources: () => archive.listSources(),
    listNeedsReview: (page) => archive.listNeedingReview(page),
    importFile: async ({ name, base64 }) => {
      // Loaded on use: parsing and reference files bring libraries `precis search` never needs (docs/startup.md).
      const [{ baseName }, { parseFileIsolated }, { isReferenceFile }] = await Promise.all([
        import('../importers/parseFile'),
        import('../importers/parseInWorker'),
        import('../interchange/importReferences'),
      ]);
      const fileName = baseName(name.replace(/\\/g, '/'));
      try {
        // A reference manager's export: the same use case as the local archive's, over this engine.
        if (isReferenceFile(fileName)) {
          return await archive.importReferences(fileName, Buffer.from(base64, 'base64'), options);
        }
        // Not awaited here: files parse at once, and the archive stores them in the order of the calls.
        return await archive.importParsed(
          parseFileIsolated(fileName, Buffer.from(base64, 'base64')),
          fileName,
          options,
        );
      } catch (error) {
        return error instanceof UserError ? { kind: 'failed', error: error.message } : failedOutcome(error);
      }
    },
    exportSourceMetadata: async ({ format, ids }) => {
      const wanted = ids ?? (await archive.listSources()).map((source) => source.id).reverse();
      const [exported, extras] = await Promise.all([archive.exportSources(wanted), archive.referenceExtras(wanted)]);
      // The DOI and CSL type the library gave go out again, as they do from the local archive.
      const sources = exported.map((source) => ({ ...source, ...extras.get(source.id) }));
      const found = new Set(sources.map((source) => source.id));
      const absent = wanted.find((id) => !found.has(id));
      if (absent !== undefined) throw teamSourceNotFound(absent);
      const { REFERENCE_FILE, referencesText } = await import('../interchange/exportReferences');
      const { extension, mimeType } = REFERENCE_FILE[format];
      return {
        fileName: `sources.${extension}`,
        mimeType,
        text: referencesText(format, sources),
        count: sources.length,
      };
    },
  };
}
