import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ROOT, useBrowserMode } from './support/browserMode';

async function openSource(page: Page, query: string, title: RegExp): Promise<Locator> {
  await page.getByRole('searchbox', { name: 'Search sources' }).fill(query);
  await page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: title }).click();
  const reader = page.getByRole('region', { name: 'Source' });
  await expect.poll(() => reader.getByRole('heading').first().textContent()).toMatch(title);
  return reader;
}

/** Puts the caret at the end of the paragraph following a section heading of the note. */
async function caretInSection(editor: Locator, heading: string): Promise<Locator> {
  const paragraph = editor.locator(`h2:has-text("${heading}") + p`);
  await paragraph.click();
  await editor.page().keyboard.press('End');
  return paragraph;
}

const footnoteTexts = (page: Page) =>
  page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem').allTextContents();

describe('the briefing editor (browser mode)', () => {
  const app = useBrowserMode();

  it('creates a brief from the English template, quotes by drag and by keyboard, renumbers, undoes', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New brief' }).click();
    await page.getByRole('button', { name: 'Briefing note (English)' }).click();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    for (const section of ['Purpose', 'Background', 'Current Status', 'Considerations', 'Recommendation']) {
      await expect.poll(() => editor.getByRole('heading', { name: new RegExp(section) }).count()).toBe(1);
    }
    await expect.poll(() => page.getByRole('list', { name: 'Briefs' }).getByRole('listitem').count()).toBe(2);

    // Drag a sentence from one source into Background.
    const background = await caretInSection(editor, 'Background');
    await page.keyboard.type('Canada belongs to the main Western alliance.');
    let reader = await openSource(page, 'Five Eyes', /Canada, Japan begin formal talks/);
    const fiveEyes = reader.locator('p', { hasText: /^Canada is part of the Five Eyes/ });
    await fiveEyes.selectText();
    await fiveEyes.dragTo(background, { targetPosition: { x: 3, y: 5 } });
    await expect.poll(() => footnoteTexts(page)).toHaveLength(1);

    // Insert another, by keyboard, from a second source, in Purpose: it comes first.
    await caretInSection(editor, 'Purpose');
    await page.keyboard.type('To note the talks.');
    // No wait for the typing's undo step to close: a quotation is always an undo step of its own.
    reader = await openSource(page, 'security ties', /Canada, South Korea plan to boost security ties/);
    await reader.locator('p', { hasText: /^The proposed agreement would allow/ }).selectText();
    await page.keyboard.press('Control+Shift+Q');
    await expect.poll(() => footnoteTexts(page)).toHaveLength(2);
    let notes = await footnoteTexts(page);
    expect(notes[0]).toContain('April 13, 2023');
    expect(notes[1]).toContain('The Canadian Press');

    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'briefing-note.png') });

    // Undo the keyboard quotation: the footnotes renumber back.
    await editor.click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => footnoteTexts(page)).toHaveLength(1);
    notes = await footnoteTexts(page);
    expect(notes[0]).toContain('The Canadian Press');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => footnoteTexts(page)).toHaveLength(2);
  });

  it('shows the cited passage in the reader when a footnote is clicked', async () => {
    const { page } = app;
    const footnotes = page.getByRole('list', { name: 'Footnotes' });
    await footnotes.getByRole('button').nth(1).click();
    const reader = page.getByRole('region', { name: 'Source' });
    await expect
      .poll(() => reader.getByRole('heading').first().textContent())
      .toMatch(/Canada, Japan begin formal talks/);
    await expect.poll(() => reader.locator('mark.passage').textContent()).toMatch(/^Canada is part of the Five Eyes/);
  });

  it('flags an edited quotation and restores it', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    // The Background excerpt: the second in document order (the Purpose one comes first).
    const quote = editor.locator('.excerpt-quote').nth(1);
    expect(await quote.textContent()).toContain('Five Eyes');
    // ✎ shows on hovering the quotation (or focusing it), over its opening mark: inside the
    // quotation's box, so the block around it may skip painting while off-screen.
    await quote.hover();
    const pencil = quote.getByRole('button', { name: 'Edit quotation' });
    const [pencilBox, quoteBox] = await Promise.all([pencil.boundingBox(), quote.boundingBox()]);
    if (!pencilBox || !quoteBox) throw new Error('no ✎ or quotation box');
    expect(pencilBox.y).toBeGreaterThanOrEqual(quoteBox.y - 0.5);
    expect(pencilBox.x).toBeGreaterThanOrEqual(quoteBox.x - 0.5);
    const blockVisibility = await quote.evaluate((el: { closest(s: string): unknown }) => {
      const block = el.closest('.editor-input > *') as object;
      return (globalThis as unknown as { getComputedStyle(e: object): { contentVisibility: string } }).getComputedStyle(
        block,
      ).contentVisibility;
    });
    expect(blockVisibility).toBe('auto');
    await pencil.click();
    await quote
      .getByRole('textbox', { name: 'Quotation' })
      .fill('Canada is part of the Six Eyes Intelligence Alliance.');
    await quote.getByRole('button', { name: 'Save quotation' }).click();
    await expect.poll(() => quote.getAttribute('aria-invalid')).toBe('true');
    expect(await quote.textContent()).toContain('Not the source’s words');
    await quote.getByRole('button', { name: 'Restore original' }).click();
    await expect.poll(() => quote.getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => quote.textContent()).toContain('Five Eyes Intelligence Alliance');
  });

  it('keeps everything after a reload', async () => {
    const { page } = app;
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^Sav/ }).textContent()).toBe('Saved');
    await page.reload();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.getByRole('heading', { name: 'Purpose' }).count()).toBe(1);
    await expect.poll(() => footnoteTexts(page)).toHaveLength(2);
    expect(await editor.textContent()).toContain('To note the talks.');
  });

  it('says the archive could not be reached, rather than that the quoted sources are gone', async () => {
    const { page } = app;
    // The refused requests are logged by the page; they are the point of this test, not a fault.
    onTestFinished(() => {
      app.pageErrors.length = 0;
    });
    // The host stops answering getSource: the renderer's real client sees a failed request.
    await page.route('**/api/getSource', (route) => route.abort());
    await page.reload();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => footnoteTexts(page)).toHaveLength(2);
    const message = page.getByRole('alert');
    await page.getByRole('button', { name: 'Check quotes' }).click();
    await expect.poll(() => message.textContent()).toContain('Could not reach the archive to check quotations');
    expect(await editor.locator('[aria-invalid="true"]').count()).toBe(0);
    expect(await editor.textContent()).not.toContain('no longer in the archive');

    // The failure was not remembered: once the archive answers, the same session checks them.
    await page.unroute('**/api/getSource');
    await page.getByRole('button', { name: 'Check quotes' }).click();
    await expect.poll(() => message.textContent()).toContain('Every quotation matches its source.');
  });

  it('restores a snapshot, and the restore can be undone', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'History' }).click();
    const snapshots = page.getByRole('list', { name: 'Snapshots' });
    await page.getByRole('button', { name: 'Take snapshot' }).click();
    await expect.poll(() => snapshots.getByRole('button', { name: 'Restore' }).count()).toBe(1);

    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await caretInSection(editor, 'Considerations');
    await page.keyboard.type('A sentence written after the snapshot.');
    await expect.poll(() => editor.textContent()).toContain('after the snapshot');

    await snapshots.getByRole('button', { name: 'Restore' }).first().click();
    await expect.poll(() => editor.textContent()).not.toContain('after the snapshot');
    await expect.poll(() => footnoteTexts(page)).toHaveLength(2);
    // The state before the restore was kept as a snapshot too.
    await expect.poll(() => snapshots.getByRole('button', { name: 'Restore' }).count()).toBe(2);

    await editor.click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => editor.textContent()).toContain('after the snapshot');
    expect(app.pageErrors).toEqual([]);
  });

  it('renames, duplicates, deletes to the trash and restores briefs; opens a French note', async () => {
    const { page } = app;
    const briefs = page.getByRole('list', { name: 'Briefs' });
    await briefs.getByRole('button', { name: 'Rename Briefing note' }).click();
    await briefs.getByRole('textbox', { name: 'New title' }).fill('Korea intelligence pact');
    await briefs.getByRole('button', { name: 'Save title' }).click();
    await expect.poll(() => briefs.textContent()).toContain('Korea intelligence pact');

    await briefs.getByRole('button', { name: 'Duplicate Korea intelligence pact' }).click();
    await expect.poll(() => briefs.textContent()).toContain('Korea intelligence pact (copy)');
    await briefs.getByRole('button', { name: 'Delete Korea intelligence pact (copy)' }).click();
    await expect.poll(() => briefs.textContent()).not.toContain('(copy)');
    await page.getByRole('button', { name: 'Trash' }).click();
    const trash = page.getByRole('list', { name: 'Trash' });
    await trash.getByRole('button', { name: 'Restore Korea intelligence pact (copy)' }).click();
    await expect.poll(() => briefs.textContent()).toContain('(copy)');

    await page.getByRole('button', { name: 'New brief' }).click();
    await page.getByRole('button', { name: 'Note de breffage (français)' }).click();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    for (const section of ['Objet', 'Contexte', 'Situation actuelle', 'Considérations', 'Recommandation']) {
      await expect.poll(() => editor.getByRole('heading', { name: new RegExp(section) }).count()).toBe(1);
    }
    await expect.poll(() => editor.getByRole('textbox', { name: 'Destinataire' }).count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });
});
