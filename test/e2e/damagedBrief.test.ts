import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';
import { damageBriefs } from './support/damagedBriefs';

/**
 * A brief whose stored text was damaged behind the app's back is not opened (an autosave would
 * overwrite what is left); the window says which brief and offers its latest good version.
 */
describe('a damaged brief with a readable version in its history (browser mode)', () => {
  const app = useBrowserMode();

  it('is named as damaged, and its latest good version opens as a new brief', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.count()).toBe(1);
    await editor.click();
    await page.keyboard.type('Water levels in the basin fell.');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved');
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Take snapshot' }).click();
    // The snapshot's own Restore button: the empty list has one item too ("No snapshots yet"), so
    // counting items let the damage below come before the snapshot was stored (CI, once).
    const snapshots = page.getByRole('list', { name: 'Snapshots' });
    await expect.poll(() => snapshots.getByRole('button', { name: 'Restore' }).count()).toBe(1);

    damageBriefs(app.dataDir);
    await page.reload();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('cannot be opened: its stored text is damaged');
    await alert.getByRole('button', { name: 'Open the latest good version' }).click();
    await expect.poll(() => editor.textContent()).toContain('Water levels in the basin fell.');
    await expect.poll(() => alert.count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
