import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/dispatch';
import { briefHandlers } from '../../../main/handlers/briefHandlers';
import { integrityHandlers } from '../../../main/handlers/integrityHandlers';
import type { AppError, Handlers } from '../../../shared/contract';
import { EXCERPT_NODE_TYPE, EXCERPT_NODE_VERSION } from '../../../shared/excerpt';
import { catalogText } from '../support/catalogText';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

const paragraph = (text: string) => ({
  type: 'paragraph',
  version: 1,
  children: [{ type: 'text', text, format: 0, version: 1 }],
});
const rootOf = (children: unknown[]) => ({ root: { type: 'root', version: 1, direction: 'ltr', children } });

/** A brief saved once with a snapshot of it, then its stored text replaced behind the app's back (with JSON: the table refuses anything else). */
async function damagedBrief(damage: string, withSnapshot = true) {
  const { db } = tempArchive();
  const handlers = { ...briefHandlers(db), ...integrityHandlers(db) } as Handlers;
  const call = async (method: string, input: unknown) => dispatch(handlers, method, input);
  const created = await call('createBrief', { template: 'blank', title: 'Water security' });
  if (!created.ok) throw new Error(created.error.message);
  const { id } = created.value as { id: number };
  await call('saveBrief', { id, baseRevision: 1, content: rootOf([paragraph('Good text.')]) });
  const snapshot = withSnapshot ? await call('takeSnapshot', { briefId: id, reason: 'manual' }) : null;
  db.prepare('UPDATE briefs SET content = ? WHERE id = ?').run(damage, id);
  const refusal = async (method: string, input: unknown) => {
    const result = await call(method, input);
    if (result.ok) throw new Error(`${method} opened a damaged brief`);
    return result.error as AppError;
  };
  return { db, call, id, refusal, snapshotId: snapshot?.ok ? (snapshot.value as { id: number }).id : null };
}

describe('a brief whose stored text is damaged', () => {
  it('is refused by name, in both languages, with its latest good version offered', async () => {
    const { call, id, refusal, snapshotId, db } = await damagedBrief('{"root": "damaged"}');
    const error = await refusal('getBrief', { id });
    expect(error).toMatchObject({ code: 'damaged', snapshotId });
    expect(error.message).toBe(
      `The brief “Water security” (no. ${id}) cannot be opened: its stored text is damaged. Nothing was changed. ` +
        'Its history holds a version that can be read: choose “Open the latest good version” to open it as a new brief.',
    );
    expect(catalogText('en', error.text!)).toBe(error.message);
    expect(catalogText('fr', error.text!)).toContain('Impossible d’ouvrir la note «\u202fWater security\u202f»');
    // The first brief a window opens is the same refusal, not an internal error.
    expect(await refusal('openFirstBrief', {})).toMatchObject({ code: 'damaged', snapshotId });

    // Opening the latest good version makes a new brief of it; the damaged one is left as it is.
    const opened = await call('openSnapshotAsBrief', { id: snapshotId });
    expect(opened).toMatchObject({
      ok: true,
      value: { title: 'Water security (copy)', content: rootOf([paragraph('Good text.')]) },
    });
    expect(db.prepare('SELECT content FROM briefs WHERE id = ?').pluck().get(id)).toBe('{"root": "damaged"}');
  });

  it('is refused the same way by export and by the brief check, not as an internal error', async () => {
    const { id, refusal, snapshotId } = await damagedBrief('{"root": "damaged"}');
    expect(await refusal('exportBrief', { id })).toMatchObject({ code: 'damaged', snapshotId });
    expect(await refusal('checkBrief', { id })).toMatchObject({ code: 'damaged', snapshotId });
  });

  it('says so when its history holds nothing readable, and offers no version', async () => {
    const { id, refusal } = await damagedBrief('[1, 2]', false);
    const error = await refusal('getBrief', { id });
    expect(error.code).toBe('damaged');
    expect(error.snapshotId).toBeUndefined();
    expect(error.message).toContain('its history holds no version that can be read');
    expect(catalogText('fr', error.text!)).toContain('aucune version lisible');
  });

  it('counts a quotation from a newer build (unknown node version) as damage', async () => {
    const newer = { type: EXCERPT_NODE_TYPE, version: EXCERPT_NODE_VERSION + 1, text: 'x' };
    const { id, refusal } = await damagedBrief(
      JSON.stringify(rootOf([{ ...paragraph('Before '), children: [newer] }])),
    );
    expect(await refusal('getBrief', { id })).toMatchObject({ code: 'damaged' });
  });
});
