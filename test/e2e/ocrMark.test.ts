import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';

describe('a scanned PDF in the reader (browser mode)', () => {
  const app = useBrowserMode();

  it('imports by OCR and marks each page read by OCR', async () => {
    const { page } = app;
    const scan = join(__dirname, '..', 'fixtures', 'scanned', 'scanned-en.pdf');
    await page.getByLabel('Files to import').setInputFiles([scan]);
    await expect.poll(() => page.getByText(/1 imported/).count(), { timeout: 90_000 }).toBe(1);

    await page.getByRole('searchbox', { name: 'Search sources' }).fill('coastal patrol');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByRole('button', { name: 'Access to Information Release' }).click();
    const reader = page.getByRole('region', { name: 'Source' });
    await expect.poll(() => reader.getByRole('heading').first().textContent()).toBe('Access to Information Release');
    for (const number of [1, 2]) {
      const mark = reader.getByRole('note', {
        name: `Page ${number} was read by OCR; the text may contain recognition errors`,
      });
      await expect.poll(() => mark.count()).toBe(1);
    }
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
