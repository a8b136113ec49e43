import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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
    expect(() => saveDocxFile(join(dir, 'missing', 'note.docx'), new Uint8Array([1, 2, 3]))).toThrow(
      `The folder ${join(dir, 'missing')} does not exist; nothing was written.`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
  it('never follows a symlink planted at the old predictable temporary name', () => {
    const dir = tempDir();
    const target = join(dir, 'note.docx');
    const victim = join(tempDir(), 'victim.txt');
    writeFileSync(victim, 'not yours');
    symlinkSync(victim, join(dir, `.note.docx.${process.pid}.tmp`));
    saveDocxFile(target, new TextEncoder().encode('the note'));
    expect(readFileSync(victim, 'utf8')).toBe('not yours');
    expect(readFileSync(target, 'utf8')).toBe('the note');
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
  });

  it('keeps the mode of the document it replaces', () => {
    const dir = tempDir();
    for (const mode of [0o600, 0o640]) {
      const target = join(dir, `kept-${mode.toString(8)}.docx`);
      writeFileSync(target, 'old');
      chmodSync(target, mode);
      saveDocxFile(target, new TextEncoder().encode('new'));
      expect(statSync(target).mode & 0o777).toBe(mode);
      expect(readFileSync(target, 'utf8')).toBe('new');
    }
  });

  it('creates a new document private to the user (0600), whatever the umask', () => {
    const target = join(tempDir(), 'classified.docx');
    const previous = process.umask(0o022);
    try {
      saveDocxFile(target, new TextEncoder().encode('PROTECTED B'));
    } finally {
      process.umask(previous);
    }
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('refuses a target that is itself a symbolic link, leaving the link and its file untouched', () => {
    const dir = tempDir();
    const real = join(dir, 'real.docx');
    writeFileSync(real, 'the linked file');
    const link = join(dir, 'link.docx');
    symlinkSync(real, link);
    expect(() => saveDocxFile(link, new TextEncoder().encode('new'))).toThrow(/symbolic link; nothing was written/);
    expect(readFileSync(real, 'utf8')).toBe('the linked file');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.docx', 'real.docx']);
  });
});
