import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { openResult } from './support/readerSteps';
import { COUNT_NODE_VALUE_READS, longNoteDataDir } from './support/storedBrief';

const PARAGRAPHS = 60;

const longNote = () => longNoteDataDir(PARAGRAPHS);

interface Inserted {
  /** nodeValue reads from the click to the moment the list showed the new footnote. */
  reads: number;
  /** The note's footnote numbers at that moment, in document order. */
  numbers: string[];
  listed: number;
}

/**
 * What inserting a quotation costs besides the insert and the renumbering. Before any React
 * commit that changes the page, react-dom saves the selection of the focused element: for the
 * note, a walk of every DOM node (reading each text node's nodeValue, counted here). The footnote
 * list was drawn by React, so an insert near the top of a 2,000-excerpt note paid that walk
 * (5–95 ms) before its footnote showed. Counted from the click to the list's change, in the page,
 * with the numbers in the note read at that same moment: they must already be right.
 */
describe('inserting a quotation into a long note (browser mode)', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    const dataDir = await longNote();
    app = await startBrowserMode({ dataDir });
    await app.page.addInitScript(COUNT_NODE_VALUE_READS);
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('renumbers without walking the whole note, every number right when the list shows it', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    const footnotes = page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem');
    await expect.poll(() => footnotes.count(), { timeout: 30_000 }).toBe(PARAGRAPHS);
    await expect
      .poll(() => page.evaluate('document.documentElement.dataset.noteWork'), { timeout: 30_000 })
      .toBe('settled');
    const textNodes = (await page.evaluate(`(() => {
      const walker = document.createTreeWalker(document.querySelector('[aria-label="Briefing note"]'), NodeFilter.SHOW_TEXT);
      let count = 0;
      while (walker.nextNode()) count += 1;
      return count;
    })()`)) as number;
    expect(textNodes).toBeGreaterThan(2 * PARAGRAPHS);
    const firstBefore = await footnotes.nth(1).textContent();

    await openResult(page, 'Five Eyes', /Canada, Japan begin formal talks/);
    // The caret near the start of the second paragraph: every footnote after it renumbers.
    await editor
      .locator('p')
      .nth(1)
      .click({ position: { x: 12, y: 8 } });
    await page.getByRole('textbox', { name: 'Source text' }).locator('p').first().selectText();
    const inserted = (await page.evaluate(`new Promise((resolve) => {
      const list = document.querySelector('[aria-label="Footnotes"]');
      const note = document.querySelector('[aria-label="Briefing note"]');
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Quote in note');
      const observer = new MutationObserver(() => {
        if (list.children.length < ${PARAGRAPHS + 1}) return;
        observer.disconnect();
        const reads = window.__nodeValueReads;
        const numbers = [...note.querySelectorAll('sup.footnote-ref')].map((sup) => sup.textContent);
        resolve({ reads, numbers, listed: list.children.length });
      });
      observer.observe(list, { childList: true, subtree: true, characterData: true });
      window.__nodeValueReads = 0;
      button.click();
    })`)) as Inserted;

    expect(inserted.listed).toBe(PARAGRAPHS + 1);
    expect(inserted.numbers).toEqual(Array.from({ length: PARAGRAPHS + 1 }, (_, i) => String(i + 1)));
    expect(inserted.reads).toBeLessThan(textNodes);
    // The new quotation is at the start of the second paragraph, before the one already there.
    expect(await footnotes.nth(1).textContent()).toMatch(/Canada, Japan/i);
    expect(await footnotes.nth(2).textContent()).toBe(firstBefore);

    // Undone: the list and the numbers are as before.
    await editor.focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => footnotes.count()).toBe(PARAGRAPHS);
    expect(await footnotes.nth(1).textContent()).toBe(firstBefore);
    expect(await editor.locator('sup.footnote-ref').allTextContents()).toEqual(
      Array.from({ length: PARAGRAPHS }, (_, i) => String(i + 1)),
    );
    expect(app.pageErrors).toEqual([]);
  });
});
