import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';
import { openResult } from './support/readerSteps';

/** Quotes the reader's first paragraph at the note's caret, by the Quote in note button. */
async function quoteFirstParagraph(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'Source text' }).locator('p').first().selectText();
  await page.getByRole('button', { name: 'Quote in note' }).click();
}

describe('quotations are atomic in the note (browser mode)', () => {
  const app = useBrowserMode();

  it('steps over a quotation with arrows and End, clicks after it, and keeps what is typed', async () => {
    const { page } = app;
    // The blank brief a fresh archive opens on.
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved');
    const paragraphs = editor.locator('p');
    await editor.click();
    await page.keyboard.type('Our view.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Their view.');
    await expect.poll(() => paragraphs.count()).toBe(2);
    // The caret where the quotation goes: at the end of the first paragraph in the editor's own
    // selection (on a busy machine the click could still be on its way when the search box takes focus).
    await expect
      .poll(async () => {
        await paragraphs.first().click();
        await page.keyboard.press('End');
        return page.evaluate(`(() => {
          const state = document.querySelector('[aria-label="Briefing note"]').__lexicalEditor.getEditorState();
          const selection = state._selection;
          if (selection === null || !selection.isCollapsed()) return '';
          return state.read(() => {
            const block = selection.anchor.getNode().getTopLevelElementOrThrow();
            return block.getIndexWithinParent() + ':' + (selection.anchor.getNode().getTextContentSize() === selection.anchor.offset);
          });
        })()`);
      })
      .toBe('0:true');
    await openResult(page, 'Five Eyes', /Canada, Japan begin formal talks/);
    await quoteFirstParagraph(page);
    await expect.poll(() => paragraphs.first().textContent()).toMatch(/^Our view\. “.+”1(?:–|[A-F][1-6])?$/);

    // End from the start of the line goes past the quotation, and what is typed stays.
    await paragraphs.first().click({ position: { x: 2, y: 5 } });
    await page.keyboard.press('Home');
    await page.keyboard.press('End');
    await page.keyboard.type(' Done.');
    await expect.poll(() => paragraphs.first().textContent()).toMatch(/”1(?:–|[A-F][1-6])? Done\.$/);
    // Back over the typed words, then one ArrowLeft steps over the whole quotation.
    for (let i = 0; i < ' Done.'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('Y');
    await expect.poll(() => paragraphs.first().textContent()).toMatch(/Our view\. ?Y“.+”1(?:–|[A-F][1-6])?$/);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('Z');
    await expect.poll(() => paragraphs.first().textContent()).toMatch(/”1(?:–|[A-F][1-6])?Z$/);
    await page.keyboard.press('Backspace');

    // A click just after the quotation at the end of its line: the caret goes there, no editor opens.
    const quote = paragraphs.first().locator('.excerpt');
    // The quotation's last line box: the click lands a few pixels right of its end.
    const last = await quote.evaluate(
      (el: { getClientRects(): ArrayLike<{ right: number; top: number; height: number }> }) => {
        const rects = el.getClientRects();
        const rect = rects[rects.length - 1];
        return rect ? { x: rect.right, y: rect.top + rect.height / 2 } : null;
      },
    );
    if (!last) throw new Error('no quotation box');
    await page.mouse.click(last.x + 6, last.y);
    await page.keyboard.type(' After.');
    await expect.poll(() => paragraphs.first().textContent()).toMatch(/”1(?:–|[A-F][1-6])? After\.$/);
    expect(await editor.getByRole('textbox', { name: 'Quotation' }).count()).toBe(0);

    // ✎ opens on its own key.
    await quote.getByRole('button', { name: 'Edit quotation' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => editor.getByRole('textbox', { name: 'Quotation' }).count()).toBe(1);
    await editor.getByRole('button', { name: 'Cancel' }).click();
    expect(app.pageErrors).toEqual([]);
  });

  it('moves a quotation by dragging it within the note, and the footnotes renumber', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    const paragraphs = editor.locator('p');
    // The caret must be in the second paragraph before the quotation goes in at it: the first
    // test ended in the quotation editor, and under load a click can land before the note has
    // taken focus back (once, in a full run, the quotation went elsewhere).
    await expect
      .poll(async () => {
        await paragraphs.nth(1).click();
        await page.keyboard.press('End');
        return paragraphs
          .nth(1)
          .evaluate(
            (p: {
              contains(node: unknown): boolean;
              ownerDocument: { getSelection(): { focusNode: unknown } | null };
            }) => p.contains(p.ownerDocument.getSelection()?.focusNode ?? null),
          );
      })
      .toBe(true);
    await openResult(page, 'security ties', /Canada, South Korea plan to boost security ties/);
    await quoteFirstParagraph(page);
    const footnotes = page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem');
    await expect.poll(() => footnotes.count()).toBe(2);
    expect(await footnotes.nth(0).textContent()).toContain('The Canadian Press');

    // The second quotation (South Korea) dragged to the start of the first paragraph.
    await paragraphs
      .nth(1)
      .locator('.excerpt')
      .dragTo(paragraphs.nth(0), { targetPosition: { x: 2, y: 5 } });
    await expect.poll(() => paragraphs.nth(0).textContent()).toMatch(/^“.+”1(?:–|[A-F][1-6])? ?Our view/);
    await expect.poll(() => paragraphs.nth(1).locator('.excerpt').count()).toBe(0);
    expect(await paragraphs.nth(1).textContent()).toMatch(/^Their view\.\s*$/);
    await expect.poll(() => footnotes.nth(1).textContent()).toContain('The Canadian Press');
    expect(await editor.locator('sup').allTextContents()).toEqual(['1', '2']);
    // One undo puts it back.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => paragraphs.nth(1).locator('.excerpt').count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });
});
