import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';

const misspelled = (page: Page) => page.locator('[aria-invalid="spelling"]');
const misspelledWords = (page: Page) => misspelled(page).allTextContents();

/** The page's DOM, as far as these tests need it (they compile without the DOM's types). */
interface PageElement {
  ownerDocument: {
    createTreeWalker(root: PageElement, show: number): { nextNode(): unknown };
    getSelection(): { collapse(node: unknown, offset: number): void };
    defaultView: { KeyboardEvent: new (type: string, init: Record<string, unknown>) => unknown };
  };
  dispatchEvent(event: unknown): boolean;
}

/** Types at the end of the note's last paragraph. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Briefing note' });
  await editor.locator('p').last().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/** Makes a blank brief and types `text` into it; returns its editor. */
async function typeInNewBlankNote(page: Page, text: string): Promise<Locator> {
  const editor = page.getByRole('textbox', { name: 'Briefing note' });
  // The brief open before (the first run's, on a fresh archive) looks just like the new blank one:
  // typing must wait until its editor is gone, or the text goes into the brief about to be closed
  // (marks then stay []). A New brief clicked before the first run's brief opens is
  // firstRunNewBrief.test.ts's case.
  const previous = await editor.elementHandle();
  await page.getByRole('button', { name: 'New brief' }).click();
  await page.getByRole('button', { name: 'Blank note' }).click();
  await expect.poll(() => previous?.evaluate((element: { isConnected: boolean }) => element.isConnected)).toBe(false);
  await editor.click();
  await page.keyboard.type(text);
  return editor;
}

describe('spell-checking the note (browser mode, dictionaries served by our own build)', () => {
  const app = useBrowserMode();

  it('marks a misspelling, replaces it from the keyboard menu, and keeps an added word across a reload', async () => {
    const { page } = app;
    const editor = await typeInNewBlankNote(page, 'The minister will recieve the report from Kanatta.');
    // The first check waits for the dictionary to load in the worker.
    await expect.poll(() => misspelledWords(page), { timeout: 60_000 }).toEqual(['recieve', 'Kanatta']);

    // Ctrl+. on the word at the caret opens its suggestions; Enter takes the first.
    await editor.locator('p').last().click();
    await page.keyboard.press('Home');
    for (let i = 0; i < 'The minister will rec'.length; i++) await page.keyboard.press('ArrowRight');
    const menu = page.getByRole('menu', { name: /Spelling of “recieve”/ });
    // One press: under load the arrows' selectionchange events can still be queued when it comes
    // (the next test makes that happen every time); the menu follows the caret the browser shows.
    await page.keyboard.press('Control+.');
    await expect.poll(() => menu.getByRole('menuitem').first().textContent()).toBe('receive');
    await page.keyboard.press('Enter');
    await expect.poll(() => editor.textContent()).toContain('will receive the report');
    await expect.poll(() => misspelledWords(page)).toEqual(['Kanatta']);

    // The context menu on a word offers the same menu; "Add to dictionary" keeps it in the archive.
    const box = await misspelled(page).first().boundingBox();
    if (!box) throw new Error('the misspelled word has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
    await page
      .getByRole('menu', { name: /Spelling of “Kanatta”/ })
      .getByRole('menuitem', { name: 'Add to dictionary' })
      .click();
    await expect.poll(() => misspelledWords(page)).toEqual([]);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved');

    await page.reload();
    await typeAtEnd(page, ' Kanatta and Ottawa agre.');
    await expect.poll(() => misspelledWords(page)).toEqual(['agre']);
    expect(app.pageErrors).toEqual([]);
  });

  it('opens the suggestions for the word the caret is on even before the editor has heard the caret moved', async () => {
    const { page } = app;
    const editor = await typeInNewBlankNote(page, 'The minister will recieve it.');
    await expect.poll(() => misspelledWords(page), { timeout: 60_000 }).toEqual(['recieve']);
    // The caret ends the line, as the editor knows. The browser then moves it into "recieve" and
    // Ctrl+. comes before the browser's selectionchange: what a loaded machine did once in five
    // full runs, arrow keys and Ctrl+. all handled before the queued selectionchange events.
    await page.keyboard.press('End');
    await editor.evaluate((root: PageElement) => {
      const doc = root.ownerDocument;
      const text = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */).nextNode();
      doc.getSelection().collapse(text, 'The minister will rec'.length);
      const keydown = new doc.defaultView.KeyboardEvent('keydown', { key: '.', ctrlKey: true, bubbles: true });
      root.dispatchEvent(keydown);
    });
    const menu = page.getByRole('menu', { name: /Spelling of “recieve”/ });
    await expect.poll(() => menu.getByRole('menuitem').first().textContent()).toBe('receive');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('closes the menu on Escape while its suggestions are still being found, and the caret is back in the note', async () => {
    const { page } = app;
    const editor = await typeInNewBlankNote(page, 'The minister will recieve it.');
    await expect.poll(() => misspelledWords(page), { timeout: 60_000 }).toEqual(['recieve']);
    // The worker never answers this word's suggestions: the menu stays at "Finding suggestions…",
    // as it does for a long moment on a loaded machine.
    await page.evaluate(`(() => {
      const post = Worker.prototype.postMessage;
      window.__keptPostMessage = post;
      Worker.prototype.postMessage = function (message, ...rest) {
        if (message && message.type === 'suggest') return;
        return post.call(this, message, ...rest);
      };
    })()`);
    try {
      // The editor last heard the caret at the line's end; the browser's caret is then in
      // "recieve", and no selectionchange reaches the editor until Escape has closed the menu:
      // what a loaded machine did once in three full runs (the X landed where the editor's
      // selection lagged, after "The minister ").
      await editor.locator('p').last().click();
      await page.keyboard.press('End');
      await page.evaluate(`(() => {
        window.__heldSelectionChange = (event) => event.stopImmediatePropagation();
        document.addEventListener('selectionchange', window.__heldSelectionChange, true);
      })()`);
      await editor.evaluate((root: PageElement) => {
        const doc = root.ownerDocument;
        const text = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */).nextNode();
        doc.getSelection().collapse(text, 'The minister will rec'.length);
        root.dispatchEvent(new doc.defaultView.KeyboardEvent('keydown', { key: '.', ctrlKey: true, bubbles: true }));
      });
      const menu = page.getByRole('menu', { name: /Spelling of “recieve”/ });
      await expect.poll(() => menu.textContent()).toContain('Finding suggestions…');
      await page.keyboard.press('Escape');
      await expect.poll(() => menu.count()).toBe(0);
      await page.evaluate(`document.removeEventListener('selectionchange', window.__heldSelectionChange, true)`);
      // The keys go to the note again, at the caret.
      await page.keyboard.type('X');
      await expect.poll(() => editor.textContent()).toContain('will recXieve it.');
    } finally {
      await page.evaluate('Worker.prototype.postMessage = window.__keptPostMessage');
    }
    expect(app.pageErrors).toEqual([]);
  });

  it('never flags a quotation, and checks a French note with the French dictionary', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New brief' }).click();
    await page.getByRole('button', { name: 'Note de breffage (français)' }).click();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    // The English note stays open until the French one is made: typing before then would go into it.
    await expect.poll(() => editor.getByRole('heading', { name: /^Objet/ }).count()).toBe(1);
    await typeAtEnd(page, ' Le gouvernment du Québec et l’État annoncent « the teh quote » aujourd’hui.');
    await expect.poll(() => misspelledWords(page), { timeout: 60_000 }).toEqual(['gouvernment']);

    // A quotation from a source, inserted by keyboard, is verbatim: its English words stay unflagged.
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('security ties');
    await page
      .getByRole('list', { name: 'Search results' })
      .getByRole('button', { name: /security ties/ })
      .click();
    await page
      .getByRole('region', { name: 'Source' })
      .locator('p', { hasText: /^The proposed agreement/ })
      .selectText();
    await page.keyboard.press('Control+Shift+Q');
    await expect.poll(() => page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem').count()).toBe(1);
    await typeAtEnd(page, ' Fin du documnet.');
    await expect.poll(() => misspelledWords(page)).toEqual(['gouvernment', 'documnet']);
    expect(app.pageErrors).toEqual([]);
  });
});
