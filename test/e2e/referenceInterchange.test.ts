import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxParts } from '../support/docxReaders';
import { useBrowserMode } from './support/browserMode';

describe('sources to and from a reference manager (browser mode)', () => {
  const app = useBrowserMode();

  it('imports a Zotero BibTeX file as a citable source without text, and exports references', async () => {
    const { page } = app;
    const file = join(app.dataDir, 'My Library.bib');
    writeFileSync(
      file,
      `@techreport{cmhc2025,
  title = {Rental Market Report: Fall 2024},
  author = {{Canada Mortgage and Housing Corporation}},
  year = {2025}, month = jan, date = {2025-01-31},
  url = {https://example.ca/rental-market}
}
`,
    );
    await page.getByLabel('Files to import').setInputFiles([file]);
    await expect.poll(() => page.getByText(/1 imported/).count()).toBe(1);

    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await editor.click();
    await page.keyboard.type('Vacancy rates rose in most cities.');
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('rental market');
    const results = page.getByRole('list', { name: 'Search results' });
    const hit = results.getByRole('button', { name: /Rental Market Report/ });
    await expect.poll(() => hit.count()).toBe(1);
    await hit.click();
    const reader = page.getByRole('region', { name: 'Source' });
    await expect.poll(() => reader.textContent()).toContain('it can be cited, not quoted');
    await reader.getByRole('button', { name: 'Cite source' }).click();
    const footnotes = page.getByRole('list', { name: 'Footnotes' });
    await expect.poll(() => footnotes.getByRole('listitem').count()).toBe(1);
    // The full citation comes once citeproc's chunk has loaded (after first paint).
    const note = footnotes.getByRole('listitem').first();
    await expect.poll(() => note.textContent()).toContain('Canada Mortgage and Housing Corporation');
    expect(await note.textContent()).toContain('Rental Market Report: Fall 2024');

    await page.getByRole('combobox', { name: 'Reference format' }).selectOption('ris');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export references' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('sources.ris');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('TI  - Rental Market Report: Fall 2024');
    expect(text).toContain('DA  - 2025/01/31/');

    // Only the sources ticked, when some are: one of a wider search's results.
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('Canada');
    await expect.poll(() => results.getByRole('listitem').count()).toBeGreaterThan(1);
    const picked = (await results.locator('.result-title').nth(1).textContent()) ?? '';
    await results.getByRole('checkbox', { name: `Select ${picked} for reference export` }).check();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '1 source selected' }).count()).toBe(1);
    await page.getByRole('combobox', { name: 'Reference format' }).selectOption('csl-json');
    const [selectedDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export references' }).click(),
    ]);
    const items = JSON.parse(readFileSync((await selectedDownload.path())!, 'utf8')) as { title: string }[];
    expect(items.map((item) => item.title)).toEqual([picked]);
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'selected' }).count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('cites entries dated by year or month with that year or month, in the list and in Word', async () => {
    const { page } = app;
    const file = join(app.dataDir, 'Dated.bib');
    writeFileSync(
      file,
      `@report{statcan2023,
  title = {Housing Economic Account},
  author = {{Statistics Canada}},
  year = {2023}
}
@article{herald2024,
  title = {Rents climb again in Halifax},
  journal = {The Chronicle Herald},
  author = {Tremblay, Jane},
  year = {2024}, month = mar
}
`,
    );
    await page.getByLabel('Files to import').setInputFiles([file]);
    await expect.poll(() => page.getByText(/2 imported/).count()).toBe(1);
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    const reader = page.getByRole('region', { name: 'Source' });
    const footnotes = page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem');
    const before = await footnotes.count();
    for (const [query, title] of [
      ['housing economic account', /Housing Economic Account/],
      ['rents climb halifax', /Rents climb again/],
    ] as const) {
      await editor.click();
      await page.keyboard.press('Control+End');
      await page.getByRole('searchbox', { name: 'Search sources' }).fill(query);
      await page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: title }).click();
      await expect.poll(() => reader.textContent()).toContain('it can be cited, not quoted');
      await reader.getByRole('button', { name: 'Cite source' }).click();
    }
    // The reader's byline gives the month, and the notes give the year or month: never "n.d.", no day.
    await expect.poll(() => reader.textContent()).toContain('March 2024');
    await expect.poll(() => footnotes.count()).toBe(before + 2);
    const notes = (await footnotes.allTextContents()).slice(before);
    expect(notes.find((note) => note.includes('Housing Economic Account'))).toMatch(/,” 2023\.$/);
    expect(notes.find((note) => note.includes('Rents'))).toContain('The Chronicle Herald, March 2024.');
    for (const note of notes) expect(note).not.toMatch(/n\.d\./);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export to Word' }).click(),
    ]);
    const word = docxParts(readFileSync((await download.path())!))['word/footnotes.xml']!;
    expect(word).toContain('March 2024');
    expect(word).not.toMatch(/n\.d\./);
    expect(app.pageErrors).toEqual([]);
  });
});
