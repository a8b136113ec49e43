import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';

/**
 * A save of changed blocks names unchanged blocks by their place in the stored copy. If the
 * editor's record of that copy is wrong, main refuses the save as a conflict at the editor's own
 * revision (nobody else saved): the editor then sends the note whole, and nothing is lost or asked.
 */
describe('a block save naming a block the stored copy lacks (browser mode)', () => {
  const app = useBrowserMode();

  it('is saved whole instead, with no conflict shown', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.count()).toBe(1);
    await editor.click();
    await page.keyboard.type('First paragraph.');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved');

    // The next block save names a place the stored copy does not have.
    let spoiled = 0;
    await page.route('**/api/saveBriefBlocks', async (route: Route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      if (spoiled > 0) return route.continue();
      spoiled++;
      body.blocks.root.children = [...body.blocks.root.children, 999];
      return route.continue({ postData: JSON.stringify(body) });
    });
    const savedWhole = page.waitForResponse((response) => response.url().endsWith('/api/saveBrief'));
    await page.keyboard.press('Enter');
    await page.keyboard.type('Second paragraph.');
    await expect.poll(() => spoiled).toBe(1);
    expect((await savedWhole).ok()).toBe(true);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved');
    expect(await page.getByText('This brief was changed in another window.').count()).toBe(0);

    await page.reload();
    await expect.poll(() => editor.textContent()).toContain('First paragraph.Second paragraph.');
    expect(app.pageErrors).toEqual([]);
  });
});
