import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSources, listSources } from '../../main/archive/sources';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { seededDataDir } from './support/storedBrief';

/** A data dir whose archive holds the seeds and `count` clippings with no outlet or date; how many need review. */
async function dataDirNeedingReview(count: number): Promise<{ dataDir: string; total: number }> {
  const { dataDir, filled: total } = await seededDataDir((db) => {
    insertSources(
      db,
      Array.from({ length: count }, (_, i) => {
        const body = `The committee heard witness number ${i} on the state of Arctic surveillance.`;
        return {
          ...{ title: `Clipping ${i}`, outlet: null, author: null, publishedAt: null, url: null, language: 'en' },
          ...{ body, original: body, format: 'txt' as const, pageStarts: null, fileName: `clipping-${i}.txt` },
        };
      }),
    );
    return listSources(db).filter((source) => source.needsReview).length;
  });
  return { dataDir, total };
}

// The window asks for the list at start: a page of 50 and the count, the rest on the analyst's asking.
describe('the Needs review list, a page at a time (browser mode)', () => {
  let app: BrowserMode;
  let total = 0;
  beforeAll(async () => {
    const made = await dataDirNeedingReview(70);
    total = made.total;
    app = await startBrowserMode({ dataDir: made.dataDir });
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the newest 50 under the count of all, and the next ones when asked', async () => {
    const { page } = app;
    expect(total).toBeGreaterThan(70);
    const review = page.getByRole('list', { name: 'Needs review' });
    // The first load of a fresh window: longer than a poll's default second on a loaded machine.
    await page.getByRole('heading', { name: `Needs review (${total})` }).waitFor({ timeout: 60_000 });
    await expect.poll(() => review.getByRole('listitem').count()).toBe(50);
    // Newest first: the last clipping stored heads the list.
    expect(await review.getByRole('listitem').first().textContent()).toContain('Clipping 69');

    const more = page.getByRole('button', { name: `Show ${Math.min(50, total - 50)} more to review` });
    await more.click();
    await expect.poll(() => review.getByRole('listitem').count()).toBe(Math.min(100, total));
    await expect.poll(() => review.getByRole('listitem').nth(50).textContent()).toContain('Clipping 19');
    expect(app.pageErrors).toEqual([]);
  });
});
