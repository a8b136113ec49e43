import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../main/archive/settings';
import { openCore } from '../../main/core';
import { type BrowserMode, ROOT, startBrowserMode } from './support/browserMode';
import { releaseHeld } from './support/heldRequests';

/**
 * The Team archive panel fills its fields with the URL remembered from the last session. Typed
 * into before that answer came (a loaded machine, a quick analyst), they were replaced by it.
 */
describe('the team archive fields typed before the remembered URL arrives (browser mode)', () => {
  let app: BrowserMode;
  const held: Route[] = [];

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'precis-e2e-'));
    const options = {
      dataDir,
      seedsDir: join(ROOT, 'seeds'),
      mode: 'browser' as const,
      version: 'test',
      allowRepair: true,
    };
    const core = await openCore(options);
    try {
      setSetting(core.db, 'teamArchiveUrl', 'postgres://remembered@db.example:5432/precis_team');
    } finally {
      core.close();
    }
    app = await startBrowserMode({ dataDir });
    await app.page.route('**/api/getTeamArchive', (route: Route) => void held.push(route));
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keep what the analyst typed', async () => {
    const { page } = app;
    await expect.poll(() => held.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Team archive' }).click();
    const panel = page.getByRole('form', { name: 'Team archive settings' });
    const server = panel.getByRole('textbox', { name: 'Server URL' });
    const user = panel.getByRole('textbox', { name: 'User' });
    await server.fill('postgres://typed.example:5432/team');
    await user.fill('typist');

    await releaseHeld(page, held);
    await page.unroute('**/api/getTeamArchive');
    expect(await server.inputValue()).toBe('postgres://typed.example:5432/team');
    expect(await user.inputValue()).toBe('typist');
    expect(app.pageErrors).toEqual([]);
  });

  it('are filled with the remembered URL when nothing was typed', async () => {
    const { page } = app;
    await page.reload();
    await page.getByRole('button', { name: 'Team archive' }).click();
    const panel = page.getByRole('form', { name: 'Team archive settings' });
    await expect.poll(() => panel.getByRole('textbox', { name: 'User' }).inputValue()).toBe('remembered');
    expect(await panel.getByRole('textbox', { name: 'Server URL' }).inputValue()).toBe(
      'postgres://db.example:5432/precis_team',
    );
    expect(app.pageErrors).toEqual([]);
  });
});
