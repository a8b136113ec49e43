import type { Locator, Page } from 'playwright-core';

/** Whether `target` has the keyboard focus. */
export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate(
    (element: { ownerDocument: { activeElement: unknown } }) => element === element.ownerDocument.activeElement,
  );
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
  await page.evaluate(`(() => {
    window.__pointerEvents = 0;
    for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'mousemove', 'dragstart', 'drop']) {
      window.addEventListener(type, () => window.__pointerEvents++, true);
    }
  })()`);
}

export async function pointerEvents(page: Page): Promise<number> {
  return (await page.evaluate('window.__pointerEvents')) as number;
}

/** The text selected in the page. */
export async function selectedText(page: Page): Promise<string> {
  return (await page.evaluate('String(window.getSelection())')) as string;
}
