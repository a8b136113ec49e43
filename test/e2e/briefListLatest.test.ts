import type { APIResponse, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';
import { pageSettled } from './support/heldRequests';

/**
 * The Briefs list is read again after each change. Two reads travel as separate requests, and a
 * loaded machine can answer them in another order: the older answer, applied last, put back the
 * list from before the newer change, and kept it until the next change.
 */
describe('the Briefs list when an older read is answered last (browser mode)', () => {
  const app = useBrowserMode();

  it('shows the newest', async () => {
    const { page } = app;
    const briefs = page.getByRole('list', { name: 'Briefs' });
    await expect.poll(() => briefs.getByRole('button', { name: /^Untitled brief/ }).count()).toBe(1);

    // The next read is answered by main at once, but its answer reaches the page only on release.
    let late: { route: Route; response: APIResponse } | null = null;
    let armed = true;
    await page.route('**/api/listBriefs', async (route: Route) => {
      if (!armed) return route.continue();
      armed = false;
      late = { route, response: await route.fetch() };
    });
    await briefs.getByRole('button', { name: 'Duplicate Untitled brief' }).click();
    await expect.poll(() => late !== null).toBe(true);

    // A newer change, read and shown while the older answer is still out.
    await briefs.getByRole('button', { name: 'Rename Untitled brief' }).click();
    await briefs.getByRole('textbox', { name: 'New title' }).fill('Arctic radar agreement');
    await briefs.getByRole('button', { name: 'Save title' }).click();
    await expect.poll(() => briefs.textContent()).toContain('Arctic radar agreement');

    const { route, response } = late!;
    const finished = page.waitForEvent('requestfinished', { predicate: (done) => done === route.request() });
    await route.fulfill({ response });
    await finished;
    await pageSettled(page);
    await page.unroute('**/api/listBriefs');
    const titles = await briefs.locator('.brief-title-text').allTextContents();
    expect(titles).toContain('Arctic radar agreement');
    expect(titles).toContain('Untitled brief (copy)');
    expect(app.pageErrors).toEqual([]);
  });
});
