import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/dispatch';
import { checkExportTarget, saveDocxFile } from '../../../main/export/saveDocx';
import { briefHandlers } from '../../../main/handlers/briefHandlers';
import { sourceHandlers } from '../../../main/handlers/sourceHandlers';
import type { AppError, Handlers } from '../../../shared/contract';
import { catalogText } from '../support/catalogText';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

/**
 * Errors the interface shows come with a catalog message (docs/i18n.md), so that a French
 * interface says the whole sentence in French instead of a French summary around English.
 */
type Refusal = { message: string; text?: AppError['text']; details?: { text?: AppError['text'] } };

function expectWorded(error: Refusal) {
  const text = error.text ?? error.details?.text;
  expect(text, error.message).toBeDefined();
  expect(catalogText('en', text!)).toBe(error.message);
  const inFrench = catalogText('fr', text!);
  expect(inFrench).not.toBe(error.message);
  expect(inFrench).not.toMatch(/\{|\}/);
  return inFrench;
}

async function failure(handlers: Handlers, method: string, input: unknown): Promise<AppError> {
  const result = await dispatch(handlers, method, input);
  expect(result.ok, method).toBe(false);
  return (result as { error: AppError }).error;
}

describe('not-found errors', () => {
  it('name the brief, snapshot or source in the interface language', async () => {
    const { db } = tempArchive();
    const handlers = { ...briefHandlers(db), ...sourceHandlers(db) } as Handlers;
    const brief = await failure(handlers, 'getBrief', { id: 4321 });
    expect(expectWorded(brief)).toBe(
      'La note nº 4321 n’existe pas; elle a peut-être été supprimée dans une autre fenêtre.',
    );
    expectWorded(await failure(handlers, 'getSnapshot', { id: 77 }));
    expectWorded(await failure(handlers, 'openSnapshotAsBrief', { id: 77 }));
    expect(expectWorded(await failure(handlers, 'getSource', { id: 9 }))).toBe(
      'La source nº 9 n’est pas dans l’archive.',
    );
    const save = await failure(handlers, 'saveBrief', {
      id: 4321,
      title: 'Gone',
      content: { root: { children: [], type: 'root', version: 1 } },
      baseRevision: 1,
    });
    expect(save.code).toBe('not-found');
    expectWorded(save);
  });
});

describe('export target errors', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('say what is wrong with the file or folder in the interface language', () => {
    const dir = mkdtempSync(join(tmpdir(), 'precis-wording-'));
    dirs.push(dir);
    const thrown = (action: () => unknown) => {
      try {
        action();
      } catch (error) {
        return error as Refusal;
      }
      throw new Error('nothing thrown');
    };
    expect(expectWorded(thrown(() => checkExportTarget(join(dir, 'brief.txt'))))).toContain('.docx');
    writeFileSync(join(dir, 'real.docx'), 'x');
    symlinkSync(join(dir, 'real.docx'), join(dir, 'link.docx'));
    expectWorded(thrown(() => checkExportTarget(join(dir, 'link.docx'))));
    writeFileSync(join(dir, 'kept.docx'), 'x', { mode: 0o444 });
    expectWorded(thrown(() => checkExportTarget(join(dir, 'kept.docx'))));
    expectWorded(thrown(() => saveDocxFile(join(dir, 'no-such-folder', 'brief.docx'), Buffer.from('x'))));
  });
});
