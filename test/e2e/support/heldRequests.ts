import type { Page, Request, Route } from 'playwright-core';

/**
 * Lets the page run what answers already in it set off: their callbacks, React's render of the
 * state they set, and a paint. Tasks and frames, not a wall-clock wait: a test that checks
 * something did NOT change reads it after this.
 */
export function pageSettled(page: Page): Promise<unknown> {
  return page.evaluate(`new Promise((resolve) =>
    setTimeout(() => requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => setTimeout(resolve))))))`);
}

/**
 * Sends requests held by a `page.route` handler on to main, waits until their answers are in the
 * page, then for the page to have settled (see above). Empties `held`.
 */
export async function releaseHeld(page: Page, held: Route[]): Promise<void> {
  const finished = held.map((route) => {
    const request = route.request();
    return page.waitForEvent('requestfinished', { predicate: (done: Request) => done === request });
  });
  for (const route of held.splice(0)) await route.continue();
  await Promise.all(finished);
  await pageSettled(page);
}
