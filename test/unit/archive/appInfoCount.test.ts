import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countSources } from '../../../main/archive/sources';
import { type Core, openCore } from '../../../main/core';
import { importPaths } from '../../../main/importers/importPaths';
import { cleanUpTemp, SEEDS_DIR, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

// appInfo reads the count from FTS5's own record of its rows (one read at start, where count(*)
// walks an index): it must still be the number of sources the archive holds.
describe('appInfo.sourceCount', () => {
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
    const seeded = countSources(core.db);
    expect(seeded).toBeGreaterThan(0);
    expect(core.handlers.appInfo({})).toMatchObject({ sourceCount: seeded });

    const dir = tempDir();
    for (let i = 0; i < 5; i += 1)
      writeFileSync(join(dir, `note-${i}.txt`), `Note ${i}\n\nA line about tariffs number ${i}.`);
    writeFileSync(join(dir, 'again.txt'), 'Note 0\n\nA line about tariffs number 0.');
    await importPaths(core.db, [dir]);
    expect(countSources(core.db)).toBe(seeded + 5);
    expect(core.handlers.appInfo({})).toMatchObject({ sourceCount: seeded + 5 });
  });
});
