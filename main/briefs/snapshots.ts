import { countBriefWords } from '../../shared/briefDocument';
import type { Snapshot, SnapshotReason, SnapshotSummary } from '../../shared/briefSchemas';
import { type Db, prepareCached } from '../archive/database';
import { committed } from '../archive/writeErrors';
import { readStoredContent } from './briefs';

/**
 * A brief's history. Retention: every 'manual', 'export', 'before-restore' and 'conflict' snapshot
 * is kept for good (the analyst asked for it, or it is what left the building, what a restore
 * replaced, or a window's text that lost to another window's); 'auto' ones, taken on a timer while editing, are thinned to the latest
 * AUTO_SNAPSHOTS_KEPT per brief.
 */
export const AUTO_SNAPSHOTS_KEPT = 100;

interface SnapshotSummaryRow {
  id: number;
  brief_id: number;
  taken_at: string;
  reason: SnapshotReason;
  word_count: number;
}
interface SnapshotRow extends SnapshotSummaryRow {
  title: string;
  content: string;
}

const SUMMARY_COLUMNS = 'id, brief_id, taken_at, reason, word_count';

function rowToSummary(row: SnapshotSummaryRow): SnapshotSummary {
  return { id: row.id, briefId: row.brief_id, takenAt: row.taken_at, reason: row.reason, wordCount: row.word_count };
}

/**
 * Snapshots the brief as last saved. When nothing changed since the brief's latest snapshot,
 * that snapshot is returned instead of a copy; if it was an 'auto' one and this one is taken for
 * a reason that is kept for good, it takes that reason, so thinning can never remove the state
 * an export or a restore relied on. Null when no brief has that id.
 */
export function takeSnapshot(db: Db, briefId: number, reason: SnapshotReason): SnapshotSummary | null {
  return committed(db, (): SnapshotSummary | null => {
    if (!prepareCached(db, 'SELECT 1 FROM briefs WHERE id = ?').get(briefId)) return null;
    // Compared by SQLite: a long brief's text is not copied out twice only to find it unchanged.
    const latest = prepareCached(
      db,
      `SELECT ${SUMMARY_COLUMNS.replace(/(\w+)/g, 's.$1')},
         s.title = b.title AND s.content = b.content AS unchanged
       FROM brief_snapshots s JOIN briefs b ON b.id = s.brief_id WHERE s.brief_id = ?
       ORDER BY s.taken_at DESC, s.id DESC LIMIT 1`,
    ).get(briefId) as (SnapshotSummaryRow & { unchanged: number }) | undefined;
    if (latest?.unchanged) {
      if (latest.reason !== 'auto' || reason === 'auto') return rowToSummary(latest);
      const promoted = prepareCached(
        db,
        `UPDATE brief_snapshots SET reason = ? WHERE id = ? RETURNING ${SUMMARY_COLUMNS}`,
      ).get(reason, latest.id) as SnapshotSummaryRow;
      return rowToSummary(promoted);
    }
    const brief = prepareCached(db, 'SELECT title, content FROM briefs WHERE id = ?').get(briefId) as {
      title: string;
      content: string;
    };
    const summary = insertSnapshot(db, briefId, reason, brief.title, brief.content);
    if (reason === 'auto') thinAutoSnapshots(db, briefId);
    return summary;
  });
}

/**
 * Stores `title` and `content` (stored JSON text, copied as is) as a snapshot of brief `briefId`,
 * inside the caller's transaction: also for a text the brief never held, such as a window's
 * refused save ('conflict').
 */
export function insertSnapshot(
  db: Db,
  briefId: number,
  reason: SnapshotReason,
  title: string,
  content: string,
): SnapshotSummary {
  const wordCount = countBriefWords(readStoredContent(content, `Brief ${briefId}`));
  const row = prepareCached(
    db,
    `INSERT INTO brief_snapshots (brief_id, taken_at, reason, title, content, word_count)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING ${SUMMARY_COLUMNS}`,
  ).get(briefId, new Date().toISOString(), reason, title, content, wordCount) as SnapshotSummaryRow;
  return rowToSummary(row);
}

function thinAutoSnapshots(db: Db, briefId: number): void {
  prepareCached(
    db,
    `DELETE FROM brief_snapshots
     WHERE brief_id = ? AND reason = 'auto' AND id NOT IN (
       SELECT id FROM brief_snapshots WHERE brief_id = ? AND reason = 'auto'
       ORDER BY taken_at DESC, id DESC LIMIT ?)`,
  ).run(briefId, briefId, AUTO_SNAPSHOTS_KEPT);
}

/** A brief's snapshots, newest first (empty when the brief has none or does not exist). */
export function listSnapshots(db: Db, briefId: number): SnapshotSummary[] {
  const rows = prepareCached(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM brief_snapshots WHERE brief_id = ? ORDER BY taken_at DESC, id DESC`,
  ).all(briefId) as SnapshotSummaryRow[];
  return rows.map(rowToSummary);
}

export function getSnapshot(db: Db, id: number): Snapshot | null {
  const row = prepareCached(db, `SELECT ${SUMMARY_COLUMNS}, title, content FROM brief_snapshots WHERE id = ?`).get(
    id,
  ) as SnapshotRow | undefined;
  if (!row) return null;
  return { ...rowToSummary(row), title: row.title, content: readStoredContent(row.content, `Snapshot ${row.id}`) };
}
