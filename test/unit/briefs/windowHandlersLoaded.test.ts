import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../main/core';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a window's first handlers", () => {
  it('load before the first call when the host asks, and the first call is then answered by them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'precis-window-handlers-'));
    dirs.push(dataDir);
    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
    try {
      await core.loadWindowHandlers();
      // Asked twice (a second window, or Electron after serve): the same module, loaded once.
      await core.loadWindowHandlers();
      const first = await core.handlers.openFirstBrief({});
      expect(first.title).toBeTruthy();
      expect((await core.handlers.listBriefs({})).map((brief) => brief.id)).toEqual([first.id]);
    } finally {
      core.close();
    }
  });
});
