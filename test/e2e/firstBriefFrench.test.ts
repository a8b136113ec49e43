import { describe, expect, it } from 'vitest';
import { useBrowserMode } from './support/browserMode';
import { damageBriefs } from './support/damagedBriefs';

/**
 * The brief a window opens with is asked for before the page knows the interface language (so it
 * arrives while the app's script compiles). An error opening it must still be shown in the
 * archive's language, not in the English the page speaks until the settings are read.
 */
describe('the first brief failing to open on a French archive (browser mode)', () => {
  const app = useBrowserMode();

  it('says why in French', async () => {
    const { page } = app;
    await expect.poll(() => page.getByRole('textbox', { name: 'Briefing note' }).count()).toBe(1);
    await page.getByRole('combobox', { name: 'Language / Langue' }).selectOption('fr');
    await expect.poll(() => page.getByRole('textbox', { name: 'Note de breffage' }).count()).toBe(1);
    // The brief's stored text is damaged behind the app's back: it can no longer be opened.
    damageBriefs(app.dataDir);

    await page.reload();
    const alert = page.getByRole('alert');
    // Which brief, that it is damaged and that nothing was changed: in French, not a generic error.
    await expect.poll(() => alert.textContent()).toContain('son texte enregistré est endommagé');
    expect(await alert.textContent()).toContain('Rien n’a été modifié');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');
  });
});
