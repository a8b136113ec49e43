import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';
import { openResult } from './support/readerSteps';

/**
 * New search terms redraw the marks in the open source's paragraphs. A selection made in the
 * reader before they arrive (a search finishing after the click) must still be there after, so
 * that *Quote in note* quotes what the analyst selected.
 */
describe('a selection in the reader when the search terms change (browser mode)', () => {
  const app = useBrowserMode();

  it('is kept, and Quote in note quotes the same text', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved');
    await editor.click();
    await page.keyboard.type('The minister said ');
    await openResult(page, 'Canada', /Canada, Japan begin formal talks/);
    const reader = page.getByRole('textbox', { name: 'Source text' });
    const paragraph = reader.locator('p', { has: page.locator('mark', { hasText: /canada/i }) }).first();
    await expect.poll(() => paragraph.count()).toBe(1);
    const text = ((await paragraph.textContent()) ?? '').trim();

    // The analyst types other terms and selects in the reader before their results arrive; when
    // they do, the paragraph's marks are drawn again (Canada unmarked, the new words marked).
    const held: Array<() => Promise<void>> = [];
    await page.route('**/api/search', async (route: Route) => {
      if (!route.request().postData()?.includes('Five Eyes Japan')) return route.continue();
      held.push(() => route.continue());
    });
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('Five Eyes Japan');
    await expect.poll(() => held.length).toBeGreaterThan(0);
    await paragraph.selectText();
    for (const release of held.splice(0)) await release();
    await page.unroute('**/api/search');
    await expect.poll(() => reader.locator('mark', { hasText: /^canada$/i }).count()).toBe(0);
    await expect.poll(() => reader.locator('mark', { hasText: /japan/i }).count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Quote in note' }).click();
    const quote = editor.locator('.excerpt-quote').first();
    await expect.poll(() => quote.count()).toBe(1);
    const quoted = (await quote.textContent()) ?? '';
    expect(quoted).toContain(text.slice(0, 60));
    expect(quoted).toContain(text.slice(-30));
    expect(app.pageErrors).toEqual([]);
  });
});
