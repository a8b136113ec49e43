import type { Request, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';
import { pageSettled } from './support/heldRequests';

/**
 * The page asks for the interface language and the brief to open before it loads the app's
 * script (renderer/boot/firstRequests.ts). When both have come by the time the app mounts, its
 * first render draws the note: the page is never drawn without it ("Opening your brief…"), laid
 * out, and drawn again (docs/opening.md). Here the app's script is held until both answers are in
 * the page, so that order is certain.
 */
describe('the first render when the first answers came before the app (browser mode)', () => {
  const app = useBrowserMode();

  it('draws the note with the rest of the app, never the app without it', async () => {
    const page = await app.context.newPage();
    // Notes whatever the page shows, from before its first script: the note's placeholder must never be among it.
    await page.addInitScript(`
      new MutationObserver(() => {
        if (document.querySelector('.note .empty')) window.__placeholderShown = true;
        if (document.querySelector('[aria-label="Briefing note"]')) window.__noteShown = true;
      }).observe(document, { childList: true, subtree: true });
    `);
    const held: Route[] = [];
    let releaseApp: () => void = () => {};
    const appReleased = new Promise<void>((resolve) => {
      releaseApp = resolve;
    });
    await page.route(/\/assets\/mountApp-[\w-]+\.js$/, async (route) => {
      held.push(route);
      await appReleased;
      await route.continue();
    });
    const answers = ['getSettings', 'openFirstBrief'].map((method) =>
      page.waitForEvent('requestfinished', {
        predicate: (request: Request) => request.url().endsWith(`/api/${method}`),
        timeout: 60_000,
      }),
    );
    const navigated = page.goto(app.url);
    await Promise.all(answers);
    // The answers' callbacks run in the page (tasks and frames) before the app's script is let through.
    await pageSettled(page);
    expect(held.length).toBe(1);
    expect(await page.evaluate('window.__noteShown === true')).toBe(false);
    releaseApp();
    await navigated;

    await expect.poll(() => page.getByRole('textbox', { name: 'Briefing note' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.evaluate('window.__placeholderShown === true')).toBe(false);
    await page.close();
  });
});
