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
import { UserError } from '../errors';
import type { BriefHandlers } from './briefMethods';

const missingBrief = (id: number) =>
  new UserError('not-found', `Brief ${id} does not exist; it may have been removed in another window.`);

const goneWhileOpen = (id: number) =>
  new UserError('not-found', `Brief ${id} no longer exists; copy your text before reloading.`);

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
        () => missingBrief(id),
      ),
    saveBrief: (input) => found(saveBrief(db, input), () => goneWhileOpen(input.id)),
    saveBriefBlocks: (input) => found(saveBriefBlocks(db, input), () => goneWhileOpen(input.id)),
    renameBrief: ({ id, title, baseRevision }) =>
      found(renameBrief(db, id, title, baseRevision), () => missingBrief(id)),
    resolveBriefConflict: ({ id, choice, ...mine }) =>
      found(resolveBriefConflict(db, id, choice, mine), () => missingBrief(id)),
    duplicateBrief: ({ id }) =>
      found(
        whenDamaged(db, () => duplicateBrief(db, id)),
        () => missingBrief(id),
      ),
    deleteBrief: ({ id }) => found(deleteBrief(db, id), () => missingBrief(id)),
    restoreBrief: ({ id }) => found(restoreBrief(db, id), () => missingBrief(id)),
    listSnapshots: ({ briefId }) => {
      if (!briefExists(db, briefId)) throw missingBrief(briefId);
      return listSnapshots(db, briefId);
    },
    getSnapshot: ({ id }) =>
      found(getSnapshot(db, id), () => new UserError('not-found', `Snapshot ${id} does not exist.`)),
    openSnapshotAsBrief: ({ id }) =>
      found(openSnapshotAsBrief(db, id), () => new UserError('not-found', `Snapshot ${id} does not exist.`)),
    takeSnapshot: ({ briefId, reason }) => found(takeSnapshot(db, briefId, reason), () => missingBrief(briefId)),
    // Citation styles, Word templates and export load on first use (citeproc, docx, zip: docs/startup.md).
    setCitationStyle: async ({ briefId, style }) => {
      const { setCitationStyle } = await import('../briefs/citationStyle');
      if (!setCitationStyle(db, briefId, style)) throw missingBrief(briefId);
      return { citationStyle: style };
    },
    getWordTemplate: async ({ briefId }) => {
      const { wordTemplateOf } = await import('../briefs/wordTemplates');
      if (briefId !== null && !briefExists(db, briefId)) throw missingBrief(briefId);
      return { name: wordTemplateOf(db, briefId)?.name ?? null };
    },
    setWordTemplate: async ({ briefId, template }) => {
      const { setBriefWordTemplate, setDefaultWordTemplate, wordTemplateOf } = await import('../briefs/wordTemplates');
      const upload = template ? { name: template.name, bytes: Buffer.from(template.base64, 'base64') } : null;
      if (briefId === null) setDefaultWordTemplate(db, upload);
      else if (!setBriefWordTemplate(db, briefId, upload)) throw missingBrief(briefId);
      return { name: wordTemplateOf(db, briefId)?.name ?? null };
    },
    // The page gets the bytes; doors that write a file (Electron, the CLI) replace this handler.
    exportBrief: async (input) => (await import('../export/exportBrief')).exportBrief(db, input, { kind: 'download' }),
  };
}
