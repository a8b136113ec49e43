import { z } from 'zod';
import type { SerializedBriefState, SerializedNode } from './briefDocument';
import { CitationStyle } from './csl/citationStyles';
import { Classification } from './source';

// Lexical writes more fields than we read; each node must at least say what type it is.
const SerializedNodeSchema: z.ZodType<SerializedNode> = z.lazy(() =>
  z.looseObject({
    type: z.string().min(1),
    version: z.number().optional(),
    children: z.array(SerializedNodeSchema).optional(),
  }),
);
export const SerializedBriefStateSchema: z.ZodType<SerializedBriefState> = z.object({
  root: z.looseObject({ type: z.literal('root'), children: z.array(SerializedNodeSchema) }),
});

/**
 * A save of what changed in a long note: each top-level block is either its JSON or, unchanged,
 * the index of the same block in the content stored at the save's base revision. Sending a 200-page
 * note whole after each pause in typing froze the editor for a tenth of a second (docs/editor.md).
 */
export const BriefBlocksSchema = z.object({
  root: z.looseObject({
    type: z.literal('root'),
    children: z.array(z.union([z.number().int().nonnegative(), SerializedNodeSchema])),
  }),
});
export type BriefBlocks = z.infer<typeof BriefBlocksSchema>;

/** The templates a new brief can start from (shared/briefTemplates.ts builds their content). */
export const BriefTemplateId = z.enum(['briefing-note-en', 'briefing-note-fr', 'blank']);
export type BriefTemplateId = z.infer<typeof BriefTemplateId>;

export const BriefLanguage = z.enum(['en', 'fr']);
export type BriefLanguage = z.infer<typeof BriefLanguage>;

export const BriefSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  /** The marking printed on every page of the export and shown in the list. */
  classification: Classification,
  /** Language of the note: decides template headings and Word's spell-check language. */
  language: BriefLanguage,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set while the brief is in the trash. */
  deletedAt: z.string().nullable(),
  /** Counts the brief's stored changes; a save names the revision it was based on (no silent overwrite). */
  revision: z.number().int().positive(),
});
export type BriefSummary = z.infer<typeof BriefSummary>;

export const Brief = BriefSummary.extend({
  content: SerializedBriefStateSchema,
  /** How its footnotes and Sources list are formatted: a built-in style's id or CSL XML. */
  citationStyle: CitationStyle,
});
export type Brief = z.infer<typeof Brief>;

/**
 * Why a snapshot was taken: on a timer while editing, by the analyst, before an export, before a
 * restore, or to keep a window's text when its save was refused because another window had
 * changed the brief ('conflict').
 */
export const SnapshotReason = z.enum(['auto', 'manual', 'export', 'before-restore', 'conflict']);
export type SnapshotReason = z.infer<typeof SnapshotReason>;

export const SnapshotSummary = z.object({
  id: z.number().int(),
  briefId: z.number().int(),
  takenAt: z.string(),
  reason: SnapshotReason,
  /** Words in the note at that moment, to tell snapshots apart at a glance. */
  wordCount: z.number().int().nonnegative(),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummary>;

export const Snapshot = SnapshotSummary.extend({ title: z.string(), content: SerializedBriefStateSchema });
export type Snapshot = z.infer<typeof Snapshot>;

/**
 * How the analyst settles a refused save: keep the other window's version (mine is kept as a
 * 'conflict' snapshot), or keep mine as a new brief beside it.
 */
export const ConflictChoice = z.enum(['take-theirs', 'keep-mine-as-copy']);
export type ConflictChoice = z.infer<typeof ConflictChoice>;
