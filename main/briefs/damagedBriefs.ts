import type { Brief } from '../../shared/contract';
import { worded } from '../../shared/i18n/localizedText';
import { type Db, prepareCached } from '../archive/database';
import { committed } from '../archive/writeErrors';
import { UserError } from '../errors';
import { copyTitle, DamagedBrief, insertBrief, readStoredContent } from './briefs';

/**
 * A brief whose stored text cannot be read (bad JSON, a node from a newer build) is never opened
 * as empty, since the next autosave would overwrite what is left of it. The analyst is told which
 * brief it is, that nothing was changed, and what can be done: open the latest version its history
 * can read, as a new brief, or, when it has none, restore the archive from a backup. Every use
 * case that reads a brief's text goes through it (open, duplicate, export, check), so none of
 * them reports the damage as an internal error.
 */
export function whenDamaged<T>(db: Db, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof DamagedBrief)) throw error;
    throw damagedBriefError(db, error);
  }
}

function damagedBriefError(db: Db, damaged: DamagedBrief): UserError {
  const latest = latestReadableSnapshot(db, damaged.briefId);
  const values = { title: damaged.title, id: damaged.briefId };
  const { message, text } = latest
    ? worded(
        `The brief “${damaged.title}” (no. ${damaged.briefId}) cannot be opened: its stored text is damaged. ` +
          'Nothing was changed. Its history holds a version that can be read: ' +
          'choose “Open the latest good version” to open it as a new brief.',
        'errors.damaged.withHistory',
        values,
      )
    : worded(
        `The brief “${damaged.title}” (no. ${damaged.briefId}) cannot be opened: its stored text is damaged, ` +
          'and its history holds no version that can be read. Nothing was changed; ' +
          'the archive’s daily backups (the backups folder beside it) may hold an earlier copy.',
        'errors.damaged.noHistory',
        values,
      );
  return new UserError('damaged', message, { text, ...(latest ? { snapshotId: latest } : {}) }, { cause: damaged });
}

/** The id of the brief's newest snapshot whose content can be read, or null. */
function latestReadableSnapshot(db: Db, briefId: number): number | null {
  const rows = prepareCached(
    db,
    'SELECT id, content FROM brief_snapshots WHERE brief_id = ? ORDER BY taken_at DESC, id DESC',
  ).iterate(briefId) as IterableIterator<{ id: number; content: string }>;
  for (const row of rows) {
    if (readable(row.content)) {
      rows.return?.();
      return row.id;
    }
  }
  return null;
}

function readable(content: string): boolean {
  try {
    readStoredContent(content, 'A snapshot');
    return true;
  } catch {
    return false;
  }
}

/** A new brief from snapshot `id`, with its brief's marking, language and citation style; null when there is no such snapshot. */
export function openSnapshotAsBrief(db: Db, id: number): Brief | null {
  return committed(db, (): Brief | null => {
    const row = prepareCached(
      db,
      `SELECT s.title, s.content, b.classification, b.language, b.citation_style AS citationStyle
       FROM brief_snapshots s JOIN briefs b ON b.id = s.brief_id WHERE s.id = ?`,
    ).get(id) as
      | (Pick<Brief, 'classification' | 'language' | 'citationStyle'> & { title: string; content: string })
      | undefined;
    if (!row) return null;
    const content = readStoredContent(row.content, `Snapshot ${id}`);
    return insertBrief(db, { ...row, title: copyTitle(row.title), content });
  });
}
