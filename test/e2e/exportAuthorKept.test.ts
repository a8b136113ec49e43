import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxParts } from '../support/docxReaders';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { pageSettled, releaseHeld } from './support/heldRequests';

/**
 * The author name in Export options: typed before the saved one had arrived, it was replaced by
 * it (a loaded machine); saved when the field loses focus, which the click on Export does, it
 * could reach main after the export that writes it into the document.
 */
describe('the author name typed just before an export (browser mode)', () => {
  let app: BrowserMode;
  const heldSettings: Route[] = [];
  const heldSaves: Route[] = [];
  const calls: string[] = [];

  beforeAll(async () => {
    app = await startBrowserMode();
    // The first settings request is the page's boot (the interface language); the menu's is held.
    let settingsAsked = 0;
    await app.page.route('**/api/getSettings', (route: Route) =>
      settingsAsked++ === 0 ? route.continue() : void heldSettings.push(route),
    );
    await app.page.route('**/api/saveSettings', (route: Route) => void heldSaves.push(route));
    app.page.on('request', (request) => calls.push(`asked ${new URL(request.url()).pathname}`));
    app.page.on('requestfinished', (request) => calls.push(`answered ${new URL(request.url()).pathname}`));
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is kept, saved, and written into the document', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.count()).toBe(1);
    await editor.click();
    await page.keyboard.type('The minister will be asked about the refit.');
    await expect.poll(() => heldSettings.length).toBeGreaterThan(0);

    await page.getByText('Export options').click();
    const author = page.getByLabel('Author name');
    await author.fill('A. Analyst');
    await releaseHeld(page, heldSettings);
    await page.unroute('**/api/getSettings');
    expect(await author.inputValue()).toBe('A. Analyst');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export to Word' }).click();
    await expect.poll(() => heldSaves.length).toBe(1);
    await pageSettled(page);
    await releaseHeld(page, heldSaves);
    await page.unroute('**/api/saveSettings');
    const file = join(app.dataDir, 'authored.docx');
    await (await download).saveAs(file);

    const saved = calls.indexOf('answered /api/saveSettings');
    expect(saved).toBeGreaterThan(-1);
    expect(calls.indexOf('asked /api/exportBrief')).toBeGreaterThan(saved);
    expect(docxParts(readFileSync(file))['docProps/core.xml']).toContain('A. Analyst');
    expect(app.pageErrors).toEqual([]);
  });
});
