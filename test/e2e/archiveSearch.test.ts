import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';

describe('searching the archive (browser mode)', () => {
  const app = useBrowserMode();

  it('offers a correction, filters with chips, and opens a clustered source by keyboard', async () => {
    const { page } = app;
    const search = page.getByRole('searchbox', { name: 'Search sources' });
    const results = page.getByRole('list', { name: 'Search results' });

    // A misspelt minister: no results, and a correction from the archive's own words.
    await search.fill('Joyl');
    await page.getByRole('button', { name: 'joly' }).click();
    await expect.poll(() => search.inputValue()).toBe('joly');
    await expect.poll(() => results.getByRole('listitem').count()).toBeGreaterThanOrEqual(3);

    // A filter becomes a chip; removing the chip widens the search again.
    await search.fill('joly outlet:"canadian press"');
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    await expect.poll(() => results.textContent()).toContain('Canada, Japan begin formal talks');
    const chips = page.getByRole('list', { name: 'Filters' });
    await chips.getByRole('button', { name: /Remove filter outlet/ }).click();
    await expect.poll(() => search.inputValue()).toBe('joly');
    await expect.poll(() => results.getByRole('listitem').count()).toBeGreaterThanOrEqual(3);

    // Aliases are filters too (source: is outlet:, language: is lang:), so each has its chip.
    await search.fill('joly source:"canadian press" language:en');
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    await expect
      .poll(() => chips.getByRole('button', { name: 'Remove filter source: canadian press' }).count())
      .toBe(1);
    await chips.getByRole('button', { name: 'Remove filter language: en' }).click();
    await expect.poll(() => search.inputValue()).toBe('joly source:"canadian press"');

    // The two translations of the La Presse story are one cluster, listed once: "2 versions".
    // Polled on the text: the previous search also left exactly one result on screen.
    await search.fill('"Park Jin"');
    await expect.poll(() => results.textContent()).toContain('2 versions');
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);

    // Keyboard: ↓ from the search box to the first result, Enter opens it.
    await search.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const reader = page.getByRole('region', { name: 'Source' });
    await expect.poll(() => reader.locator('mark').first().textContent()).toMatch(/Park Jin/);
    await reader.getByText('2 versions of this story').click();
    const versions = reader.getByRole('list', { name: 'Versions' });
    const other = versions.getByRole('button').and(page.locator(':not([aria-current])'));
    const otherTitle = (await other.textContent()) ?? '';
    await other.click();
    await expect.poll(() => reader.getByRole('heading').first().textContent()).toBe(otherTitle.split(' — ')[0]);
    expect(app.pageErrors).toEqual([]);
  });

  it('saves the analyst’s grading of a source', async () => {
    const { page } = app;
    const reader = page.getByRole('region', { name: 'Source' });
    await reader.getByRole('button', { name: 'Edit details' }).click();
    const form = page.getByRole('form', { name: 'Source details' });
    await form.getByLabel('Reliability').selectOption('B');
    await form.getByLabel('Credibility').selectOption('2');
    await form.getByLabel('Tags (comma-separated)').fill('korea, intelligence');
    await form.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => reader.textContent()).toContain('Graded B2');
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('tag:korea');
    await expect.poll(() => page.getByRole('list', { name: 'Search results' }).getByRole('listitem').count()).toBe(1);
  });

  it('imports files picked in the UI, reporting each one, without running their scripts', async () => {
    const { page } = app;
    const page1 = join(app.dataDir, 'arctic.html');
    writeFileSync(
      page1,
      `<html><head><title>Arctic radar deal</title><meta property="og:site_name" content="Northern Wire">
      <script>window.pwned = true</script></head><body><nav>Home | World</nav>
      <article><h1>Arctic radar deal</h1><p onclick="window.pwned=true">Canada and Norway agreed to share
      polar radar data from the Arctic, officials said on Monday, in a pact covering the northern approaches.</p>
      <p>The agreement follows two years of talks on surveillance of the polar region.</p></article></body></html>`,
    );
    const empty = join(app.dataDir, 'empty.txt');
    writeFileSync(empty, '');
    await page.getByLabel('Files to import').setInputFiles([page1, empty]);
    await expect.poll(() => page.getByText(/1 imported, 0 already there, 1 failed/).count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('polar radar');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByRole('button', { name: /Arctic radar deal/ }).click();
    const reader = page.getByRole('region', { name: 'Source' });
    await expect.poll(() => reader.textContent()).toContain('Canada and Norway agreed');
    expect(await reader.textContent()).not.toContain('Home | World');
    expect(await page.evaluate('window.pwned === undefined')).toBe(true);
  });
});
