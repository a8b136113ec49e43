import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';
import { releaseHeld } from './support/heldRequests';

/**
 * While a file is imported, the panel asks every half second what the import is doing. An answer
 * to one of those questions that comes back after the file's own answer (a loaded machine: the
 * two travel on separate requests) put "Importing 1 of 1: …" back over the totals, for good
 * (hostileHtml, once, in a full run). The test holds such an answer until the totals are shown.
 */
describe('the import totals when a progress answer comes late (browser mode)', () => {
  const app = useBrowserMode();

  it('stay on screen', async () => {
    const { page } = app;
    await expect.poll(() => page.getByRole('textbox', { name: 'Briefing note' }).count()).toBe(1);

    const heldImports: Route[] = [];
    const heldProgress: Route[] = [];
    await page.route('**/api/importFile', (route: Route) => void heldImports.push(route));
    await page.route('**/api/importProgress', (route: Route) => void heldProgress.push(route));

    const file = join(app.dataDir, 'late-progress.txt');
    writeFileSync(file, 'The late progress answer must not hide what the import did.\n');
    await page.getByLabel('Files to import').setInputFiles([file]);
    const line = page.locator('.import-progress');
    await expect.poll(() => line.textContent()).toBe('Importing 1 of 1: late-progress.txt');
    // The file's call is held until the panel has asked about its progress at least once.
    await expect.poll(() => heldImports.length).toBe(1);
    await expect.poll(() => heldProgress.length, { timeout: 30_000 }).toBeGreaterThan(0);

    // Every text the line takes from now on, seen in the page as it changes.
    await page.evaluate(`(() => {
      window.importLineTexts = [];
      const line = document.querySelector('.import-progress');
      new MutationObserver(() => window.importLineTexts.push(line.textContent)).observe(line, {
        childList: true, subtree: true, characterData: true,
      });
    })()`);
    await heldImports[0]!.continue();
    await expect.poll(() => line.textContent()).toBe('1 imported, 0 already there, 0 failed.');

    // Now the progress answers, after the import is done and its totals are shown.
    await releaseHeld(page, heldProgress);
    await page.unroute('**/api/importProgress');

    expect(await line.textContent()).toBe('1 imported, 0 already there, 0 failed.');
    expect(await page.evaluate('window.importLineTexts')).not.toContainEqual(expect.stringMatching(/^Importing/));
    await page.unroute('**/api/importFile');
    expect(app.pageErrors).toEqual([]);
  });
});
