import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/dispatch';
import { exportBriefDocx } from '../../../main/export/exportBrief';
import { briefHandlers } from '../../../main/handlers/briefHandlers';
import type { Handlers } from '../../../shared/contract';
import { xmlParts } from '../export/docxKit';
import { A4_LANDSCAPE, departmentTemplate } from '../export/wordTemplateKit';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

/** The Word template calls as the renderer makes them: through the contract and dispatch. */
function api() {
  const { db } = tempArchive();
  const handlers = briefHandlers(db) as Handlers;
  const call = async (method: keyof Handlers, payload: unknown) => dispatch(handlers, method, payload);
  const ok = async <T = Record<string, unknown>>(method: keyof Handlers, payload: unknown): Promise<T> => {
    const result = await call(method, payload);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
    return result.value as T;
  };
  return { db, call, ok };
}

/** `make`'s result once the clock has moved past the zip time step (2 s) it was called in. */
async function later<T>(make: () => T): Promise<T> {
  const step = Math.floor(Date.now() / 2000);
  await expect.poll(() => Math.floor(Date.now() / 2000), { interval: 50, timeout: 5000 }).toBeGreaterThan(step);
  return make();
}
const upload = (name: string, bytes: Uint8Array) => ({ name, base64: Buffer.from(bytes).toString('base64') });
const pageSizeOf = (bytes: Uint8Array) => /<w:pgSz [^>]*\/>/.exec(xmlParts(bytes)['word/document.xml']!)![0];

describe('a brief’s Word template', () => {
  it('is kept in the archive, used by the export, remembered for new briefs and copies, and cleared', async () => {
    const { db, call, ok } = api();
    const brief = await ok<{ id: number }>('createBrief', { template: 'briefing-note-en' });
    expect(await ok('getWordTemplate', { briefId: brief.id })).toEqual({ name: null });

    const set = await ok('setWordTemplate', {
      briefId: brief.id,
      template: upload('Department.dotx', departmentTemplate('dotx')),
    });
    expect(set).toEqual({ name: 'Department.dotx' });
    expect(await ok('getWordTemplate', { briefId: null })).toEqual({ name: 'Department.dotx' });
    // The export reads the stored bytes: no path is kept that the file could move away from.
    const exported = (await exportBriefDocx(db, brief.id, { includeSourceList: false, includeGrades: false }))!;
    expect(pageSizeOf(exported.bytes)).toContain(`w:w="${A4_LANDSCAPE.width}"`);

    const next = await ok<{ id: number }>('createBrief', { template: 'briefing-note-fr' });
    expect(await ok('getWordTemplate', { briefId: next.id })).toEqual({ name: 'Department.dotx' });
    const copy = await ok<{ id: number }>('duplicateBrief', { id: brief.id });
    expect(await ok('getWordTemplate', { briefId: copy.id })).toEqual({ name: 'Department.dotx' });
    // Chosen again, the same file is stored once (a fixture built a second later is the same bytes).
    expect(departmentTemplate('dotx')).toEqual(await later(() => departmentTemplate('dotx')));
    await ok('setWordTemplate', { briefId: next.id, template: upload('Department.dotx', departmentTemplate('dotx')) });
    expect(db.prepare('SELECT count(*) AS n FROM word_templates').get()).toEqual({ n: 1 });

    // A file that is not a template is refused as a value the UI shows; nothing changes.
    const refused = await call('setWordTemplate', {
      briefId: brief.id,
      template: upload('notes.docx', Buffer.from('hi')),
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: /notes\.docx cannot be used/ },
    });
    expect(await ok('getWordTemplate', { briefId: brief.id })).toEqual({ name: 'Department.dotx' });

    // "Use the built-in style": the brief and the default go back to it.
    expect(await ok('setWordTemplate', { briefId: brief.id, template: null })).toEqual({ name: null });
    expect(await ok('getWordTemplate', { briefId: null })).toEqual({ name: null });
    const plain = (await exportBriefDocx(db, brief.id, { includeSourceList: false, includeGrades: false }))!;
    expect(pageSizeOf(plain.bytes)).toContain('w:w="12240"');
    expect(await ok('getWordTemplate', { briefId: copy.id })).toEqual({ name: 'Department.dotx' });
  });

  it('sets the default alone when no brief is named, and refuses an unknown brief', async () => {
    const { call, ok } = api();
    const brief = await ok<{ id: number }>('createBrief', { template: 'blank' });
    await ok('setWordTemplate', { briefId: null, template: upload('Dept.docx', departmentTemplate()) });
    expect(await ok('getWordTemplate', { briefId: brief.id })).toEqual({ name: null });
    expect(await ok('getWordTemplate', { briefId: null })).toEqual({ name: 'Dept.docx' });
    expect(await call('getWordTemplate', { briefId: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call('setWordTemplate', { briefId: 999, template: null })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
