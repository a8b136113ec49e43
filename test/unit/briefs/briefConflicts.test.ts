import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/dispatch';
import { briefHandlers } from '../../../main/handlers/briefHandlers';
import type { Brief, BriefSummary, Handlers, Snapshot, SnapshotSummary } from '../../../shared/contract';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

const paragraph = (text: string) => ({
  root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] },
});

/** Two windows on one archive, calling through the contract as the renderer does. */
function twoWindows() {
  const { db } = tempArchive();
  const handlers = briefHandlers(db) as Handlers;
  const call = (method: keyof Handlers, payload: unknown) => dispatch(handlers, method, payload);
  const ok = async <T>(method: keyof Handlers, payload: unknown): Promise<T> => {
    const result = await call(method, payload);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
    return result.value as T;
  };
  return { call, ok };
}

describe('two windows on one brief', () => {
  it('refuse the stale save as a conflict naming the current revision, keeping the other window’s text and marking', async () => {
    const { call, ok } = twoWindows();
    const brief = await ok<Brief>('createBrief', { template: 'blank', title: 'Arctic' });
    expect(brief.revision).toBe(1);
    // Window B raises the marking and writes; window A still holds revision 1.
    const b = await ok<BriefSummary>('saveBrief', {
      id: brief.id,
      baseRevision: 1,
      classification: 'PROTECTED B',
      content: paragraph('B’s paragraph'),
    });
    expect(b.revision).toBe(2);
    const stale = await call('saveBrief', {
      id: brief.id,
      baseRevision: 1,
      classification: 'UNCLASSIFIED',
      content: paragraph('A’s paragraph'),
    });
    expect(stale).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        revision: 2,
        message: `Brief ${brief.id} was changed in another window (it is now at revision 2); your changes were not saved over it.`,
      },
    });
    expect(await ok<Brief>('getBrief', { id: brief.id })).toMatchObject({
      classification: 'PROTECTED B',
      content: paragraph('B’s paragraph'),
      revision: 2,
    });
    // A rename based on the old revision is refused too.
    expect(await call('renameBrief', { id: brief.id, title: 'A’s title', baseRevision: 1 })).toMatchObject({
      ok: false,
      error: { code: 'conflict', revision: 2 },
    });
    // A's next save, based on what it was told, goes through.
    expect(
      await ok<BriefSummary>('saveBrief', { id: brief.id, baseRevision: 2, content: paragraph('A, after reading B') }),
    ).toMatchObject({ revision: 3, classification: 'PROTECTED B' });
  });

  it('accept a save that changes nothing whatever its base, without counting a revision', async () => {
    const { ok } = twoWindows();
    const brief = await ok<Brief>('createBrief', { template: 'blank' });
    const saved = await ok<BriefSummary>('saveBrief', { id: brief.id, baseRevision: 1, content: paragraph('same') });
    const again = await ok<BriefSummary>('saveBrief', { id: brief.id, baseRevision: 1, content: paragraph('same') });
    expect(again).toEqual(saved);
    expect(again.revision).toBe(2);
  });

  it('take the other version: mine is kept as a snapshot, and the higher marking stays', async () => {
    const { ok } = twoWindows();
    const brief = await ok<Brief>('createBrief', { template: 'blank', title: 'Arctic' });
    await ok('saveBrief', { id: brief.id, baseRevision: 1, content: paragraph('theirs') });
    const shown = await ok<Brief>('resolveBriefConflict', {
      id: brief.id,
      choice: 'take-theirs',
      title: 'Arctic, mine',
      classification: 'SECRET',
      content: paragraph('mine'),
    });
    expect(shown).toMatchObject({ id: brief.id, content: paragraph('theirs'), classification: 'SECRET', revision: 3 });
    const [kept] = await ok<SnapshotSummary[]>('listSnapshots', { briefId: brief.id });
    expect(kept).toMatchObject({ reason: 'conflict', wordCount: 1 });
    expect(await ok<Snapshot>('getSnapshot', { id: kept!.id })).toMatchObject({
      title: 'Arctic, mine',
      content: paragraph('mine'),
    });
  });

  it('keep mine as a copy: a new brief with my text, never marked lower than theirs', async () => {
    const { ok } = twoWindows();
    const brief = await ok<Brief>('createBrief', { template: 'briefing-note-fr', title: 'Arctique' });
    await ok('saveBrief', {
      id: brief.id,
      baseRevision: 1,
      classification: 'PROTECTED B',
      content: paragraph('theirs'),
    });
    const copy = await ok<Brief>('resolveBriefConflict', {
      id: brief.id,
      choice: 'keep-mine-as-copy',
      title: 'Arctique',
      classification: 'UNCLASSIFIED',
      content: paragraph('mine'),
    });
    expect(copy).toMatchObject({
      title: 'Arctique (copy)',
      classification: 'PROTECTED B',
      language: 'fr',
      content: paragraph('mine'),
      revision: 1,
    });
    expect(copy.id).not.toBe(brief.id);
    expect(await ok<Brief>('getBrief', { id: brief.id })).toMatchObject({
      content: paragraph('theirs'),
      classification: 'PROTECTED B',
      revision: 2,
    });
  });
});
