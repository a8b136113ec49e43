import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';

const reader = (page: Page) => page.getByRole('region', { name: 'Source' });

describe('the small faults of issue 14 (browser mode)', () => {
  const app = useBrowserMode();

  it('names the toolbar buttons by their visible text', async () => {
    const { page } = app;
    for (const text of ['H1', 'H2', 'H3', '1. List']) {
      const name = await page.getByRole('button', { name: text }).first().getAttribute('aria-label');
      expect(name?.startsWith(text), `${text}: ${name}`).toBe(true);
    }
  });

  it('keeps the import Details summary off the reader heading', async () => {
    const { page } = app;
    const file = join(app.dataDir, 'memo.txt');
    writeFileSync(file, 'A memo on ports\n\nThe ports of Halifax and Vancouver will share customs data from June.\n');
    await page.getByLabel('Files to import').setInputFiles([file]);
    const details = page.locator('.import-results summary');
    await expect.poll(() => details.count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('Halifax customs');
    await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
    const heading = reader(page).getByRole('heading', { level: 2 });
    await expect.poll(() => heading.textContent()).toBe('A memo on ports');
    const a = await details.boundingBox();
    const b = await heading.boundingBox();
    if (!a || !b) throw new Error('no boxes');
    const overlaps = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlaps).toBe(false);
  });

  it('reopens the open source after a reload', async () => {
    const { page } = app;
    await page.reload();
    await expect.poll(() => reader(page).getByRole('heading', { level: 2 }).textContent()).toBe('A memo on ports');
  });

  it('wraps a long Subject in the title block instead of cutting it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New brief' }).click();
    await page.getByRole('button', { name: 'Briefing note (English)' }).click();
    const subject = page.getByRole('textbox', { name: 'Briefing note' }).getByRole('textbox', { name: 'Subject' });
    const long =
      'Intelligence-sharing talks with Japan and the Republic of Korea, and what they mean for the Five Eyes partnership';
    await subject.fill(long);
    interface Box {
      scrollWidth: number;
      clientWidth: number;
      scrollHeight: number;
      clientHeight: number;
      getBoundingClientRect(): { height: number };
    }
    const size = await subject.evaluate((el: Box) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
      height: el.getBoundingClientRect().height,
      lines: el.scrollHeight <= el.clientHeight + 1,
    }));
    const line =
      (await page.getByRole('textbox', { name: 'Briefing note' }).getByRole('textbox', { name: 'For' }).boundingBox())
        ?.height ?? 0;
    expect(size.scroll).toBeLessThanOrEqual(size.client);
    expect(size.height).toBeGreaterThan(line * 1.5);
    expect(size.lines).toBe(true);
    expect(await subject.inputValue()).toBe(long);
  });

  it('previews a snapshot with its title block, footnote numbers and the changes since', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    const purpose = editor.locator('h2:has-text("Purpose") + p');
    await purpose.click();
    await page.keyboard.type('Before the snapshot.');
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('Five Eyes');
    await page
      .getByRole('list', { name: 'Search results' })
      .getByRole('button', { name: /Canada, Japan/ })
      .click();
    await expect.poll(() => reader(page).getByRole('heading', { level: 2 }).textContent()).toMatch(/Japan/);
    await reader(page).getByRole('textbox', { name: 'Source text' }).locator('p').first().selectText();
    await page.getByRole('button', { name: 'Quote in note' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem').count()).toBe(1);
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('button', { name: 'Take snapshot' }).click();
    await expect.poll(() => history.getByRole('button', { name: 'Preview' }).count()).toBe(1);
    // At the paragraph's start: its middle is now the quotation, a button of its own.
    await purpose.click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Added later.');
    await history.getByRole('button', { name: 'Preview' }).click();
    const preview = history.getByRole('region', { name: 'Snapshot preview' });
    await expect.poll(() => preview.count()).toBe(1);
    expect(await preview.getByRole('rowheader', { name: 'Subject', exact: true }).count()).toBe(1);
    expect(await preview.locator('sup').allTextContents()).toEqual(['1']);
    const comparison = preview.getByRole('region', { name: 'Compared with the current note' });
    await expect.poll(() => comparison.locator('ins').textContent()).toContain('Added later.');
    expect(app.pageErrors).toEqual([]);
  });
});
