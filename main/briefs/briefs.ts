import type { SerializedBriefState } from '../../shared/briefDocument';
import type { BriefTemplateId } from '../../shared/briefSchemas';
import { briefTemplate } from '../../shared/briefTemplates';
import { Brief, type BriefSummary } from '../../shared/contract';
import { stripXmlInvalid } from '../../shared/text';
import { type Db, prepareCached } from '../archive/database';
import { defaultCitationStyle } from './citationStyle';

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
}
interface BriefRow extends BriefSummaryRow {
  content: string;
  citation_style: string;
}

const SUMMARY_COLUMNS = 'id, title, classification, language, created_at, updated_at, deleted_at';
const DEFAULT_TITLE = 'Untitled brief';
/** The contract's limit on a title; a copy's suffix must fit inside it. */
const MAX_TITLE_LENGTH = 300;
const COPY_SUFFIX = ' (copy)';

function rowToBriefSummary(row: BriefSummaryRow): BriefSummary {
  return {
    id: row.id,
    title: row.title,
    classification: row.classification,
    language: row.language,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

function rowToBrief(row: BriefRow): Brief {
  return {
    ...rowToBriefSummary(row),
    content: readStoredContent(row.content, `Brief ${row.id}`),
    citationStyle: row.citation_style,
  };
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

/** The contract's schema for the root, plus: every node below it is an object with a string `type`. */
function isBriefContent(value: unknown): value is StoredContent {
  if (!Brief.shape.content.safeParse(value).success) return false;
  const isNode = (node: unknown, depth: number): boolean => {
    if (depth > MAX_NODE_DEPTH || typeof node !== 'object' || node === null || Array.isArray(node)) return false;
    const { type, children } = node as { type?: unknown; children?: unknown };
    if (typeof type !== 'string') return false;
    if (children === undefined) return true;
    return Array.isArray(children) && children.every((child) => isNode(child, depth + 1));
  };
  return isNode((value as SerializedBriefState).root, 0);
}

/**
 * A title as stored: SQLite's UTF-8 would turn a lone surrogate into "�", and control characters
 * would reach every export, so they are removed before the title is written.
 */
function cleanTitle(title: string): string {
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
  const row = prepareCached(
    db,
    `INSERT INTO briefs (title, content, language, citation_style, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     RETURNING ${SUMMARY_COLUMNS}`,
  ).get(
    cleanTitle(input.title ?? template.title),
    JSON.stringify(template.content),
    template.language,
    citationStyle,
    stamp,
    stamp,
  ) as BriefSummaryRow;
  return { ...rowToBriefSummary(row), content: template.content as StoredContent, citationStyle };
}

/** Any brief, in the trash or not (its `deletedAt` tells which); null when no brief has that id. */
export function getBrief(db: Db, id: number): Brief | null {
  const row = prepareCached(db, `SELECT ${SUMMARY_COLUMNS}, content, citation_style FROM briefs WHERE id = ?`).get(
    id,
  ) as BriefRow | undefined;
  return row ? rowToBrief(row) : null;
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

/**
 * Stores the editor's content and, when given, a new title or classification; omitted fields keep
 * their value. Null when no brief has that id. Content that could not be read back is refused
 * rather than stored. A brief in the trash can still be saved: an editor left open on it must not
 * lose its last keystrokes.
 */
export function saveBrief(
  db: Db,
  brief: { id: number; title?: string; classification?: Classification; content: StoredContent | SerializedBriefState },
): BriefSummary | null {
  if (!isBriefContent(brief.content)) throw new Error('Brief content is not a valid editor document; not saved.');
  const row = prepareCached(
    db,
    `UPDATE briefs SET title = coalesce(?, title), classification = coalesce(?, classification), content = ?,
       updated_at = ?
     WHERE id = ? RETURNING ${SUMMARY_COLUMNS}`,
  ).get(
    brief.title === undefined ? null : cleanTitle(brief.title),
    brief.classification ?? null,
    JSON.stringify(brief.content),
    new Date().toISOString(),
    brief.id,
  ) as BriefSummaryRow | undefined;
  return row ? rowToBriefSummary(row) : null;
}

export function renameBrief(db: Db, id: number, title: string): BriefSummary | null {
  const row = prepareCached(
    db,
    `UPDATE briefs SET title = ?, updated_at = ? WHERE id = ? RETURNING ${SUMMARY_COLUMNS}`,
  ).get(cleanTitle(title), new Date().toISOString(), id) as BriefSummaryRow | undefined;
  return row ? rowToBriefSummary(row) : null;
}

/**
 * A new brief with the same content, classification and language, titled "… (copy)". A brief in
 * the trash can be duplicated too; the copy is not in the trash.
 */
export function duplicateBrief(db: Db, id: number): Brief | null {
  return db.transaction((): Brief | null => {
    const original = getBrief(db, id);
    if (!original) return null;
    const stamp = new Date().toISOString();
    const title = original.title.slice(0, MAX_TITLE_LENGTH - COPY_SUFFIX.length).trimEnd() + COPY_SUFFIX;
    const row = prepareCached(
      db,
      `INSERT INTO briefs (title, content, classification, language, citation_style, created_at, updated_at)
       SELECT ?, content, classification, language, citation_style, ?, ? FROM briefs WHERE id = ?
       RETURNING ${SUMMARY_COLUMNS}`,
    ).get(title, stamp, stamp, id) as BriefSummaryRow;
    return { ...rowToBriefSummary(row), content: original.content, citationStyle: original.citationStyle };
  })();
}

/** Moves a brief to the trash. Deleting it again keeps the first deletion time. */
export function deleteBrief(db: Db, id: number): BriefSummary | null {
  const row = prepareCached(
    db,
    `UPDATE briefs SET deleted_at = coalesce(deleted_at, ?) WHERE id = ? RETURNING ${SUMMARY_COLUMNS}`,
  ).get(new Date().toISOString(), id) as BriefSummaryRow | undefined;
  return row ? rowToBriefSummary(row) : null;
}

/** Takes a brief out of the trash (a brief not in it is returned unchanged). */
export function restoreBrief(db: Db, id: number): BriefSummary | null {
  const row = prepareCached(db, `UPDATE briefs SET deleted_at = NULL WHERE id = ? RETURNING ${SUMMARY_COLUMNS}`).get(
    id,
  ) as BriefSummaryRow | undefined;
  return row ? rowToBriefSummary(row) : null;
}
