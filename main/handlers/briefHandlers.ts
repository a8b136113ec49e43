import type { Db } from '../archive/database';
import { resolveBriefConflict } from '../briefs/briefConflicts';
import {
  briefExists,
  createBrief,
  deleteBrief,
  duplicateBrief,
  getBrief,
  listBriefs,
  listTrash,
  openFirstBrief,
  renameBrief,
  restoreBrief,
  saveBrief,
  saveBriefBlocks,
} from '../briefs/briefs';
import { openSnapshotAsBrief, whenDamaged } from '../briefs/damagedBriefs';
import { getSnapshot, listSnapshots, takeSnapshot } from '../briefs/snapshots';
import type { UserError } from '../errors';
import { briefGoneWhileOpen, briefNotFound, snapshotNotFound } from '../notFoundErrors';
import type { BriefHandlers } from './briefMethods';

/** Returns `value`, or throws the not-found error when the lookup found nothing. */
function found<T>(value: T | null, error: () => UserError): T {
  if (value === null) throw error();
  return value;
}

/** Briefs, their trash, their history and their export. */
export function briefHandlers(db: Db): BriefHandlers {
  return {
    listBriefs: () => listBriefs(db),
    listTrash: () => listTrash(db),
    createBrief: (input) => createBrief(db, input),
    openFirstBrief: () => whenDamaged(db, () => openFirstBrief(db)),
    // Trashed briefs open too, so the trash can show what it holds before a restore.
    getBrief: ({ id }) =>
      found(
        whenDamaged(db, () => getBrief(db, id)),
        () => briefNotFound(id),
      ),
    saveBrief: (input) => found(saveBrief(db, input), () => briefGoneWhileOpen(input.id)),
    saveBriefBlocks: (input) => found(saveBriefBlocks(db, input), () => briefGoneWhileOpen(input.id)),
    renameBrief: ({ id, title, baseRevision }) =>
      found(renameBrief(db, id, title, baseRevision), () => briefNotFound(id)),
    resolveBriefConflict: ({ id, choice, ...mine }) =>
      found(resolveBriefConflict(db, id, choice, mine), () => briefNotFound(id)),
    duplicateBrief: ({ id }) =>
      found(
        whenDamaged(db, () => duplicateBrief(db, id)),
        () => briefNotFound(id),
      ),
    deleteBrief: ({ id }) => found(deleteBrief(db, id), () => briefNotFound(id)),
    restoreBrief: ({ id }) => found(restoreBrief(db, id), () => briefNotFound(id)),
    listSnapshots: ({ briefId }) => {
      if (!briefExists(db, briefId)) throw briefNotFound(briefId);
      return listSnapshots(db, briefId);
    },
    getSnapshot: ({ id }) => found(getSnapshot(db, id), () => snapshotNotFound(id)),
    openSnapshotAsBrief: ({ id }) => found(openSnapshotAsBrief(db, id), () => snapshotNotFound(id)),
    takeSnapshot: ({ briefId, reason }) => found(takeSnapshot(db, briefId, reason), () => briefNotFound(briefId)),
    // Citation styles, Word templates and export load on first use (citeproc, docx, zip: docs/startup.md).
    setCitationStyle: async ({ briefId, style }) => {
      const { setCitationStyle } = await import('../briefs/citationStyle');
      if (!setCitationStyle(db, briefId, style)) throw briefNotFound(briefId);
      return { citationStyle: style };
    },
    getWordTemplate: async ({ briefId }) => {
      const { wordTemplateOf } = await import('../briefs/wordTemplates');
      if (briefId !== null && !briefExists(db, briefId)) throw briefNotFound(briefId);
      return { name: wordTemplateOf(db, briefId)?.name ?? null };
    },
    setWordTemplate: async ({ briefId, template }) => {
      const { setBriefWordTemplate, setDefaultWordTemplate, wordTemplateOf } = await import('../briefs/wordTemplates');
      const upload = template ? { name: template.name, bytes: Buffer.from(template.base64, 'base64') } : null;
      if (briefId === null) setDefaultWordTemplate(db, upload);
      else if (!setBriefWordTemplate(db, briefId, upload)) throw briefNotFound(briefId);
      return { name: wordTemplateOf(db, briefId)?.name ?? null };
    },
    // The page gets the bytes; doors that write a file (Electron, the CLI) replace this handler.
    exportBrief: async (input) => (await import('../export/exportBrief')).exportBrief(db, input, { kind: 'download' }),
  };
}
