import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';

describe('reviewing weak metadata (browser mode)', () => {
  const app = useBrowserMode();

  it('lists sources whose date, title or outlet is weak, one step from their details, and marks weak fields', async () => {
    const { page } = app;
    const file = join(app.dataDir, 'clipping.txt');
    writeFileSync(
      file,
      'The committee heard from twelve witnesses over three days of hearings in Iqaluit, and it said surveillance gaps remain serious.\n\nThe minister is expected to answer the report before the summer recess.\n',
    );
    await page.getByLabel('Files to import').setInputFiles([file]);
    await expect.poll(() => page.getByText(/1 imported/).count()).toBe(1);

    const review = page.getByRole('list', { name: 'Needs review' });
    const item = review.getByRole('listitem').filter({ hasText: 'The committee heard from twelve witnesses' });
    await expect.poll(() => item.count()).toBe(1);
    const why = await item.textContent();
    for (const note of ['Title: made from the first sentence', 'Date: not found', 'Outlet: not found']) {
      expect(why).toContain(note);
    }
    const before = await review.getByRole('listitem').count();

    await item.getByRole('button', { name: /^Edit details: The committee heard/ }).click();
    const reader = page.getByRole('region', { name: 'Source' });
    const marks = reader.getByRole('list', { name: 'Details to check' });
    await expect.poll(() => marks.textContent()).toContain('Date: not found');
    const form = page.getByRole('form', { name: 'Source details' });
    await form.getByLabel('Title').fill('Committee report on Arctic surveillance');
    await form.getByLabel('Outlet').fill('House of Commons');
    await form.getByLabel('Date').fill('2025-02-11');
    await form.getByRole('button', { name: 'Save details' }).click();

    await expect
      .poll(() => reader.getByRole('heading').first().textContent())
      .toBe('Committee report on Arctic surveillance');
    await expect.poll(() => marks.count()).toBe(0);
    await expect.poll(() => review.getByRole('listitem').count()).toBe(before - 1);
    expect(app.pageErrors).toEqual([]);
  });
});
