import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import apa from '../../shared/csl/vendor/apa';
import { docxParts } from '../support/docxReaders';
import { type BrowserMode, useBrowserMode } from './support/browserMode';

/** The footnotes of a Word file, by number, as a reader sees their text (the space after the mark dropped). */
function wordFootnotes(file: string): string[] {
  const xml = docxParts(readFileSync(file))['word/footnotes.xml']!;
  return [...xml.matchAll(/<w:footnote w:id="(\d+)">([\s\S]*?)<\/w:footnote>/g)]
    .filter((match) => Number(match[1]) > 0)
    .map((match) =>
      [...match[2]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)]
        .map((text) => text[1]!)
        .join('')
        .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
        .replace(/^ /, ''),
    );
}

const footnoteList = (page: Page) => page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem');

/** A new brief from `template`, with the seed source on Canada–Korea security ties open in the reader. */
async function newBriefQuoting(page: Page, template: string) {
  await page.getByRole('button', { name: 'New brief' }).click();
  await page.getByRole('button', { name: template }).click();
  await page.getByRole('searchbox', { name: 'Search sources' }).fill('security ties');
  await page
    .getByRole('list', { name: 'Search results' })
    .getByRole('button', { name: /security ties/ })
    .click();
  return page.getByRole('textbox', { name: 'Briefing note' });
}

async function exportWord(app: BrowserMode, name: string): Promise<string> {
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    app.page.getByRole('button', { name: 'Export to Word' }).click(),
  ]);
  const file = join(app.dataDir, name);
  await download.saveAs(file);
  return file;
}

describe('citation styles (browser mode)', () => {
  const app = useBrowserMode();

  it('formats a French note’s footnotes in French, in the editor and in Word alike, in each style', async () => {
    const { page } = app;
    const editor = await newBriefQuoting(page, 'Note de breffage (français)');
    const sentence = page.getByRole('region', { name: 'Source' }).locator('p', { hasText: /^The proposed agreement/ });
    // The same source quoted twice: a full note, then a short one. French quotation marks hold
    // a no-break space on their inner side.
    for (const section of ['Objet', 'Contexte']) {
      const paragraph = editor.locator(`h2:has-text("${section}") + p`);
      await sentence.selectText();
      await sentence.dragTo(paragraph, { targetPosition: { x: 3, y: 5 } });
    }
    await expect.poll(() => footnoteList(page).count()).toBe(2);

    const style = page.getByRole('combobox', { name: 'Citation style' });
    await expect.poll(() => style.inputValue()).toBe('chicago-fullnote-bibliography');
    await expect
      .poll(() => footnoteList(page).allTextContents())
      .toEqual([
        '«\u00a0Canada, South Korea plan to boost security ties, launch talks on intelligence-sharing\u00a0», 13 avril 2023.',
        '«\u00a0Canada, South Korea plan\u00a0».',
      ]);
    const chicago = await footnoteList(page).allTextContents();
    expect(wordFootnotes(await exportWord(app, 'chicago.docx'))).toEqual(chicago);

    await style.selectOption('apa');
    await expect
      .poll(() => footnoteList(page).allTextContents())
      .toEqual(['(Canada, South Korea plan, 2023)', '(Canada, South Korea plan, 2023)']);
    const apa = await footnoteList(page).allTextContents();
    expect(wordFootnotes(await exportWord(app, 'apa.docx'))).toEqual(apa);
    expect(app.pageErrors).toEqual([]);
  });

  it('keeps a style file the analyst adds, and refuses one citeproc cannot use', async () => {
    const { page } = app;
    const file = page.getByLabel('Add a CSL style file');
    await file.setInputFiles({
      name: 'broken.csl',
      mimeType: 'application/xml',
      buffer: Buffer.from('<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="note">'),
    });
    await expect.poll(() => page.getByRole('alert').allTextContents()).toContainEqual(expect.stringMatching(/CSL/));
    const style = page.getByRole('combobox', { name: 'Citation style' });
    expect(await style.inputValue()).toBe('apa');

    // A department's own style: here APA renamed and set to close its in-text citations with a full stop.
    const ours = apa
      .replace('<title>American Psychological Association 7th edition</title>', '<title>Departmental style</title>')
      .replace('<layout prefix="(" suffix=")"', '<layout prefix="(" suffix=")."');
    expect(ours).not.toBe(apa);
    await file.setInputFiles({ name: 'ours.csl', mimeType: 'application/xml', buffer: Buffer.from(ours) });
    await expect.poll(() => style.locator('option:checked').textContent()).toBe('Departmental style');
    await expect
      .poll(() => footnoteList(page).allTextContents())
      .toEqual(['(Canada, South Korea plan, 2023).', '(Canada, South Korea plan, 2023).']);
    expect(wordFootnotes(await exportWord(app, 'ours.docx'))).toEqual(await footnoteList(page).allTextContents());
  });

  it('shows the Admiralty grade in the footnote list while the export will carry it, as Word gets it', async () => {
    const { page } = app;
    const editor = await newBriefQuoting(page, 'Briefing note (English)');
    const reader = page.getByRole('region', { name: 'Source' });
    await reader.getByRole('button', { name: 'Edit details' }).click();
    const form = page.getByRole('form', { name: 'Source details' });
    await form.getByLabel('Reliability').selectOption('B');
    await form.getByLabel('Credibility').selectOption('2');
    await form.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => reader.textContent()).toContain('Graded B2');
    const sentence = reader.locator('p', { hasText: /^The proposed agreement/ });
    await sentence.selectText();
    await sentence.dragTo(editor.locator('h2 + p').first(), { targetPosition: { x: 3, y: 5 } });
    await expect.poll(() => footnoteList(page).count()).toBe(1);
    await page.getByRole('combobox', { name: 'Citation style' }).selectOption('chicago-fullnote-bibliography');
    await expect.poll(() => footnoteList(page).allTextContents()).toEqual([expect.not.stringContaining('[B2]')]);

    await page.getByText('Export options').click();
    await page.getByRole('checkbox', { name: 'Add Admiralty grades to citations' }).check();
    await expect.poll(() => footnoteList(page).allTextContents()).toEqual([expect.stringMatching(/\. \[B2\]$/)]);
    expect(wordFootnotes(await exportWord(app, 'graded.docx'))).toEqual(await footnoteList(page).allTextContents());
    expect(app.pageErrors).toEqual([]);
  });

  it('refreshes the grade in the footnote list when a cited source is graded or regraded while grades are on', async () => {
    const { page } = app;
    const editor = await newBriefQuoting(page, 'Briefing note (English)');
    const withGrades = page.getByRole('checkbox', { name: 'Add Admiralty grades to citations' });
    if (!(await withGrades.isVisible())) await page.getByText('Export options').click();
    await withGrades.check();
    const reader = page.getByRole('region', { name: 'Source' });
    const sentence = reader.locator('p', { hasText: /^The proposed agreement/ });
    await sentence.selectText();
    await sentence.dragTo(editor.locator('h2 + p').first(), { targetPosition: { x: 3, y: 5 } });
    await expect.poll(() => footnoteList(page).count()).toBe(1);

    const grade = async (reliability: string, credibility: string) => {
      await reader.getByRole('button', { name: 'Edit details' }).click();
      const form = page.getByRole('form', { name: 'Source details' });
      await form.getByLabel('Reliability').selectOption(reliability);
      await form.getByLabel('Credibility').selectOption(credibility);
      await form.getByRole('button', { name: 'Save details' }).click();
      await expect.poll(() => reader.textContent()).toContain(`Graded ${reliability}${credibility}`);
    };
    // (Re)graded after its grade was read for the list: the list follows each time, with no reload.
    await grade('D', '4');
    await expect.poll(() => footnoteList(page).allTextContents()).toEqual([expect.stringMatching(/\. \[D4\]$/)]);
    await grade('C', '3');
    await expect.poll(() => footnoteList(page).allTextContents()).toEqual([expect.stringMatching(/\. \[C3\]$/)]);
    expect(wordFootnotes(await exportWord(app, 'regraded.docx'))).toEqual(await footnoteList(page).allTextContents());
    expect(app.pageErrors).toEqual([]);
  });
});
