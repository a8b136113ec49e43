import { collectFootnoteSources } from '../../shared/briefDocument';
import type { Brief } from '../../shared/briefSchemas';
import type { ExportOptions } from '../../shared/contract';
import type { Db } from '../archive/database';
import { readSettings } from '../archive/settings';
import { getBrief } from '../briefs/briefs';
import { takeSnapshot } from '../briefs/snapshots';
import { citationFacts } from './citationFacts';
import { renderBriefDocx } from './docxExport';

/**
 * Every export path (the contract's exportBrief, Electron's save dialog, the CLI) goes through
 * here: the brief's history gets an 'export' snapshot of exactly what is about to leave, then the
 * document is rendered from that same saved state. Null when no brief has that id. `now` is for
 * tests; the document's dates are otherwise the moment of export.
 */
export async function exportBriefDocx(
  db: Db,
  id: number,
  options: ExportOptions,
  now?: Date,
): Promise<{ brief: Brief; bytes: Buffer } | null> {
  const brief = getBrief(db, id);
  if (!brief) return null;
  takeSnapshot(db, id, 'export');
  const facts = citationFacts(db, collectFootnoteSources(brief.content), options.includeGrades);
  const bytes = await renderBriefDocx(brief, {
    creator: readSettings(db).authorName || 'Précis',
    now,
    facts,
    sourceList: options.includeSourceList,
  });
  return { brief, bytes };
}
