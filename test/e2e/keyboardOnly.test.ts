import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxParts } from '../support/docxReaders';
import { useBrowserMode } from './support/browserMode';
import { countPointerEvents, isFocused, pointerEvents, selectedText, tabTo } from './support/keyboardWalk';

describe('a brief written with the keyboard alone (browser mode)', () => {
  const app = useBrowserMode();

  it('creates a brief, searches, opens a result, selects a sentence, quotes it, cites another source and exports', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.count()).toBe(1);
    await countPointerEvents(page);

    // Create a blank brief.
    await tabTo(page, page.getByRole('button', { name: 'New brief' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Blank note' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('textbox', { name: 'Brief title' }).inputValue()).toBe('Untitled brief');
    const briefs = page.getByRole('list', { name: 'Briefs' }).getByRole('listitem');
    await expect.poll(() => briefs.count()).toBe(2);

    // A sentence of our own in the note.
    await tabTo(page, editor);
    await page.keyboard.type('Canada and Japan are talking. ');

    // Search, and open the first result.
    await tabTo(page, page.getByRole('searchbox', { name: 'Search sources' }));
    await page.keyboard.type('Five Eyes Japan');
    const results = page.getByRole('list', { name: 'Search results' });
    // The whole query's results, not those of a search made while typing (slow keys under load).
    await expect
      .poll(() => results.getByRole('listitem').first().textContent())
      .toMatch(/Canada, Japan begin formal talks/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const reader = page.getByRole('region', { name: 'Source' });
    await expect.poll(() => reader.getByRole('heading').textContent()).toMatch(/Canada, Japan begin formal talks/);

    // Ctrl+Shift+Q with nothing selected says what to do.
    await page.keyboard.press('Control+Shift+Q');
    await expect.poll(() => reader.getByRole('status').textContent()).toBe('Select a passage in the source first');

    // Into the text: the caret starts at its beginning; down a line or two, then S selects that sentence.
    const text = reader.getByRole('textbox', { name: 'Source text' });
    await tabTo(page, text);
    const body = await text.textContent();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('s');
    const selected = await selectedText(page);
    expect(selected.length).toBeGreaterThan(10);
    expect(body).toContain(selected);
    expect(selected).toMatch(/^[\p{Lu}“"].*[.!?”"]$/u);
    // P widens it to the paragraph.
    await page.keyboard.press('p');
    const paragraph = await selectedText(page);
    expect(paragraph).toContain(selected);
    await page.keyboard.press('s');
    // The reader's text is read-only: typing there changes nothing, and the selection stays.
    await page.keyboard.type('xyz');
    await page.keyboard.press('Backspace');
    expect(await text.textContent()).toBe(body);
    expect(await selectedText(page)).toBe(selected);
    await page.keyboard.press('Control+Shift+Q');
    await expect.poll(() => editor.textContent()).toContain(`“${selected}”`);
    await expect.poll(() => reader.getByRole('status').count()).toBe(0);
    const footnotes = page.getByRole('list', { name: 'Footnotes' });
    await expect.poll(() => footnotes.getByRole('listitem').count()).toBe(1);
    // The caret is in the note, just after the quotation: writing goes on there.
    expect(await isFocused(editor)).toBe(true);
    // The quotation's grade mark ("–" ungraded, or "B2") follows its footnote number once the
    // brief's integrity facts arrive: wait for it, so the text compared below is the final one.
    await expect.poll(() => editor.getByRole('img', { name: /^(Ungraded|Graded [A-F][1-6])$/ }).count()).toBe(1);
    await page.keyboard.type(' Talks began.');
    await expect.poll(() => editor.textContent()).toMatch(/”1(–|[A-F][1-6]) Talks began\.$/);

    // Cite another source, found by a second search.
    await tabTo(page, page.getByRole('searchbox', { name: 'Search sources' }), { backwards: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('security ties');
    await expect
      .poll(() => results.getByRole('listitem').first().textContent())
      .toMatch(/Canada, South Korea plan to boost security ties/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => reader.getByRole('heading').textContent()).toMatch(/South Korea/);
    await tabTo(page, reader.getByRole('button', { name: 'Cite source' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => footnotes.getByRole('listitem').count()).toBe(2);
    expect(await editor.locator('sup').allTextContents()).toEqual(['1', '2']);

    // Back in the note after citing; F1 shows the shortcuts, and Escape returns to the note.
    expect(await isFocused(editor)).toBe(true);
    await page.keyboard.press('F1');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => shortcuts.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => shortcuts.count()).toBe(0);
    expect(await isFocused(editor)).toBe(true);

    // Export.
    const exportButton = page.getByRole('button', { name: 'Export to Word' });
    await tabTo(page, exportButton, { backwards: true });
    // Outside a text field, `?` shows the shortcuts too; focus comes back to the Export button.
    await page.keyboard.press('?');
    await expect.poll(() => shortcuts.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => isFocused(exportButton)).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const file = join(app.dataDir, 'keyboard.docx');
    await download.saveAs(file);
    expect(docxParts(readFileSync(file))['word/document.xml']?.match(/<w:footnoteReference\b/g)).toHaveLength(2);

    expect(await pointerEvents(page)).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
