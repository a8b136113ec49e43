import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';
import { openResult } from './support/readerSteps';

/**
 * Ctrl+Shift+Q with nothing selected says "Select a passage in the source first". Pressed the
 * moment a source appears in the reader (a fast keyboard user, or a loaded machine), the hint was
 * lost: the reader cleared its message after each new source in an effect React runs a little
 * after the source is in the page, so the clearing came after the hint (CI, keyboardOnly).
 */
describe('the quote hint pressed as a source appears (browser mode)', () => {
  const app = useBrowserMode();

  it('stays, and goes when another source opens', async () => {
    const { page } = app;
    await expect.poll(() => page.getByRole('textbox', { name: 'Briefing note' }).count()).toBe(1);
    const reader = page.getByRole('region', { name: 'Source' });

    // Presses the shortcut in the same task that puts the source's heading in the page: before
    // React's effects for the new source have run, every time.
    await page.evaluate(`(() => {
      const observer = new MutationObserver(() => {
        const heading = document.querySelector('section.reader h2');
        if (!heading || !/Canada, Japan begin formal talks/.test(heading.textContent)) return;
        observer.disconnect();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Q', ctrlKey: true, shiftKey: true, bubbles: true }));
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    })()`);
    await openResult(page, 'Canada', /Canada, Japan begin formal talks/);
    await expect.poll(() => reader.getByRole('status').count()).toBe(1);
    expect(await reader.getByRole('status').textContent()).toBe('Select a passage in the source first');

    // The hint was about that source: another one opens without it.
    const others = page
      .getByRole('list', { name: 'Search results' })
      .getByRole('button')
      .filter({ hasNotText: /Canada, Japan begin formal talks/ });
    await expect.poll(() => others.count()).toBeGreaterThan(0);
    await others.first().click();
    await expect
      .poll(() => reader.getByRole('heading', { level: 2 }).textContent())
      .not.toMatch(/Canada, Japan begin formal talks/);
    expect(await reader.getByRole('status').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
