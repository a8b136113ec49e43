import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../main/errors';
import { saveDocxFile } from '../../../main/export/saveDocx';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

describe('writing an exported document', () => {
  it('replaces an existing document whole, leaving no temporary file behind', () => {
    const dir = tempDir();
    const target = join(dir, 'note.docx');
    writeFileSync(target, 'old version');
    saveDocxFile(target, new TextEncoder().encode('new version'));
    expect(readFileSync(target, 'utf8')).toBe('new version');
    expect(readdirSync(dir)).toEqual(['note.docx']);
  });

  it('refuses a read-only document with a clear message and leaves it untouched', () => {
    const target = join(tempDir(), 'signed-off.docx');
    writeFileSync(target, 'the version the DM signed');
    chmodSync(target, 0o444);
    let error: unknown;
    try {
      saveDocxFile(target, new TextEncoder().encode('overwritten'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/is read-only; nothing was written/);
    expect(readFileSync(target, 'utf8')).toBe('the version the DM signed');
  });

  it('reports a folder it cannot write to without leaving a partial file', () => {
    const dir = tempDir();
    expect(() => saveDocxFile(join(dir, 'missing', 'note.docx'), new Uint8Array([1, 2, 3]))).toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});
