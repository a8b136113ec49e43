import type { ImportItemOutcome } from '../../shared/contract';
import type { Classification, SourceDetail, SourceEdit, SourceSummary } from '../../shared/source';
import type { ParsedFile } from '../importers/article';
import type { ReadAttachment } from '../interchange/importReferences';
import type { SearchInput, SearchResult } from '../search/searchTypes';
import type { ReviewPageRequest } from './sources';

/**
 * One archive of sources, whichever engine holds it: the analyst's embedded SQLite archive
 * (main/archive/sqliteArchive.ts) or a team's PostgreSQL archive (main/team/postgresArchive.ts).
 * Same parsed input, same query language, same contract shapes out; only the engine differs.
 * Every method is async because a server engine is; the SQLite one simply resolves at once.
 */

export type ArchiveEngine = 'sqlite' | 'postgres';

export interface ImportOptions {
  /** The marking of what is imported (`import --classification "PROTECTED B"`). */
  classification?: Classification;
  /**
   * Reads the files a library's entries attach (main/interchange/attachments.ts): given only by the
   * CLI, run by the analyst on their own machine; a page never makes main read a path it names.
   */
  readAttachment?: ReadAttachment;
}

/** What a metadata edit came to: errors are values, and a conflict loses nothing (the edit is refused whole). */
export type MetadataUpdate =
  | { kind: 'updated'; source: SourceDetail; revision: number }
  /** The source changed since `baseRevision`: here is what it is now, for the analyst to redo the edit on. */
  | { kind: 'conflict'; source: SourceDetail; revision: number }
  | { kind: 'not-found' };

/** What a reference manager's entry said beyond a source's fields: local migration 150, team migration 50. */
export interface ReferenceExtras {
  doi: string | null;
  itemType: string | null;
}

export interface SourceArchive {
  readonly engine: ArchiveEngine;
  /**
   * Stores one parsed file: a duplicate (same content hash) is reported, a near-duplicate joins its
   * cluster. Files are stored in the order of the calls: one still being parsed (a promise) holds
   * back those called after it, so a folder comes out as if imported file by file, in its order.
   */
  importParsed(
    parsed: ParsedFile | Promise<ParsedFile>,
    fileName: string,
    options?: ImportOptions,
  ): Promise<ImportItemOutcome>;
  /**
   * Reads a reference manager's export (.json, .ris, .bib) into the archive, by the one use case of
   * main/interchange/importReferences.ts: an entry fills the source it matches, or becomes a
   * metadata-only source (format 'reference') marked as `options` says. A file that cannot be read throws.
   */
  importReferences(name: string, bytes: Uint8Array, options?: ImportOptions): Promise<ImportItemOutcome>;
  getSource(id: number): Promise<SourceDetail | null>;
  /** The metadata revision an edit must name; null when the source does not exist (or is not visible). */
  revisionOf(id: number): Promise<number | null>;
  /** Every source, most recently imported first, without bodies. */
  listSources(): Promise<SourceSummary[]>;
  listClusterMembers(clusterId: number): Promise<SourceSummary[]>;
  /**
   * A page of the sources whose title, date or outlet needs review (most recently added first,
   * those added before the source `before` when given) and how many there are in all.
   */
  listNeedingReview(page: ReviewPageRequest): Promise<{ sources: SourceSummary[]; total: number }>;
  search(input: SearchInput): Promise<SearchResult>;
  /** Applies `edit` if the source is still at `baseRevision`. */
  updateMetadata(id: number, edit: SourceEdit, baseRevision: number): Promise<MetadataUpdate>;
  /** Sources for a reference export, in the order asked; ids not found (or not visible) are left out. */
  exportSources(ids: readonly number[]): Promise<SourceDetail[]>;
  /** The DOI and CSL type of the sources asked for that have either, for reference export and the local copy. */
  referenceExtras(ids: readonly number[]): Promise<Map<number, ReferenceExtras>>;
  count(): Promise<number>;
  close(): Promise<void>;
}
