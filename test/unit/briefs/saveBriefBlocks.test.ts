import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/dispatch';
import { briefHandlers } from '../../../main/handlers/briefHandlers';
import type { SerializedNode } from '../../../shared/briefDocument';
import type { Handlers } from '../../../shared/contract';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

const paragraph = (text: string): SerializedNode => ({
  type: 'paragraph',
  version: 1,
  children: [{ type: 'text', text, format: 0, version: 1 }],
});
const rootOf = (children: unknown[]) => ({ root: { type: 'root', version: 1, direction: 'ltr', children } });

/** A brief holding three paragraphs, saved whole once, as the editor's first save does; calls go through the contract. */
async function briefWithThreeParagraphs() {
  const { db } = tempArchive();
  const handlers = briefHandlers(db) as Handlers;
  const call = (method: 'createBrief' | 'saveBrief' | 'saveBriefBlocks' | 'getBrief', input: unknown) =>
    dispatch(handlers, method, input);
  const created = await call('createBrief', { template: 'blank' });
  if (!created.ok) throw new Error(created.error.message);
  const { id } = created.value as { id: number };
  const saved = await call('saveBrief', {
    id,
    baseRevision: 1,
    content: rootOf([paragraph('one'), paragraph('two'), paragraph('three')]),
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const content = async () => {
    const brief = await call('getBrief', { id });
    return brief.ok ? (brief.value as { content: unknown }).content : brief.error;
  };
  return { call, id, revision: (saved.value as { revision: number }).revision, content };
}

describe('saveBriefBlocks (a save of the changed blocks only)', () => {
  it('rebuilds the content from the stored blocks it names by index and the new ones it sends', async () => {
    const { call, id, revision, content } = await briefWithThreeParagraphs();
    const saved = await call('saveBriefBlocks', {
      id,
      baseRevision: revision,
      title: 'Moved',
      blocks: rootOf([2, paragraph('new'), 0]),
    });
    expect(saved).toMatchObject({ ok: true, value: { revision: revision + 1, title: 'Moved' } });
    expect(await content()).toEqual(rootOf([paragraph('three'), paragraph('new'), paragraph('one')]));
  });

  it('is refused as a conflict when the brief changed since its base revision (the indices would mean nothing)', async () => {
    const { call, id, revision, content } = await briefWithThreeParagraphs();
    await call('saveBrief', { id, baseRevision: revision, content: rootOf([paragraph('other window')]) });
    const stale = await call('saveBriefBlocks', { id, baseRevision: revision, blocks: rootOf([0, 1, 2]) });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', revision: revision + 1 } });
    expect(await content()).toEqual(rootOf([paragraph('other window')]));
  });

  it('is refused as the usual conflict when it names a block the stored brief does not have', async () => {
    const { call, id, revision, content } = await briefWithThreeParagraphs();
    const before = await content();
    // The editor's idea of the stored copy is wrong: the client can reload or merge, as for any conflict.
    expect(await call('saveBriefBlocks', { id, baseRevision: revision, blocks: rootOf([0, 3]) })).toMatchObject({
      ok: false,
      error: { code: 'conflict', revision },
    });
    expect(await content()).toEqual(before);
  });

  it('stores nothing when it names a block the stored brief does not have, or sends a block that is not one', async () => {
    const { call, id, revision, content } = await briefWithThreeParagraphs();
    const before = await content();
    expect(await call('saveBriefBlocks', { id, baseRevision: revision, blocks: rootOf([0, 3]) })).toMatchObject({
      ok: false,
    });
    expect(
      await call('saveBriefBlocks', { id, baseRevision: revision, blocks: rootOf([0, { text: 'x' }]) }),
    ).toMatchObject({
      ok: false,
    });
    expect(await call('saveBriefBlocks', { id, baseRevision: revision, blocks: rootOf([-1]) })).toMatchObject({
      ok: false,
    });
    expect(await content()).toEqual(before);
  });
});
