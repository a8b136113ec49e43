import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { docxParts, libreOfficePdfText, pandocMarkdown } from '../support/docxReaders';
import { ROOT, useBrowserMode } from './support/browserMode';

const ARTEFACTS = join(ROOT, 'test-results');

async function openResult(page: Page, query: string, title: RegExp): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search sources' });
  await search.fill(query);
  const results = page.getByRole('list', { name: 'Search results' });
  await results.getByRole('button', { name: title }).click();
  await expect
    .poll(() => page.getByRole('region', { name: 'Source' }).getByRole('heading').textContent())
    .toMatch(title);
}

describe('an analyst on a fresh archive (browser mode)', () => {
  const app = useBrowserMode();

  it('searches, reads, drags cited excerpts into the note and exports a footnoted .docx', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.count()).toBe(1);

    // 2. Search: ranked results with the matching words highlighted.
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('Five Eyes');
    const results = page.getByRole('list', { name: 'Search results' });
    // Three seeds mention Five Eyes; two are one story in two languages, listed once.
    await expect.poll(() => results.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
    const marks = await results.getByRole('listitem').first().locator('mark').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining([expect.stringMatching(/five|eyes/)]));

    // Two paragraphs of the analyst's own words.
    await editor.click();
    await page.keyboard.type('Canada already shares intelligence widely.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Talks with Japan are under way.');
    const noteParagraphs = editor.locator('p');
    await expect.poll(() => noteParagraphs.count()).toBe(2);

    // 3. Open a result: title, outlet and author in the reader.
    await openResult(page, 'Five Eyes', /Canada, Japan begin formal talks/);
    const reader = page.getByRole('region', { name: 'Source' });
    await expect.poll(() => reader.textContent()).toContain('The Canadian Press');

    // 4. Drag a sentence into the second paragraph, where it is dropped.
    const fiveEyes = reader.locator('p', { hasText: /^Canada is part of the Five Eyes/ });
    await fiveEyes.selectText();
    await fiveEyes.dragTo(noteParagraphs.nth(1), { targetPosition: { x: 5, y: 5 } });
    // Dropped just inside "Talks": it lands before the word, not in the middle of it.
    await expect
      .poll(() => noteParagraphs.nth(1).textContent())
      .toMatch(/^“Canada is part of the Five Eyes.*”1(?:–|[A-F][1-6])? Talks with Japan/);
    expect(await noteParagraphs.nth(0).textContent()).not.toContain('Five Eyes');

    const footnotes = page.getByRole('list', { name: 'Footnotes' });
    await expect.poll(() => footnotes.getByRole('listitem').count()).toBe(1);
    // The full citation comes once citeproc's chunk has loaded (after first paint).
    await expect.poll(() => footnotes.getByRole('listitem').first().textContent()).toContain('The Canadian Press');

    // A second excerpt from another source, dropped earlier in the note, takes footnote 1.
    await openResult(page, 'security ties', /Canada, South Korea plan to boost security ties/);
    const proposal = reader.locator('p', { hasText: /^The proposed agreement would allow/ });
    await proposal.selectText();
    await proposal.dragTo(noteParagraphs.nth(0), { targetPosition: { x: 5, y: 5 } });
    await expect
      .poll(() => noteParagraphs.nth(0).textContent())
      .toMatch(/^“The proposed agreement would allow.*”1(?:–|[A-F][1-6])? Canada already/);
    await expect.poll(() => footnotes.getByRole('listitem').count()).toBe(2);
    const citations = await footnotes.getByRole('listitem').allTextContents();
    expect(citations[0]).toContain('April 13, 2023');
    expect(citations[1]).toContain('The Canadian Press');
    expect(await editor.locator('sup').allTextContents()).toEqual(['1', '2']);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved');

    mkdirSync(ARTEFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTEFACTS, 'browser-mode.png') });

    // 5. Export to Word: real footnotes, readable by pandoc and LibreOffice.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export to Word' }).click(),
    ]);
    const docxFile = join(ARTEFACTS, 'analyst-path.docx');
    await download.saveAs(docxFile);
    const parts = docxParts(readFileSync(docxFile));
    expect(parts['word/document.xml']?.match(/<w:footnoteReference\b/g)).toHaveLength(2);
    expect(parts['word/footnotes.xml']).toContain('The Canadian Press');

    const markdown = pandocMarkdown(docxFile);
    expect(markdown).toMatch(/“The proposed agreement would allow[^”]*”\[\^1\]/);
    expect(markdown).toMatch(/“Canada is part of the Five Eyes[^”]*”\[\^2\]/);
    expect(markdown).toMatch(/\[\^1\]: .*April 13, 2023/);
    expect(markdown).toMatch(/\[\^2\]: .*The Canadian Press/);

    const { pdf, text } = libreOfficePdfText(docxFile);
    copyFileSync(pdf, join(ARTEFACTS, 'analyst-path.pdf'));
    expect(text).toContain('Five Eyes');
    expect(app.pageErrors).toEqual([]);
  });

  it('keeps the note after a reload', async () => {
    const { page } = app;
    await page.reload();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.textContent()).toContain('“Canada is part of the Five Eyes');
    await expect.poll(() => page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem').count()).toBe(2);
  });

  it('cites a passage without quoting it: a footnote in the short form, that shows the passage', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await editor.locator('p').nth(1).click();
    await page.keyboard.press('End');
    await openResult(page, 'security ties', /Canada, South Korea plan to boost security ties/);
    const reader = page.getByRole('region', { name: 'Source' });
    await reader.locator('p', { hasText: /^The proposed agreement would allow/ }).selectText();
    await reader.getByRole('button', { name: 'Cite source' }).click();

    const footnotes = page.getByRole('list', { name: 'Footnotes' });
    await expect.poll(() => footnotes.getByRole('listitem').count()).toBe(3);
    // Its source was cited in full by footnote 1, so this one is Chicago's short note: short title, no date.
    const third = (await footnotes.getByRole('listitem').allTextContents())[2];
    expect(third).toContain('“Canada, South Korea Plan.”');
    expect(third).not.toContain('2023');
    await openResult(page, 'Five Eyes', /Canada, Japan begin formal talks/);
    await footnotes.getByRole('button').nth(2).click();
    await expect
      .poll(() => reader.locator('mark.passage').textContent())
      .toMatch(/^The proposed agreement would allow/);
    expect(app.pageErrors).toEqual([]);
  });
});
