import { readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBrief } from '../../../main/briefs/briefs';
import { listSnapshots } from '../../../main/briefs/snapshots';
import { UserError } from '../../../main/errors';
import { exportBrief } from '../../../main/export/exportBrief';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PLAIN = { includeSourceList: false, includeGrades: false };

async function failure(run: Promise<unknown>): Promise<UserError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('the export succeeded');
}

describe('the one export use case', () => {
  it('hands the page the bytes and a file name for a download', async () => {
    const { db } = tempArchive();
    const brief = createBrief(db, { template: 'blank', title: 'Arctic: sovereignty / patrols' });
    const outcome = await exportBrief(db, { id: brief.id, ...PLAIN }, { kind: 'download' });
    expect(outcome).toMatchObject({ kind: 'download', fileName: 'Arctic sovereignty patrols.docx' });
    const bytes = Buffer.from((outcome as { base64: string }).base64, 'base64');
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('writes the chosen file privately, offering the brief-derived name, and snapshots what left', async () => {
    const { db } = tempArchive();
    const brief = createBrief(db, { template: 'blank', title: 'Five Eyes' });
    const dir = tempDir();
    const offered: string[] = [];
    const outcome = await exportBrief(
      db,
      { id: brief.id, ...PLAIN },
      {
        kind: 'file',
        choosePath: (name) => {
          offered.push(name);
          return join(dir, name);
        },
      },
    );
    expect(offered).toEqual(['Five Eyes.docx']);
    expect(outcome).toEqual({ kind: 'saved', path: join(dir, 'Five Eyes.docx') });
    expect(readFileSync(join(dir, 'Five Eyes.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(statSync(join(dir, 'Five Eyes.docx')).mode & 0o777).toBe(0o600);
    expect(listSnapshots(db, brief.id).map((s) => s.reason)).toEqual(['export']);
  });

  it('does nothing when the analyst cancels', async () => {
    const { db } = tempArchive();
    const brief = createBrief(db, { template: 'blank', title: 'Cancelled' });
    const outcome = await exportBrief(db, { id: brief.id, ...PLAIN }, { kind: 'file', choosePath: () => null });
    expect(outcome).toEqual({ kind: 'cancelled' });
    expect(listSnapshots(db, brief.id)).toEqual([]);
  });

  it('refuses a missing brief, a non-.docx name and a symlinked target before rendering anything', async () => {
    const { db } = tempArchive();
    const brief = createBrief(db, { template: 'blank', title: 'Refused' });
    const dir = tempDir();
    const missing = await failure(exportBrief(db, { id: 999, ...PLAIN }, { kind: 'download' }));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toMatch(/^Brief 999 does not exist/);

    const wrongName = await failure(
      exportBrief(db, { id: brief.id, ...PLAIN }, { kind: 'file', choosePath: () => join(dir, 'note.txt') }),
    );
    expect(wrongName.code).toBe('invalid-input');

    writeFileSync(join(dir, 'real.docx'), 'kept');
    symlinkSync(join(dir, 'real.docx'), join(dir, 'link.docx'));
    const linked = await failure(
      exportBrief(db, { id: brief.id, ...PLAIN }, { kind: 'file', choosePath: () => join(dir, 'link.docx') }),
    );
    expect(linked.message).toMatch(/symbolic link; nothing was written/);
    expect(readFileSync(join(dir, 'real.docx'), 'utf8')).toBe('kept');
    expect(readdirSync(dir).sort()).toEqual(['link.docx', 'real.docx']);
    expect(listSnapshots(db, brief.id)).toEqual([]);
  });
});
