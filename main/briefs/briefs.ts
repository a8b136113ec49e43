import { noteFromBlocks } from '../../shared/briefBlocks';
import type { SerializedBriefState } from '../../shared/briefDocument';
import type { BriefBlocks, BriefTemplateId } from '../../shared/briefSchemas';
import { briefTemplate } from '../../shared/briefTemplates';
import { CITATION_NODE_TYPE, CITATION_NODE_VERSION } from '../../shared/citationNode';
import type { Brief, BriefSummary } from '../../shared/contract';
import { EXCERPT_NODE_TYPE, EXCERPT_NODE_VERSION } from '../../shared/excerpt';
import { stripXmlInvalid } from '../../shared/text';
import { TITLE_BLOCK_NODE_TYPE, TITLE_BLOCK_NODE_VERSION } from '../../shared/titleBlock';
import { type Db, prepareCached } from '../archive/database';
import { committed } from '../archive/writeErrors';
import { UserError } from '../errors';
import { defaultCitationStyle } from './citationStyle';
import { applyDefaultWordTemplate, copyWordTemplate } from './wordTemplates';

type StoredContent = Brief['content'];
type Classification = BriefSummary['classification'];

interface BriefSummaryRow {
  id: number;
  title: string;
  classification: Classification;
  language: BriefSummary['language'];
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  revision: number;
}
interface BriefRow extends BriefSummaryRow {
  content: string;
  citation_style: string;
}

const SUMMARY_COLUMNS = 'id, title, classification, language, created_at, updated_at, deleted_at, revision';
const DEFAULT_TITLE = 'Untitled brief';
/** The contract's limit on a title; a copy's suffix must fit inside it. */
const MAX_TITLE_LENGTH = 300;
const COPY_SUFFIX = ' (copy)';

/** "… (copy)", cut so that it fits the contract's limit on a title. */
export function copyTitle(title: string): string {
  return title.slice(0, MAX_TITLE_LENGTH - COPY_SUFFIX.length).trimEnd() + COPY_SUFFIX;
}

function rowToBriefSummary(row: BriefSummaryRow): BriefSummary {
  return {
    id: row.id,
    title: row.title,
    classification: row.classification,
    language: row.language,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    revision: row.revision,
  };
}

/** A brief whose stored content cannot be read (main/briefs/damagedBriefs.ts says so to the analyst). */
export class DamagedBrief extends Error {
  constructor(
    readonly briefId: number,
    readonly title: string,
    options?: ErrorOptions,
  ) {
    super(`Brief ${briefId} could not be read: its stored content is damaged.`, options);
  }
}

function rowToBrief(row: BriefRow): Brief {
  let content: StoredContent;
  try {
    content = readStoredContent(row.content, `Brief ${row.id}`);
  } catch (error) {
    throw new DamagedBrief(row.id, row.title, { cause: error });
  }
  return { ...rowToBriefSummary(row), content, citationStyle: row.citation_style };
}

/**
 * Parses content as stored in briefs or snapshots. Opening a damaged brief as empty would let the
 * next autosave overwrite what is left of it, so damage is an error naming what is damaged.
 */
export function readStoredContent(text: string, what: string): StoredContent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!isBriefContent(json)) throw new Error(`${what} could not be read: its stored content is damaged.`);
  return json;
}

const MAX_NODE_DEPTH = 500;

/** Our own node types' JSON versions, as this build writes them (older ones are upgraded on reading). */
const NEWEST_NODE_VERSIONS: Readonly<Record<string, number>> = {
  [EXCERPT_NODE_TYPE]: EXCERPT_NODE_VERSION,
  [CITATION_NODE_TYPE]: CITATION_NODE_VERSION,
  [TITLE_BLOCK_NODE_TYPE]: TITLE_BLOCK_NODE_VERSION,
};

/**
 * The contract's schema (SerializedBriefStateSchema), checked by hand: zod would also copy every
 * node, which for a 200-page brief costs more than reading it. Plus: at most MAX_NODE_DEPTH deep.
 */
function isBriefContent(value: unknown): value is StoredContent {
  const isNode = (node: unknown, depth: number): boolean => {
    if (depth > MAX_NODE_DEPTH || typeof node !== 'object' || node === null || Array.isArray(node)) return false;
    const { type, version, children } = node as { type?: unknown; version?: unknown; children?: unknown };
    if (typeof type !== 'string' || type === '') return false;
    if (version !== undefined && (typeof version !== 'number' || !Number.isFinite(version))) return false;
    // A node of ours newer than this build knows cannot be shown (or saved back) faithfully.
    if (version !== undefined && version > (NEWEST_NODE_VERSIONS[type] ?? Number.POSITIVE_INFINITY)) return false;
    if (children === undefined) return depth > 0;
    return Array.isArray(children) && children.every((child) => isNode(child, depth + 1));
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const root = (value as { root?: unknown }).root;
  return (root as { type?: unknown } | null)?.type === 'root' && isNode(root, 0);
}

/**
 * A title as stored: SQLite's UTF-8 would turn a lone surrogate into "�", and control characters
 * would reach every export, so they are removed before the title is written.
 */
export function cleanTitle(title: string): string {
  return stripXmlInvalid(title).replace(/\s+/g, ' ').trim() || DEFAULT_TITLE;
}

/** The analyst's calendar date (not UTC's), as the title block shows it. */
function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A new brief from a template (shared/briefTemplates.ts), its title block dated today. */
export function createBrief(db: Db, input: { template: BriefTemplateId; title?: string }): Brief {
  const now = new Date();
  const template = briefTemplate(input.template, localIsoDate(now));
  const stamp = now.toISOString();
  const citationStyle = defaultCitationStyle(db);
  // One transaction: the brief and its template (the default) are stored together or not at all.
  const row = committed(db, () => {
    const inserted = prepareCached(
      db,
      `INSERT INTO briefs (title, content, language, citation_style, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING ${SUMMARY_COLUMNS}`,
    ).get(
      cleanTitle(input.title ?? template.title),
      JSON.stringify(template.content),
      template.language,
      citationStyle,
      stamp,
      stamp,
    ) as BriefSummaryRow;
    applyDefaultWordTemplate(db, inserted.id);
    return inserted;
  });
  return { ...rowToBriefSummary(row), content: template.content as StoredContent, citationStyle };
}

/**
 * The brief a window opens with: the most recently edited one, or on an archive with none a blank
 * brief, made once. Windows (or processes) that start at the same instant all ask this one call;
 * its check and its creation are one IMMEDIATE transaction, so the second waits and finds the
 * first one's brief instead of making another.
 */
export function openFirstBrief(db: Db): Brief {
  const latest = latestBriefId(db);
  if (latest !== undefined) return getBrief(db, latest)!;
  return committed(db, () => {
    const made = latestBriefId(db);
    return made === undefined ? createBrief(db, { template: 'blank' }) : getBrief(db, made)!;
  });
}

function latestBriefId(db: Db): number | undefined {
  const row = prepareCached(
    db,
    'SELECT id FROM briefs WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT 1',
  ).get() as { id: number } | undefined;
  return row?.id;
}

/** Any brief, in the trash or not (its `deletedAt` tells which); null when no brief has that id. */
export function getBrief(db: Db, id: number): Brief | null {
  const row = readBriefRow(db, id);
  return row ? rowToBrief(row) : null;
}

function readBriefRow(db: Db, id: number): BriefRow | undefined {
  return prepareCached(db, `SELECT ${SUMMARY_COLUMNS}, content, citation_style FROM briefs WHERE id = ?`).get(id) as
    | BriefRow
    | undefined;
}

/** A brief's title, marking and dates without its content (which can take long to read); null when none. */
export function readSummary(db: Db, id: number): BriefSummary | null {
  const row = prepareCached(db, `SELECT ${SUMMARY_COLUMNS} FROM briefs WHERE id = ?`).get(id) as
    | BriefSummaryRow
    | undefined;
  return row ? rowToBriefSummary(row) : null;
}

/** Whether a brief with that id exists (in the trash or not), without reading its content. */
export function briefExists(db: Db, id: number): boolean {
  return prepareCached(db, 'SELECT 1 FROM briefs WHERE id = ?').get(id) !== undefined;
}

/** Briefs not in the trash, most recently updated first. */
export function listBriefs(db: Db): BriefSummary[] {
  const rows = prepareCached(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM briefs WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC`,
  ).all() as BriefSummaryRow[];
  return rows.map(rowToBriefSummary);
}

/** Briefs in the trash, most recently deleted first. */
export function listTrash(db: Db): BriefSummary[] {
  const rows = prepareCached(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM briefs WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC`,
  ).all() as BriefSummaryRow[];
  return rows.map(rowToBriefSummary);
}

/** The refusal of a change based on a revision older than the brief's; it names the current one. */
export function conflictError(current: { id: number; revision: number }): UserError {
  return new UserError(
    'conflict',
    `Brief ${current.id} was changed in another window (it is now at revision ${current.revision}); ` +
      'your changes were not saved over it.',
    { revision: current.revision },
  );
}

/** The fields a save or a rename may change; a field left undefined keeps its stored value. */
interface BriefChange {
  title?: string;
  classification?: Classification;
  content?: string;
}

/**
 * Applies `change` to brief `id` if it was based on the brief's current revision, and counts one
 * revision more. A change that would store what is already stored is no change: it is accepted
 * whatever revision it was based on, and the revision stays. Null when no brief has that id.
 */
function changeBrief(db: Db, id: number, baseRevision: number, change: BriefChange): BriefSummary | null {
  return committed(db, () => {
    const current = readBriefRow(db, id);
    if (!current) return null;
    const next = {
      title: change.title ?? current.title,
      classification: change.classification ?? current.classification,
      content: change.content ?? current.content,
    };
    const same =
      next.title === current.title &&
      next.classification === current.classification &&
      next.content === current.content;
    if (same) return rowToBriefSummary(current);
    if (current.revision !== baseRevision) throw conflictError(current);
    prepareCached(
      db,
      `UPDATE briefs SET title = ?, classification = ?, content = ?, updated_at = ?, revision = revision + 1
       WHERE id = ?`,
    ).run(next.title, next.classification, next.content, new Date().toISOString(), id);
    return readSummary(db, id);
  });
}

/**
 * Stores the editor's content and, when given, a new title or classification; omitted fields keep
 * their value. `baseRevision` is the revision the editor loaded or last saved: if the brief has
 * changed since (another window saved), the save is refused with a 'conflict' UserError, so no
 * window overwrites another's text or lowers its classification unseen. Null when no brief has
 * that id. Content that could not be read back is refused rather than stored. A brief in the trash
 * can still be saved: an editor left open on it must not lose its last keystrokes.
 */
export function saveBrief(
  db: Db,
  brief: {
    id: number;
    baseRevision: number;
    title?: string;
    classification?: Classification;
    content: StoredContent | SerializedBriefState;
  },
): BriefSummary | null {
  if (!isBriefContent(brief.content)) throw new Error('Brief content is not a valid editor document; not saved.');
  return changeBrief(db, brief.id, brief.baseRevision, {
    title: brief.title === undefined ? undefined : cleanTitle(brief.title),
    classification: brief.classification,
    content: JSON.stringify(brief.content),
  });
}

/**
 * saveBrief for a save of changed blocks (BriefBlocks): each number stands for the block at that
 * index in the content stored now, which must be the one the editor last saved (`baseRevision`);
 * otherwise the indices mean nothing and the save is refused as a conflict, like any stale save.
 */
export function saveBriefBlocks(
  db: Db,
  brief: { id: number; baseRevision: number; title?: string; classification?: Classification; blocks: BriefBlocks },
): BriefSummary | null {
  return committed(db, () => {
    const current = readBriefRow(db, brief.id);
    if (!current) return null;
    if (current.revision !== brief.baseRevision) throw conflictError(current);
    const content = noteFromBlocks(readStoredContent(current.content, `Brief ${brief.id}`), brief.blocks);
    // The editor's record of what it saved last does not match the stored copy: a conflict like any
    // other, so the client reloads or merges (or sends the note whole) instead of showing an internal error.
    if (!content) {
      throw new UserError(
        'conflict',
        `Brief ${current.id}: the save named a block its stored copy (revision ${current.revision}) does not have; ` +
          'your changes were not saved over it.',
        { revision: current.revision },
      );
    }
    return saveBrief(db, { ...brief, content });
  });
}

/** A new title, refused as a conflict when the brief changed since `baseRevision`, like a save. */
export function renameBrief(db: Db, id: number, title: string, baseRevision: number): BriefSummary | null {
  return changeBrief(db, id, baseRevision, { title: cleanTitle(title) });
}

/**
 * A new brief with the given (or the same) content, classification and language, titled "… (copy)".
 * A brief in the trash can be duplicated too; the copy is not in the trash.
 */
export function duplicateBrief(db: Db, id: number): Brief | null {
  return committed(db, (): Brief | null => {
    const original = getBrief(db, id);
    if (!original) return null;
    const copy = insertBrief(db, { ...original, title: copyTitle(original.title) });
    copyWordTemplate(db, id, copy.id);
    return copy;
  });
}

/** Stores a new brief (inside the caller's transaction) and returns it. */
export function insertBrief(
  db: Db,
  brief: Pick<Brief, 'title' | 'classification' | 'language' | 'citationStyle'> & {
    content: StoredContent | SerializedBriefState;
  },
): Brief {
  const stamp = new Date().toISOString();
  const row = prepareCached(
    db,
    `INSERT INTO briefs (title, content, classification, language, citation_style, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${SUMMARY_COLUMNS}`,
  ).get(
    brief.title,
    JSON.stringify(brief.content),
    brief.classification,
    brief.language,
    brief.citationStyle,
    stamp,
    stamp,
  ) as BriefSummaryRow;
  return { ...rowToBriefSummary(row), content: brief.content as StoredContent, citationStyle: brief.citationStyle };
}

/** Moves a brief to the trash. Deleting it again keeps the first deletion time. */
export function deleteBrief(db: Db, id: number): BriefSummary | null {
  return committed(db, () => {
    prepareCached(db, 'UPDATE briefs SET deleted_at = coalesce(deleted_at, ?) WHERE id = ?').run(
      new Date().toISOString(),
      id,
    );
    return readSummary(db, id);
  });
}

/** Takes a brief out of the trash (a brief not in it is returned unchanged). */
export function restoreBrief(db: Db, id: number): BriefSummary | null {
  return committed(db, () => {
    prepareCached(db, 'UPDATE briefs SET deleted_at = NULL WHERE id = ?').run(id);
    return readSummary(db, id);
  });
}
