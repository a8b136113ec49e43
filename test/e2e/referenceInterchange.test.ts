import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    const note = await footnotes.getByRole('listitem').first().textContent();
    expect(note).toContain('Canada Mortgage and Housing Corporation');
    expect(note).toContain('Rental Market Report: Fall 2024');

    await page.getByRole('combobox', { name: 'Reference format' }).selectOption('ris');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export references' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('sources.ris');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('TI  - Rental Market Report: Fall 2024');
    expect(text).toContain('DA  - 2025/01/31/');
    expect(app.pageErrors).toEqual([]);
  });
});
