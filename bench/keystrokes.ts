/**
 * Keystroke → paint, as bench/editor.ts times it: from each keydown to the first task after the
 * frame that follows it (requestAnimationFrame, then a task), in the page's own clock.
 *
 * Two things decide that figure besides the editor, and both are printed beside it:
 *
 * - **The pace of the keys.** Chromium draws on its display's clock (60 frames a second here).
 *   After a frame it keeps that clock running for a few frames; a key that comes then waits for
 *   the next tick, anywhere up to 16.7 ms, before its frame can start. A key that comes once the
 *   clock has stopped gets a frame at once. Keys sent back to back (one every ~25 ms, 40 a second)
 *   always land on a running clock: a plain contenteditable with no script at all then measures
 *   p95 16–17 ms in this browser, so no editor could meet "p95 < 16 ms" that way. A fast typist
 *   types 8–13 keys a second (100–150 words a minute); KEY_INTERVAL_MS is one key every 80 ms.
 * - **The floor.** The same keys at the same pace into a plain `contenteditable` in the same
 *   browser: what any editor pays here before doing anything.
 */
import type { Browser, Page } from 'playwright-core';

/** One key every 80 ms, keydown to keydown: 12.5 keys a second, about 150 words a minute. */
export const KEY_INTERVAL_MS = 80;

const LISTEN = `
  window.__lat = [];
  if (!window.__latListening) {
    window.__latListening = true;
    document.addEventListener('keydown', () => {
      const t0 = performance.now();
      requestAnimationFrame(() => setTimeout(() => {
        window.__lat.push(performance.now() - t0);
        // The key's window on the trace's clock, for --trace (bench/keysTrace.ts).
        performance.measure('precis-key', { start: t0 });
      }, 0));
    }, true);
  }
`;

/**
 * Types `keys` x's into the focused element, each keydown `intervalMs` after the one before (0:
 * back to back, each as soon as the previous key is up), and returns each key's milliseconds from
 * keydown to the frame after it. `typed` counts the x's the editor holds, to tell typing from keys
 * that reached nothing.
 */
export async function typeKeys(page: Page, keys: number, intervalMs: number, typed: string): Promise<number[]> {
  // Page-side code is passed as text: this file is type-checked as Node code, without DOM types.
  await page.evaluate(LISTEN);
  const before = (await page.evaluate(typed)) as number;
  const started = performance.now();
  for (let i = 0; i < keys; i++) {
    // The pace is the input being measured, so it is kept by the clock, not by polling the page.
    const wait = started + i * intervalMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await page.keyboard.type('x', { delay: 20 });
  }
  // Until the last key's frame is measured, polled from Node: the app's CSP refuses the eval
  // that page.waitForFunction polls with.
  for (const deadline = performance.now() + 10_000; performance.now() < deadline; ) {
    if (((await page.evaluate('window.__lat.length')) as number) >= keys) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const reached = ((await page.evaluate(typed)) as number) - before;
  if (reached !== keys)
    console.log(`  (only ${reached} of ${keys} keys reached the note: these figures are not typing)`);
  return (await page.evaluate('window.__lat')) as number[];
}

/** The same keys at the same pace into a plain contenteditable in a fresh page of the same browser. */
export async function keystrokeFloor(browser: Browser, keys: number, intervalMs: number): Promise<number[]> {
  const page = await browser.newPage();
  try {
    await page.setContent('<div contenteditable="true" style="font: 16px serif; width: 40em">Typed here: </div>');
    await page.click('div');
    await page.keyboard.press('End');
    return await typeKeys(
      page,
      keys,
      intervalMs,
      `(document.querySelector('div').textContent.match(/x/g) ?? []).length`,
    );
  } finally {
    await page.close();
  }
}
