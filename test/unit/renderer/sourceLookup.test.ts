import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/dispatch';
import { sourceHandlers } from '../../../main/handlers/sourceHandlers';
import { importBuffer } from '../../../main/importers/importBuffer';
import { createSourceLookup, sourceBodies } from '../../../renderer/editor/sourceLookup';
import type { Handlers, Result } from '../../../shared/contract';
import type { SourceDetail } from '../../../shared/source';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

/**
 * getSource as the renderer calls it, over the real dispatch and archive; while `down`, it answers
 * as the renderer's HTTP client does when Précis is not running.
 */
function archiveConnection() {
  const { db } = tempArchive();
  const handlers = sourceHandlers(db) as unknown as Handlers;
  const connection = {
    down: false,
    calls: 0,
    db,
    getSource: async (input: { id: number }): Promise<Result<SourceDetail>> => {
      connection.calls++;
      if (connection.down) {
        return { ok: false, error: { code: 'unavailable', message: 'Précis is not running: restart it.' } };
      }
      return (await dispatch(handlers, 'getSource', input)) as Result<SourceDetail>;
    },
  };
  return connection;
}

async function addSource(db: ReturnType<typeof tempArchive>['db'], body: string): Promise<number> {
  const outcome = await importBuffer(db, 'source.txt', new TextEncoder().encode(body));
  if (outcome.kind !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
  return outcome.id;
}

describe('looking up the sources of a note’s quotations', () => {
  it('tells a deleted source from an archive it could not reach, and does not remember the failure', async () => {
    const archive = archiveConnection();
    const id = await addSource(archive.db, 'The northern radar network will be upgraded by 2030.');
    const lookUp = createSourceLookup(archive.getSource);

    archive.down = true;
    expect(await lookUp(id)).toEqual({ kind: 'unreachable', message: 'Précis is not running: restart it.' });
    archive.down = false;
    const found = await lookUp(id);
    expect(found.kind === 'found' && found.source.body).toContain('The northern radar network will be upgraded');
    expect(await lookUp(id + 1)).toEqual({ kind: 'deleted' });
  });

  it('fetches a source once, however many quotations ask for it at the same time', async () => {
    const archive = archiveConnection();
    const id = await addSource(archive.db, 'Ministers met in Oslo to sign the agreement.');
    const lookUp = createSourceLookup(archive.getSource);
    const all = await Promise.all([lookUp(id), lookUp(id), lookUp(id)]);
    expect(all.map((lookup) => lookup.kind)).toEqual(['found', 'found', 'found']);
    await lookUp(id);
    expect(archive.calls).toBe(1);
  });

  it('gives the note’s check the bodies, or why it cannot check at all', async () => {
    const archive = archiveConnection();
    const id = await addSource(archive.db, 'Ministers met in Oslo to sign the agreement.');
    const lookUp = createSourceLookup(archive.getSource);
    expect(await sourceBodies(lookUp, [id, id + 5])).toEqual({
      ok: true,
      value: new Map([
        [id, 'Ministers met in Oslo to sign the agreement.'],
        [id + 5, null],
      ]),
    });
    archive.down = true;
    const other = await addSource(archive.db, 'A second source.');
    expect(await sourceBodies(lookUp, [id, other])).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'Could not reach the archive to check quotations: Précis is not running: restart it.',
      },
    });
  });
});
