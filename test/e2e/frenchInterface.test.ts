import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, useBrowserMode } from './support/browserMode';

/** The main controls by role and French name (issue 14), all present at once with a source open. */
const FRENCH_NAMES = [
  ['searchbox', 'Rechercher dans les sources'],
  ['list', 'Résultats de recherche'],
  ['region', 'Source'],
  ['textbox', 'Note de breffage'],
  ['list', 'Notes de bas de page'],
  ['button', 'Exporter vers Word'],
  ['button', 'Nouvelle note'],
  ['button', 'Citer en note'],
  ['button', 'Historique'],
] as const;

describe('the interface in French (browser mode)', () => {
  const app = useBrowserMode();

  it('follows the system language until one is chosen', async () => {
    const context = await app.browser.newContext({ locale: 'fr-CA', viewport: { width: 1600, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.goto(app.url);
      await expect.poll(() => page.getByRole('searchbox', { name: 'Rechercher dans les sources' }).count()).toBe(1);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');
    } finally {
      await context.close();
    }
    // The English browser of the suite still sees English: nothing was saved.
    await expect.poll(() => app.page.getByRole('searchbox', { name: 'Search sources' }).count()).toBe(1);
  });

  it('switches to French with "Language / Langue", names the main controls in French, and remembers it', async () => {
    const { page } = app;
    const language = page.getByRole('combobox', { name: 'Language / Langue' });
    await language.selectOption('fr');

    const search = page.getByRole('searchbox', { name: 'Rechercher dans les sources' });
    const results = page.getByRole('list', { name: 'Résultats de recherche' });
    // A result's date reads as in the reader, in French (« 13 avril 2023 »), never as stored (2023-04-13).
    await search.fill('Canada');
    const meta = results.locator('.result-meta', { hasText: /\d{4}/ }).first();
    await expect.poll(() => meta.textContent()).toMatch(/\b\d{1,2}(er)? [a-zéû]+\.? \d{4}\b/);
    expect(await meta.textContent()).not.toMatch(/\d{4}-\d{2}/);
    await search.fill('Park Jin');
    await expect.poll(() => results.getByRole('listitem').count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByText(/^\d+ résultats?$/).count()).toBe(1);
    await results.getByRole('button').first().click();
    await expect.poll(() => page.getByRole('button', { name: 'Citer en note' }).count()).toBe(1);
    for (const [role, name] of FRENCH_NAMES) {
      await expect
        .poll(() => page.getByRole(role, { name, exact: true }).count(), { message: `${role} "${name}"` })
        .toBe(1);
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');

    // A French brief quoting the open source with "Citer en note": the README's French screenshot.
    await page.getByRole('button', { name: 'Nouvelle note' }).click();
    await page.getByRole('button', { name: 'Note de breffage (français)' }).click();
    const note = page.getByRole('textbox', { name: 'Note de breffage' });
    await expect.poll(() => note.locator('h2').first().textContent()).toBe('Objet');
    await note.locator('p').first().click();
    await page.keyboard.type('Le Canada et la Corée du Sud amorcent des pourparlers. ');
    const passage = page.getByRole('region', { name: 'Source' }).locator('p[data-start]').first();
    await passage.selectText();
    await page.getByRole('button', { name: 'Citer en note' }).click();
    const footnotes = page.getByRole('list', { name: 'Notes de bas de page' });
    await expect.poll(() => footnotes.getByRole('listitem').count()).toBe(1);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Enregistré');
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'browser-mode-fr.png') });

    // Sentences main writes come as catalog messages: a search notice and the brief check's findings.
    await search.fill('"Park Jin');
    await expect.poll(() => page.getByText('Un guillemet resté ouvert a été fermé.').count()).toBe(1);
    await page.getByRole('button', { name: 'Vérifier la note' }).click();
    const findings = page
      .getByRole('region', { name: 'Vérification de la note' })
      .getByRole('list', { name: 'Constats' })
      .getByRole('listitem');
    await expect.poll(() => findings.count()).toBeGreaterThanOrEqual(1);
    const found = await findings.allTextContents();
    expect(
      found.some((text) => /s’écrit aussi|n’a pas|repose sur|ne cite aucune/.test(text)),
      found.join('\n'),
    ).toBe(true);
    expect(found.filter((text) => /is also spelled|has no|rests on|cites no|does not match/.test(text))).toEqual([]);
    await page.getByRole('button', { name: 'Fermer la vérification' }).click();

    // The choice is kept in the archive: a reload comes back in French, with the same combobox.
    await page.reload();
    await expect.poll(() => page.getByRole('searchbox', { name: 'Rechercher dans les sources' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Nouvelle note' }).count()).toBe(1);
    expect(await language.inputValue()).toBe('fr');

    // And back to English, under the same name.
    await language.selectOption('en');
    await expect.poll(() => page.getByRole('searchbox', { name: 'Search sources' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'New brief' }).count()).toBe(1);
    // react-intl reports a missing or broken message on the console: there must be none.
    expect(app.pageErrors).toEqual([]);
  });
});
