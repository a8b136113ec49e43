import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Searches the archive and opens the result titled `title` in the reader, waiting for its heading. */
export async function openResult(page: Page, query: string, title: RegExp): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search sources' }).fill(query);
  await page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: title }).click();
  await expect
    .poll(() => page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 2 }).textContent())
    .toMatch(title);
}
