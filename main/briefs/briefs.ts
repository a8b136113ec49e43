import { emptyBriefState, type SerializedBriefState } from '../../shared/briefDocument';
import { Brief, type BriefSummary } from '../../shared/contract';
import { type Db, prepareCached } from '../archive/database';

type StoredContent = Brief['content'];

interface BriefSummaryRow {
  id: number;
  title: string;
  created_at: string;
  updated_at: string;
}
interface BriefRow extends BriefSummaryRow {
  content: string;
}

const DEFAULT_TITLE = 'Untitled brief';

function rowToBriefSummary(row: BriefSummaryRow): BriefSummary {
  return { id: row.id, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at };
}

function rowToBrief(row: BriefRow): Brief {
  let json: unknown;
  try {
    json = JSON.parse(row.content);
  } catch {
    json = undefined;
  }
  // Opening a damaged brief as empty would let the next autosave overwrite what is left of it.
  if (!isBriefContent(json)) throw new Error(`Brief ${row.id} could not be read: its stored content is damaged.`);
  return { ...rowToBriefSummary(row), content: json };
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

function cleanTitle(title: string): string {
  return title.trim() || DEFAULT_TITLE;
}

export function createBrief(db: Db, title: string): Brief {
  const now = new Date().toISOString();
  const content = emptyBriefState() as StoredContent;
  const row = prepareCached(
    db,
    `INSERT INTO briefs (title, content, created_at, updated_at) VALUES (?, ?, ?, ?)
     RETURNING id, title, created_at, updated_at`,
  ).get(cleanTitle(title), JSON.stringify(content), now, now) as BriefSummaryRow;
  return { ...rowToBriefSummary(row), content };
}

export function getBrief(db: Db, id: number): Brief | null {
  const row = prepareCached(db, 'SELECT id, title, content, created_at, updated_at FROM briefs WHERE id = ?').get(id) as
    | BriefRow
    | undefined;
  return row ? rowToBrief(row) : null;
}

/** Most recently updated first. */
export function listBriefs(db: Db): BriefSummary[] {
  const rows = prepareCached(
    db,
    'SELECT id, title, created_at, updated_at FROM briefs ORDER BY updated_at DESC, id DESC',
  ).all() as BriefSummaryRow[];
  return rows.map(rowToBriefSummary);
}

/**
 * Replaces a brief's title and content; null when no brief has that id. Content that could not
 * be read back is refused rather than stored.
 */
export function saveBrief(
  db: Db,
  brief: { id: number; title: string; content: Brief['content'] | SerializedBriefState },
): BriefSummary | null {
  if (!isBriefContent(brief.content)) throw new Error('Brief content is not a valid editor document; not saved.');
  const row = prepareCached(
    db,
    `UPDATE briefs SET title = ?, content = ?, updated_at = ? WHERE id = ?
     RETURNING id, title, created_at, updated_at`,
  ).get(cleanTitle(brief.title), JSON.stringify(brief.content), new Date().toISOString(), brief.id) as
    | BriefSummaryRow
    | undefined;
  return row ? rowToBriefSummary(row) : null;
}
