import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/dispatch';
import { briefHandlers } from '../../../main/handlers/briefHandlers';
import { type AppError, type Handlers, Snapshot } from '../../../shared/contract';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

type Value = Record<string, unknown> & { id: number };

/** The brief calls as the renderer makes them: through the contract's validation and dispatch. */
function api() {
  const { db } = tempArchive();
  const handlers = briefHandlers(db) as Handlers;
  const call = (method: keyof ReturnType<typeof briefHandlers>, payload: unknown) =>
    dispatch(handlers, method, payload);
  return {
    /** The call's value; fails the test if the call failed. */
    ok: async (method: keyof ReturnType<typeof briefHandlers>, payload: unknown): Promise<Value> => {
      const result = await call(method, payload);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
      return result.value as Value;
    },
    /** The call's error; fails the test if the call succeeded. */
    fails: async (method: keyof ReturnType<typeof briefHandlers>, payload: unknown): Promise<AppError> => {
      const result = await call(method, payload);
      if (result.ok) throw new Error(`${method} succeeded`);
      return result.error;
    },
  };
}

describe('brief handlers', () => {
  it('implement the life of a brief end to end', async () => {
    const { ok } = api();
    const brief = await ok('createBrief', { template: 'briefing-note-fr' });
    expect(brief).toMatchObject({ title: 'Note de breffage', language: 'fr', classification: 'UNCLASSIFIED' });
    const saved = await ok('saveBrief', {
      id: brief.id,
      baseRevision: brief.revision,
      classification: 'PROTECTED B',
      content: brief.content,
    });
    expect(saved).toMatchObject({ title: 'Note de breffage', classification: 'PROTECTED B' });
    expect(await ok('renameBrief', { id: brief.id, title: 'Arctique', baseRevision: saved.revision })).toMatchObject({
      title: 'Arctique',
    });
    const copy = await ok('duplicateBrief', { id: brief.id });
    expect(copy).toMatchObject({ title: 'Arctique (copy)', classification: 'PROTECTED B' });
    await ok('deleteBrief', { id: brief.id });
    expect(await ok('listTrash', {})).toMatchObject([{ id: brief.id }]);
    expect(await ok('listBriefs', {})).toMatchObject([{ id: copy.id }]);
    expect(await ok('getBrief', { id: brief.id })).toMatchObject({ id: brief.id, deletedAt: expect.any(String) });
    expect(await ok('restoreBrief', { id: brief.id })).toMatchObject({ deletedAt: null });
    // The contract's default template is the blank note.
    expect(await ok('createBrief', {})).toMatchObject({ title: 'Untitled brief' });
  });

  it('open the first brief: made once on an archive with none, whoever asks at the same time', async () => {
    const { ok } = api();
    const [first, second] = await Promise.all([ok('openFirstBrief', {}), ok('openFirstBrief', {})]);
    expect(first).toMatchObject({ title: 'Untitled brief', deletedAt: null });
    expect(second.id).toBe(first.id);
    expect(await ok('listBriefs', {})).toHaveLength(1);
    // Later it is the most recently edited brief, never a new one.
    const other = await ok('createBrief', { title: 'Arctic' });
    expect(await ok('openFirstBrief', {})).toMatchObject({ id: other.id, title: 'Arctic' });
    await ok('deleteBrief', { id: other.id });
    expect(await ok('openFirstBrief', {})).toMatchObject({ id: first.id });
    expect(await ok('listBriefs', {})).toHaveLength(1);
  });

  it('take an export snapshot of exactly what is exported', async () => {
    const { ok } = api();
    const brief = await ok('createBrief', { template: 'briefing-note-en' });
    const outcome = await ok('exportBrief', { id: brief.id });
    expect(outcome).toMatchObject({ kind: 'download', fileName: 'Briefing note.docx' });
    const snapshots = (await ok('listSnapshots', { briefId: brief.id })) as unknown as { id: number }[];
    expect(snapshots).toMatchObject([{ reason: 'export' }]);
    const snapshot = Snapshot.parse(await ok('getSnapshot', { id: snapshots[0]!.id }));
    expect(snapshot.content).toEqual(brief.content);
    // Exporting again with no change adds nothing to the history.
    await ok('exportBrief', { id: brief.id });
    expect(await ok('takeSnapshot', { briefId: brief.id, reason: 'manual' })).toEqual(snapshots[0]);
  });

  it('say clearly what was not found', async () => {
    const { fails } = api();
    const missing = {
      code: 'not-found',
      message: 'Brief 99 does not exist; it may have been removed in another window.',
      text: { id: 'errors.notFound.brief', values: { id: '99' } },
    };
    for (const method of [
      'getBrief',
      'renameBrief',
      'duplicateBrief',
      'deleteBrief',
      'restoreBrief',
      'exportBrief',
    ] as const) {
      expect(await fails(method, { id: 99, title: 'x', baseRevision: 1 })).toEqual(missing);
    }
    expect(await fails('listSnapshots', { briefId: 99 })).toEqual(missing);
    expect(await fails('takeSnapshot', { briefId: 99, reason: 'auto' })).toEqual(missing);
    expect(await fails('getSnapshot', { id: 99 })).toEqual({
      code: 'not-found',
      message: 'Snapshot 99 does not exist.',
      text: { id: 'errors.notFound.snapshot', values: { id: '99' } },
    });
    const content = { root: { type: 'root', children: [] } };
    expect(await fails('saveBrief', { id: 99, baseRevision: 1, content })).toEqual({
      code: 'not-found',
      message: 'Brief 99 no longer exists; copy your text before reloading.',
      text: { id: 'errors.notFound.briefGone', values: { id: '99' } },
    });
    expect(await fails('takeSnapshot', { briefId: 1, reason: 'whenever' })).toMatchObject({ code: 'invalid-input' });
  });
});
