import type { Brief } from '../../shared/briefSchemas';
import type { Db } from '../archive/database';
import { getBrief } from '../briefs/briefs';
import { takeSnapshot } from '../briefs/snapshots';
import { renderBriefDocx } from './docxExport';

/**
 * Every export path (the contract's exportBrief, Electron's save dialog, the CLI) goes through
 * here: the brief's history gets an 'export' snapshot of exactly what is about to leave, then the
 * document is rendered from that same saved state. Null when no brief has that id.
 */
export async function exportBriefDocx(db: Db, id: number): Promise<{ brief: Brief; bytes: Buffer } | null> {
  const brief = getBrief(db, id);
  if (!brief) return null;
  takeSnapshot(db, id, 'export');
  return { brief, bytes: await renderBriefDocx(brief) };
}
