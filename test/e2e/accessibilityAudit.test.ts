import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axeAudit';
import { useBrowserMode } from './support/browserMode';
import { isFocused } from './support/keyboardWalk';
import { openResult } from './support/readerSteps';

/** Every axe-core violation of the page as it is now, whatever its impact, as readable lines. */
async function audit(page: Page): Promise<string[]> {
  return (await axeViolations(page)).map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(', ')}`);
}

describe('the axe-core audit (browser mode)', () => {
  const app = useBrowserMode();

  it('finds nothing on the start screen, where the first brief is already in the Briefs list', async () => {
    const { page } = app;
    await expect.poll(() => page.getByRole('textbox', { name: 'Briefing note' }).count()).toBe(1);
    // First run: the brief opened on a fresh archive is listed without a reload.
    await expect
      .poll(() =>
        page
          .getByRole('list', { name: 'Briefs' })
          .getByRole('button', { name: /^Untitled brief/ })
          .count(),
      )
      .toBe(1);
    expect(await audit(page)).toEqual([]);
  });

  it('finds nothing with a briefing note open, a source in the reader and a quotation in the note', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New brief' }).click();
    // Audits the template choice, not the page before it is drawn.
    const english = page.getByRole('button', { name: 'Briefing note (English)' });
    await expect.poll(() => english.count()).toBe(1);
    expect(await audit(page)).toEqual([]);
    await english.click();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.getByRole('textbox', { name: 'Subject' }).count()).toBe(1);
    await openResult(page, 'Five Eyes', /Canada, Japan begin formal talks/);
    await editor.locator('h2:has-text("Purpose") + p').click();
    await page.getByRole('textbox', { name: 'Source text' }).locator('p').first().selectText();
    await page.getByRole('button', { name: 'Quote in note' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem').count()).toBe(1);
    expect(await audit(page)).toEqual([]);
    await page.getByRole('button', { name: 'Edit details', exact: true }).click();
    // The details form, once drawn (the reader opens it in an effect after the click).
    const cancel = page.getByRole('button', { name: 'Cancel' });
    await expect.poll(() => cancel.count()).toBe(1);
    expect(await audit(page)).toEqual([]);
    await cancel.click();
  });

  it('finds nothing in each dialog, and each returns focus to the control that opened it', async () => {
    const { page } = app;
    const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
    await opener.focus();
    await page.keyboard.press('F1');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => shortcuts.count()).toBe(1);
    expect(await shortcuts.textContent()).toContain('Ctrl+Shift+Q');
    expect(await audit(page)).toEqual([]);
    await shortcuts.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => isFocused(opener)).toBe(true);

    // A quotation whose words no longer match: export asks first.
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await editor.locator('.excerpt-quote').hover();
    await editor.getByRole('button', { name: 'Edit quotation' }).click();
    await editor.getByRole('textbox', { name: 'Quotation' }).fill('Words the source never said.');
    await editor.getByRole('button', { name: 'Save quotation' }).click();
    const exportButton = page.getByRole('button', { name: 'Export to Word' });
    await exportButton.click();
    const flagged = page.getByRole('alertdialog', { name: 'This brief cannot be exported yet' });
    await expect.poll(() => flagged.count()).toBe(1);
    expect(await audit(page)).toEqual([]);
    await flagged.getByRole('button', { name: 'Go back' }).click();
    await expect.poll(() => flagged.count()).toBe(0);
    await expect.poll(() => isFocused(exportButton)).toBe(true);
  });

  it('finds nothing in History with a snapshot previewed', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('button', { name: 'Take snapshot' }).click();
    await expect.poll(() => history.getByRole('button', { name: 'Preview' }).count()).toBeGreaterThan(0);
    await history.getByRole('button', { name: 'Preview' }).first().click();
    await expect.poll(() => history.getByRole('region', { name: 'Snapshot preview' }).count()).toBe(1);
    expect(await audit(page)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('finds nothing in the French interface, its shortcuts dialog included', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Language / Langue' }).selectOption('fr');
    await expect.poll(() => page.getByRole('searchbox', { name: 'Rechercher dans les sources' }).count()).toBe(1);
    expect(await page.evaluate('document.documentElement.lang')).toBe('fr-CA');
    expect(await audit(page)).toEqual([]);
    await page.keyboard.press('F1');
    const shortcuts = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    await expect.poll(() => shortcuts.count()).toBe(1);
    expect(await shortcuts.textContent()).toContain('Ctrl+Maj+Q');
    expect(await audit(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Language / Langue' }).selectOption('en');
    expect(app.pageErrors).toEqual([]);
  });
});
