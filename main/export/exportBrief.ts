import type { Brief } from '../../shared/briefSchemas';
import type { ExportOptions, ExportOutcome } from '../../shared/contract';
import type { Db } from '../archive/database';
import { readSettings } from '../archive/settings';
import { getBrief } from '../briefs/briefs';
import { whenDamaged } from '../briefs/damagedBriefs';
import { takeSnapshot } from '../briefs/snapshots';
import { briefWordReference } from '../briefs/wordTemplates';
import { assertMarkingCoversSources } from '../integrity/markingGate';
import { briefNotFound } from '../notFoundErrors';
import { citationFacts } from './citationFacts';
import { docxFileName, renderBriefDocx } from './docxExport';
import { checkExportTarget, saveDocxFile } from './saveDocx';

/**
 * Where an export goes. The browser downloads the bytes; Electron (save dialog) and the CLI (-o)
 * write a file whose path the door chooses, never the page. `choosePath` gets the suggested file
 * name and answers a path, or null when the analyst cancelled.
 */
export type ExportDestination =
  | { kind: 'download' }
  | { kind: 'file'; choosePath: (suggestedName: string) => Promise<string | null> | string | null };

/**
 * The one export use case, behind every door (the contract's exportBrief over HTTP and IPC, and
 * the CLI): finds the brief, lets the door choose the file, checks the target before any work,
 * renders, and writes through the safe writer (main/export/saveDocx.ts).
 */
export async function exportBrief(
  db: Db,
  request: ExportOptions & { id: number },
  destination: ExportDestination,
): Promise<ExportOutcome> {
  const { id, ...options } = request;
  const brief = whenDamaged(db, () => getBrief(db, id));
  if (!brief) throw briefNotFound(id);
  // Before the door chooses a file: a refused export writes nothing and asks nothing.
  assertMarkingCoversSources(db, brief);
  const fileName = docxFileName(brief.title);
  if (destination.kind === 'download') {
    const exported = await exportBriefDocx(db, id, options);
    if (!exported) throw briefNotFound(id);
    return { kind: 'download', fileName, base64: exported.bytes.toString('base64') };
  }
  const path = await destination.choosePath(fileName);
  if (path === null) return { kind: 'cancelled' };
  checkExportTarget(path);
  const exported = await exportBriefDocx(db, id, options);
  if (!exported) throw briefNotFound(id);
  saveDocxFile(path, exported.bytes);
  return { kind: 'saved', path };
}

/**
 * Renders a brief as it is saved now: the brief's history gets an 'export' snapshot of exactly
 * what is about to leave, then the document is rendered from that same saved state. Null when no
 * brief has that id. `now` is for tests; the document's dates are otherwise the moment of export.
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
  const facts = citationFacts(db, brief.content, options.includeGrades);
  const bytes = await renderBriefDocx(brief, {
    creator: readSettings(db).authorName || 'Précis',
    now,
    facts,
    sourceList: options.includeSourceList,
    // Read from the archive at each export, never from the path it was chosen at.
    reference: briefWordReference(db, id),
  });
  return { brief, bytes };
}
