import type { Page, Route } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrowserMode, startBrowserMode } from './support/browserMode';

/**
 * A fresh archive's first run lists the briefs and, finding none, creates and opens one. An analyst
 * (or a test) may click New brief before that finishes: under load the first run's answers can
 * arrive after the new brief is open and typed in. These tests hold the first run's answers back
 * until then, so the race that made the spelling and Word export tests fail in full runs happens
 * every time.
 */
describe('a New brief made while the first run is still opening its own brief (browser mode)', () => {
  let app: BrowserMode | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  /** Opens the app with every listBriefs answer held back until `release` is called. */
  async function openWithListHeld(mode: 'answered-then-held' | 'held-before-the-host') {
    app = await startBrowserMode();
    const { page } = app;
    const held: Array<() => Promise<void>> = [];
    let holding = true;
    await page.route('**/api/listBriefs', async (route: Route) => {
      if (!holding) return route.continue();
      if (mode === 'held-before-the-host') {
        // The host reads the list only after the new brief exists.
        held.push(() => route.continue());
      } else {
        // The host answers at once (no brief yet); the page gets the answer late.
        const response = await route.fetch();
        held.push(() => route.fulfill({ response }));
      }
    });
    await page.goto(app.url);
    // Both the Briefs panel and the first run ask for the list when the page starts.
    await expect.poll(() => held.length).toBeGreaterThanOrEqual(2);
    /** Lets the held answers through, and waits for the first run's next request (`then`) to be answered. */
    const release = async (then: 'createBrief' | 'getBrief') => {
      const next = page.waitForResponse((response) => response.url().endsWith(`/api/${then}`));
      holding = false;
      for (const answer of held.splice(0)) await answer();
      await next;
    };
    return { page, release };
  }

  async function newBlankNote(page: Page, text: string) {
    await page.getByRole('button', { name: 'New brief' }).click();
    await page.getByRole('button', { name: 'Blank note' }).click();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await editor.click();
    await page.keyboard.type(text);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved');
    return editor;
  }

  it('keeps the new brief open, with its text checked for spelling, when the first run learns late that the archive was empty', async () => {
    const { page, release } = await openWithListHeld('answered-then-held');
    const editor = await newBlankNote(page, 'The minister will recieve the report.');
    // Finding no brief, the first run makes one.
    await release('createBrief');

    await expect.poll(() => editor.textContent()).toContain('will recieve the report');
    await page.keyboard.type(' Fin agre.');
    await expect.poll(() => editor.textContent()).toContain('the report. Fin agre.');
    await expect
      .poll(() => page.locator('[aria-invalid="spelling"]').allTextContents(), { timeout: 60_000 })
      .toEqual(['recieve', 'agre']);
    // The first run's own brief is made, as on any fresh archive, and listed; it just is not opened.
    await expect.poll(() => page.getByRole('list', { name: 'Briefs' }).getByRole('listitem').count()).toBe(2);
    expect(app?.pageErrors).toEqual([]);
  });

  it('keeps the new brief’s editor (never remounted) when the first run reads the list after it was made', async () => {
    const { page, release } = await openWithListHeld('held-before-the-host');
    const editor = await newBlankNote(page, 'First words.');
    // A mark on the editor's element: a remounted editor is a new element without it.
    await editor.evaluate((element: { setAttribute(name: string, value: string): void }) =>
      element.setAttribute('data-test-mounted', 'once'),
    );
    // Finding the new brief the latest, the first run reads it.
    await release('getBrief');

    await page.keyboard.type(' Second words.');
    await expect.poll(() => editor.textContent()).toBe('First words. Second words.');
    await expect.poll(() => editor.getAttribute('data-test-mounted')).toBe('once');
    expect(app?.pageErrors).toEqual([]);
  });
});
