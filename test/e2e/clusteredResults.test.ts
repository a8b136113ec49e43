import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';

describe('near-duplicates in search results (browser mode)', () => {
  const app = useBrowserMode();

  it('lists a cluster once, with its versions a click away', async () => {
    const { page } = app;
    const search = page.getByRole('searchbox', { name: 'Search sources' });
    const results = page.getByRole('list', { name: 'Search results' });

    // Seeds 000 and 001 tell one story (one cluster); both mention Park Jin and Seoul.
    await search.fill('"Park Jin" Seoul');
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    await expect.poll(() => results.textContent()).toContain('2 versions');
    await expect.poll(() => page.getByText(/^1 result$/).count()).toBe(1);

    await results.getByRole('button', { name: 'All 2 versions' }).click();
    await expect.poll(() => search.inputValue()).toMatch(/^cluster:\d+$/);
    await expect.poll(() => results.getByRole('listitem').count()).toBe(2);
    expect(app.pageErrors).toEqual([]);
  });
});
