import { z } from 'zod';
import {
  Brief,
  BriefBlocksSchema,
  BriefLanguage,
  BriefSummary,
  BriefTemplateId,
  ConflictChoice,
  SerializedBriefStateSchema,
  Snapshot,
  SnapshotReason,
  SnapshotSummary,
} from './briefSchemas';
import type { ContractMethod } from './contractMethods';
import { CitationStyle } from './csl/citationStyles';
import { LOCALES } from './i18n/locale';
import { LocalizedText } from './i18n/localizedText';
import { BriefCheck, IntegrityFact, NameVariant } from './integrity/integritySchemas';
import { SearchHit, SearchResponse, SearchSort, SnippetPart } from './searchSchemas';
import { Classification, METADATA_FIELDS, PartialDate, SourceDetail, SourceEdit, SourceSummary } from './source';
import { SpellingWord } from './spellingWord';

export { Brief, BriefSummary, SearchHit, SearchResponse, SearchSort, Snapshot, SnapshotSummary, SnippetPart };

/**
 * The one contract between the renderer and the Node core. Every call the renderer makes is
 * declared here once, with the schema of what goes in (validated in main) and what comes out.
 * Main implements it as one object literal of type `Handlers`; the Electron preload and the
 * browser-mode HTTP host both expose exactly these methods.
 */

export const ExportOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('download'), fileName: z.string(), base64: z.string() }),
  z.object({ kind: z.literal('saved'), path: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
]);
export type ExportOutcome = z.infer<typeof ExportOutcome>;

export const ImportItemOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('imported'), id: z.number().int(), title: z.string() }),
  z.object({ kind: z.literal('duplicate'), duplicateOf: z.number().int() }),
  z.object({
    kind: z.literal('failed'),
    error: z.string(),
    /** The reason as a catalog message, for the interface's language (docs/i18n.md), when it has one. */
    errorText: LocalizedText.optional(),
  }),
  /** A reference manager's export (.json, .ris, .bib): what each entry did. */
  z.object({
    kind: z.literal('references'),
    /** New sources with no text (or from an attached file): citable. */
    created: z.array(z.object({ id: z.number().int(), title: z.string() })),
    /** Sources that matched an entry and gained the metadata they lacked. */
    updated: z.array(z.object({ id: z.number().int(), title: z.string(), fields: z.array(z.enum(METADATA_FIELDS)) })),
    /** Sources that matched an entry and needed nothing from it. */
    unchanged: z.array(z.object({ id: z.number().int(), title: z.string() })),
    failed: z.array(z.object({ title: z.string(), error: z.string() })),
  }),
]);
export type ImportItemOutcome = z.infer<typeof ImportItemOutcome>;

export const ReferenceFormat = z.enum(['csl-json', 'ris', 'bibtex']);

/** Base64 of the largest file the importer accepts (see main/importers), with room to spare. */
const MAX_UPLOAD_BASE64 = 30 * 1024 * 1024;

const Id = z.object({ id: z.number().int().positive() });

/** Choices made per export; both off by default, so a plain export is a plain briefing note. */
export const ExportOptions = z.object({
  /** A "Sources" list at the end: each cited source once, sorted. */
  includeSourceList: z.boolean().default(false),
  /** The Admiralty grade after each citation, e.g. "[B2]", where the source is graded. */
  includeGrades: z.boolean().default(false),
});
export type ExportOptions = z.infer<typeof ExportOptions>;
const ExportRequest = ExportOptions.extend({ id: z.number().int().positive() });

export const CitationFact = z.object({
  sourceId: z.number().int().positive(),
  pageStarts: z.array(z.number().int().nonnegative()).nullable(),
  /** The Admiralty grade as printed ("B2"), null unless both halves are set. */
  grade: z.string().nullable(),
  /**
   * The year or month the archive knows for a source with no day ("2024", "2024-03"): a note
   * whose snapshot has no date at all (written before snapshots held partial dates) prints it.
   */
  issued: PartialDate.nullable().optional(),
});
export type CitationFact = z.infer<typeof CitationFact>;

/** The analyst's preferences, kept in the archive. */
export const Settings = z.object({
  /** Written as the author of exported documents. */
  authorName: z.string().trim().max(200),
  /** The interface language; null: follow the system's. */
  language: z.enum(LOCALES).nullable(),
});
export type Settings = z.infer<typeof Settings>;

/** The team archive this session searches (PostgreSQL), or none: the local archive. */
export const TeamArchiveStatus = z.object({
  /** postgres://USER@HOST:PORT/DB, never with a password; null: none chosen. */
  url: z.string().nullable(),
  connected: z.boolean(),
  /** Sources this analyst may see there (RLS), when connected; null when not, or when the server cannot be reached. */
  sourceCount: z.number().int().nonnegative().nullable(),
});
export type TeamArchiveStatus = z.infer<typeof TeamArchiveStatus>;
const Nothing = z.object({}).default({});
/** Sources needing review in a page of the Needs review list, and the most one call may ask for. */
export const NEEDS_REVIEW_PAGE = 50;
const NEEDS_REVIEW_PAGE_MAX = 200;
export type NeedsReviewPage = { sources: SourceSummary[]; total: number };

/** Base64 of the largest Word template accepted (20 MB; main/export/wordReference.ts). */
const MAX_TEMPLATE_BASE64 = 28 * 1024 * 1024;
/** A .docx or .dotx the analyst picked, sent whole; its name is only a label. */
export const WordTemplateUpload = z.object({
  name: z.string().trim().min(1).max(1000),
  base64: z.string().max(MAX_TEMPLATE_BASE64),
});
/** The template in force; name null: the built-in style. */
export const WordTemplateInfo = z.object({ name: z.string().nullable() });
export type WordTemplateInfo = z.infer<typeof WordTemplateInfo>;
/** briefId null: the default for new briefs (kept in settings). */
const WordTemplateTarget = z.object({ briefId: z.number().int().positive().nullable() });

export const contract = {
  appInfo: {
    input: Nothing,
    output: z.object({
      version: z.string(),
      mode: z.enum(['electron', 'browser']),
      sourceCount: z.number().int(),
      /** Set when the archive was damaged at start and replaced by a backup or a new archive. */
      notice: z.string().nullable(),
      /** The same notices as catalog messages, for the interface's language (docs/i18n.md). */
      notices: z.array(LocalizedText).optional(),
    }),
  },
  search: {
    input: z.object({
      query: z.string().max(20_000),
      limit: z.number().int().min(1).max(100).default(20),
      offset: z.number().int().min(0).default(0),
      sort: SearchSort.default('relevance'),
    }),
    output: SearchResponse,
  },
  getSource: { input: Id, output: SourceDetail },
  updateSource: { input: z.object({ id: z.number().int().positive(), edit: SourceEdit }), output: SourceDetail },
  /** Every version in the near-duplicate cluster of the given source, oldest first. */
  listClusterMembers: { input: Id, output: z.array(SourceSummary) },
  /** Every source, most recently imported first (the CLI's `sources`). */
  listSources: { input: Nothing, output: z.array(SourceSummary) },
  /**
   * Sources whose title, date or outlet rests on weak evidence or none, most recently added first:
   * a page of them (those added before `before`, a source id, when given) and how many there are in
   * all. A page, because the window asks at start and every source of a generated or long-kept
   * archive may need review (3.66 s and 5.3 MB at 100,000 when it listed them all: docs/startup.md).
   */
  listNeedsReview: {
    input: z.object({
      limit: z.number().int().min(1).max(NEEDS_REVIEW_PAGE_MAX).default(NEEDS_REVIEW_PAGE),
      before: z.number().int().positive().optional(),
    }),
    output: z.object({ sources: z.array(SourceSummary), total: z.number().int().nonnegative() }),
  },
  /** One file the analyst picked, sent whole; the path never crosses the boundary. */
  importFile: {
    input: z.object({ name: z.string().min(1).max(1000), base64: z.string().max(MAX_UPLOAD_BASE64) }),
    output: ImportItemOutcome,
  },
  /** What the import under way is doing within its file ("OCR page 3 of 12"), or null. Polled by the UI. */
  importProgress: {
    input: Nothing,
    /** `text`: the message as a catalog message, for the interface's language (docs/i18n.md). */
    output: z.object({ message: z.string().nullable(), text: LocalizedText.optional() }),
  },
  /** Briefs not in the trash, most recently edited first. */
  listBriefs: { input: Nothing, output: z.array(BriefSummary) },
  listTrash: { input: Nothing, output: z.array(BriefSummary) },
  createBrief: {
    input: z.object({
      template: BriefTemplateId.default('blank'),
      title: z.string().trim().min(1).max(300).optional(),
    }),
    output: Brief,
  },
  getBrief: { input: Id, output: Brief },
  /** The brief a window opens with: the most recently edited, or a blank one made once on an archive with none. */
  openFirstBrief: { input: Nothing, output: Brief },
  /** Refused with a 'conflict' error when the brief changed since `baseRevision` (another window saved). */
  saveBrief: {
    input: z.object({
      id: z.number().int().positive(),
      /** The revision the editor loaded or last saved. */
      baseRevision: z.number().int().positive(),
      title: z.string().trim().min(1).max(300).optional(),
      classification: Classification.optional(),
      content: SerializedBriefStateSchema,
    }),
    output: BriefSummary,
  },
  /**
   * saveBrief sending only the changed top-level blocks (the others by their index in the content
   * stored at `baseRevision`); refused with 'conflict' like saveBrief when the brief changed since.
   */
  saveBriefBlocks: {
    input: z.object({
      id: z.number().int().positive(),
      baseRevision: z.number().int().positive(),
      title: z.string().trim().min(1).max(300).optional(),
      classification: Classification.optional(),
      blocks: BriefBlocksSchema,
    }),
    output: BriefSummary,
  },
  renameBrief: {
    input: z.object({
      id: z.number().int().positive(),
      title: z.string().trim().min(1).max(300),
      baseRevision: z.number().int().positive(),
    }),
    output: BriefSummary,
  },
  /**
   * After a refused save: keeps both texts as the analyst chose (see ConflictChoice) and returns the
   * brief the window should show now.
   */
  resolveBriefConflict: {
    input: z.object({
      id: z.number().int().positive(),
      choice: ConflictChoice,
      title: z.string().trim().min(1).max(300),
      classification: Classification,
      content: SerializedBriefStateSchema,
    }),
    output: Brief,
  },
  duplicateBrief: { input: Id, output: Brief },
  /** Moves a brief to the trash; restoreBrief brings it back. Nothing is destroyed. */
  deleteBrief: { input: Id, output: BriefSummary },
  restoreBrief: { input: Id, output: BriefSummary },
  listSnapshots: { input: z.object({ briefId: z.number().int().positive() }), output: z.array(SnapshotSummary) },
  getSnapshot: { input: Id, output: Snapshot },
  /**
   * A new brief from a snapshot (titled "… (copy)"), with its brief's marking, language and citation
   * style; the brief itself is left as it is. What an analyst does with a brief whose stored text is
   * damaged ('damaged' error): open the latest version its history could read.
   */
  openSnapshotAsBrief: { input: Id, output: Brief },
  /** Snapshots the brief as last saved; returns the existing latest one if nothing changed since. */
  takeSnapshot: {
    input: z.object({ briefId: z.number().int().positive(), reason: SnapshotReason }),
    output: SnapshotSummary,
  },
  /** Writes the brief as a .docx; the options are the analyst's choices for this export. */
  exportBrief: { input: ExportRequest, output: ExportOutcome },
  /** Sets the brief's citation style (built-in id or CSL XML) and makes it the default for new briefs. */
  setCitationStyle: {
    input: z.object({ briefId: z.number().int().positive(), style: CitationStyle }),
    output: z.object({ citationStyle: CitationStyle }),
  },
  /** What footnotes print beyond a source's snapshot: its page starts ("p. 3") and its grade ("[B2]"). */
  citationFacts: {
    input: z.object({ sourceIds: z.array(z.number().int().positive()).max(10_000) }),
    output: z.array(CitationFact),
  },
  /** The sources' metadata (all, or those ids) as a reference manager reads it (Zotero's import). */
  exportSourceMetadata: {
    input: z.object({
      format: ReferenceFormat,
      ids: z.array(z.number().int().positive()).min(1).max(100_000).optional(),
    }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), text: z.string(), count: z.number().int() }),
  },
  /** The brief's Word template (or, for briefId null, the default); name null: the built-in style. */
  getWordTemplate: { input: WordTemplateTarget, output: WordTemplateInfo },
  /**
   * Sets the brief's Word template (null: the built-in style) and makes it the default for new
   * briefs; with briefId null, only the default. A file that is not a Word template is refused.
   */
  setWordTemplate: {
    input: WordTemplateTarget.extend({ template: WordTemplateUpload.nullable() }),
    output: WordTemplateInfo,
  },
  /**
   * The brief check of the brief as saved: altered quotations, classification breaches, weak
   * support of conclusions, uncited facts, incomplete citations, metadata to review, name
   * variants (docs/integrity.md). `precis check` is this call.
   */
  checkBrief: { input: Id, output: BriefCheck },
  /** What the note's integrity marks need of its sources now: grade, marking, cluster, credited outlets. */
  integrityFacts: {
    input: z.object({ sourceIds: z.array(z.number().int().positive()).max(10_000) }),
    output: z.array(IntegrityFact),
  },
  /** Other spellings the archive gives the same people as the query's names ("Also spelled: …"). */
  nameVariants: { input: z.object({ query: z.string().max(20_000) }), output: z.array(NameVariant) },
  getSettings: { input: Nothing, output: Settings },
  saveSettings: { input: Settings.partial(), output: Settings },
  /** The words the analyst added to the spell-checker's dictionary of a note language. */
  spellingWords: { input: z.object({ language: BriefLanguage }), output: z.array(z.string()) },
  /** "Add to dictionary": keeps the word in the archive; returns the language's words. */
  addSpellingWord: {
    input: z.object({ language: BriefLanguage, word: SpellingWord }),
    output: z.array(z.string()),
  },
  getTeamArchive: { input: Nothing, output: TeamArchiveStatus },
  /** Connects this session's searches and source reads to a team archive; the password is kept in memory only. */
  connectTeamArchive: {
    input: z.object({ url: z.string().trim().min(1).max(1000), password: z.string().max(1000) }),
    output: TeamArchiveStatus,
  },
  /** Back to the local archive (the URL stays chosen). */
  disconnectTeamArchive: { input: Nothing, output: TeamArchiveStatus },
} as const satisfies Record<ContractMethod, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type MethodInput<M extends ContractMethod> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends ContractMethod> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends ContractMethod> = z.output<Contract[M]['output']>;

/** What main implements: one handler per method; a missing one is a compile error. */
export type Handlers = { [M in ContractMethod]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'unavailable'
  | 'internal'
  /** Nothing was written: the disk holding the archive is full. */
  | 'disk-full'
  /** Nothing was written: the archive (or its folder) cannot be written to. */
  | 'read-only'
  /** Nothing was written: another process held the archive's write lock for too long. */
  | 'busy'
  /** Nothing was written: the disk reported an input/output error. */
  | 'io-error'
  /** Refused: the brief changed (in another window) since the revision the request was based on. */
  | 'conflict'
  /** Nothing was written: the brief's marking is below what the sources it cites require. */
  | 'below-marking'
  /** Refused by a team archive: above the analyst's clearance, or not theirs to change. */
  | 'forbidden'
  /** Not opened: the brief's stored text cannot be read (bad JSON, or a node from a newer build). */
  | 'damaged';
export interface AppError {
  code: ErrorCode;
  message: string;
  /** On a conflict: the brief's current revision. */
  revision?: number;
  /** On below-marking: the lowest marking that covers every source the brief cites. */
  required?: Classification;
  /** On damaged: the brief's latest snapshot that can be read, if it has one. */
  snapshotId?: number;
  /** `message` as a catalog message, for the interface's language, when main words it so. */
  text?: LocalizedText;
}
/** Errors cross the boundary as values the UI can show, never as thrown exceptions. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** What the renderer calls: the same methods, asynchronous, each returning a Result. */
export type PrecisApi = { [M in ContractMethod]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>> };

// Compile-time check that the zod-free list of names matches the contract's keys exactly.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const contractNamesMatch: Exact<keyof Contract, ContractMethod> = true;
