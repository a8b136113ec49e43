/**
 * bench:editor's insert phase: an excerpt quoted near the top of the note, so that every footnote
 * below it renumbers, timed in the page from the click on "Quote in note" to the moment the
 * footnote list holds the new item (a MutationObserver on the list: the same task, since the insert,
 * the renumbering and the list's patch all run before it yields). Each window is also marked
 * (`performance.mark`), so a trace (`--trace`) can give the main thread's CPU inside it: on a
 * shared machine a window's wall time counts every moment the page waited for a core.
 */
import type { Locator, Page } from 'playwright-core';

export interface InsertFigures {
  /** Wall milliseconds of each window, page clock. */
  elapsed: number[];
  /** The windows, page clock: for cutting a CPU profile. */
  windows: [number, number][];
}

/** Opens the source quoted from, and returns its first paragraph (selected before each insert). */
export async function openQuotedSource(page: Page): Promise<Locator> {
  await page.getByRole('searchbox', { name: 'Search sources' }).fill('Five Eyes');
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  return page.getByRole('region', { name: 'Source' }).locator('.reader-text p').first();
}

export async function insertExcerpts(
  page: Page,
  editor: Locator,
  passage: Locator,
  inserts: number,
): Promise<InsertFigures> {
  const elapsed: number[] = [];
  for (let i = 0; i < inserts; i++) {
    // Near the paragraph's start, as placeCaret does: its middle fills with the quotations
    // inserted, and a click on one focuses its control, not the text (the insert still went
    // into this paragraph, by the selection the previous insert left, but only by luck).
    await editor
      .locator('p')
      .nth(1)
      .click({ position: { x: 12, y: 8 } });
    await passage.selectText();
    // Counted in the page: Playwright's role query for the list's items (which this used) reads the
    // role and style of all 2,000 items, a cost of the harness's that showed in Chromium's CPU per insert.
    const before = (await page.evaluate(
      `document.querySelector('[aria-label="Footnotes"]').children.length`,
    )) as number;
    elapsed.push(
      (await page.evaluate(`new Promise(function insertWindow(resolve) {
        const list = document.querySelector('[aria-label="Footnotes"]');
        // Found before the clock starts: the page holds one button per quotation (6,000 at 2,000
        // excerpts), and reading all their texts was 3-4 ms of each window (trace's JS samples).
        const button = document.querySelector('.reader-actions button[aria-keyshortcuts="Control+Shift+Q"]');
        const t0 = performance.now();
        performance.mark('precis-insert');
        setTimeout(() => resolve(Number.NaN), 10000);
        const observer = new MutationObserver(() => {
          if (list.children.length >= ${before + 1}) {
            observer.disconnect();
            performance.mark('precis-inserted');
            (window.__insertWindows ??= []).push([t0, performance.now()]);
            resolve(performance.now() - t0);
          }
        });
        observer.observe(list, { childList: true, subtree: true, characterData: true });
        button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      })`)) as number,
    );
  }
  return { elapsed, windows: (await page.evaluate('window.__insertWindows')) as [number, number][] };
}
