import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { countSources } from '../../../main/archive/sources';
import { type Core, openCore } from '../../../main/core';
import { importPaths } from '../../../main/importers/importPaths';
import { cleanUpTemp, SEEDS_DIR, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

// countSources (appInfo's, and the local engine's count) reads FTS5's own record of its rows, one
// read where count(*) walks an index: it must still be the number of rows in sources.
const rowsInSources = (db: Db) => (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
describe('countSources and appInfo.sourceCount', () => {
  it('is the number of sources, seeded and then imported, duplicates not counted twice', async () => {
    const dataDir = tempDir();
    const core = await openCore({
      dataDir,
      seedsDir: SEEDS_DIR,
      mode: 'browser',
      version: 'test',
      allowRepair: true,
      maintenanceDelayMs: 0,
    });
    cores.push(core);
    const seeded = rowsInSources(core.db);
    expect(seeded).toBeGreaterThan(0);
    expect(countSources(core.db)).toBe(seeded);
    expect(core.handlers.appInfo({})).toMatchObject({ sourceCount: seeded });

    const dir = tempDir();
    for (let i = 0; i < 5; i += 1)
      writeFileSync(join(dir, `note-${i}.txt`), `Note ${i}\n\nA line about tariffs number ${i}.`);
    writeFileSync(join(dir, 'again.txt'), 'Note 0\n\nA line about tariffs number 0.');
    await importPaths(core.db, [dir]);
    expect(rowsInSources(core.db)).toBe(seeded + 5);
    expect(countSources(core.db)).toBe(seeded + 5);
    expect(core.handlers.appInfo({})).toMatchObject({ sourceCount: seeded + 5 });
  });
});
