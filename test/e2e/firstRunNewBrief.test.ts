import type { Page, Route } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrowserMode, startBrowserMode } from './support/browserMode';

/**
 * A fresh archive's first run asks main for its brief (openFirstBrief), which, finding none, makes
 * one. An analyst (or a test) may click New brief before that finishes: under load the first run's
 * answer can arrive after the new brief is open and typed in. These tests hold the first run's
 * request or answer back until then, so the race that made the spelling and Word export tests fail
 * in full runs happens every time.
 */
describe('a New brief made while the first run is still opening its own brief (browser mode)', () => {
  let app: BrowserMode | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  /** Opens the app with the first run's request held back until `release` is called. */
  async function openWithFirstRunHeld(mode: 'answered-then-held' | 'held-before-the-host') {
    app = await startBrowserMode();
    const { page } = app;
    const held: Array<() => Promise<void>> = [];
    let holding = true;
    await page.route('**/api/openFirstBrief', async (route: Route) => {
      if (!holding) return route.continue();
      if (mode === 'held-before-the-host') {
        // The host looks for a brief only after the new brief exists.
        held.push(() => route.continue());
      } else {
        // The host answers at once (making the first brief); the page gets the answer late.
        const response = await route.fetch();
        held.push(() => route.fulfill({ response }));
      }
    });
    await page.goto(app.url);
    await expect.poll(() => held.length).toBe(1);
    /** Lets the held request or answer through, and waits for the page to have the answer. */
    const release = async () => {
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/openFirstBrief'));
      holding = false;
      for (const answer of held.splice(0)) await answer();
      await answered;
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
    const { page, release } = await openWithFirstRunHeld('answered-then-held');
    const editor = await newBlankNote(page, 'The minister will recieve the report.');
    // The first run's brief, made when the archive had none, arrives late.
    await release();

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

  it('keeps the new brief’s editor (never remounted) when the first run asks for its brief after it was made', async () => {
    const { page, release } = await openWithFirstRunHeld('held-before-the-host');
    const editor = await newBlankNote(page, 'First words.');
    // A mark on the editor's element: a remounted editor is a new element without it.
    await editor.evaluate((element: { setAttribute(name: string, value: string): void }) =>
      element.setAttribute('data-test-mounted', 'once'),
    );
    // Finding the new brief the latest, the first run reads it.
    await release();

    await page.keyboard.type(' Second words.');
    await expect.poll(() => editor.textContent()).toBe('First words. Second words.');
    await expect.poll(() => editor.getAttribute('data-test-mounted')).toBe('once');
    expect(app?.pageErrors).toEqual([]);
  });
});
