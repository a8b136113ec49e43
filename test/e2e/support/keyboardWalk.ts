import type { Locator, Page } from 'playwright-core';

/** Whether `target` has the keyboard focus. */
export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement);
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until `target` has focus, as a keyboard user moves
 * through the page; fails after `limit` presses.
 */
export async function tabTo(page: Page, target: Locator, { backwards = false, limit = 120 } = {}): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if ((await target.count()) === 1 && (await isFocused(target))) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Counts every pointer and mouse event the page receives from now on (window.__pointerEvents). */
export async function countPointerEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __pointerEvents: number };
    w.__pointerEvents = 0;
    for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'mousemove', 'dragstart', 'drop']) {
      window.addEventListener(type, () => w.__pointerEvents++, true);
    }
  });
}

export function pointerEvents(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __pointerEvents: number }).__pointerEvents);
}
