import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxParts, pandocMarkdown } from '../support/docxReaders';
import { type BrowserMode, ROOT, useBrowserMode } from './support/browserMode';

const cli = (app: BrowserMode, ...args: string[]) =>
  execFileSync(process.execPath, [join(ROOT, 'dist', 'main', 'cli.cjs'), ...args, '--data-dir', app.dataDir], {
    encoding: 'utf8',
  });

describe('exporting to Word (browser mode)', () => {
  const app = useBrowserMode();

  it('exports what the UI shows, with the chosen options, identical to the CLI export', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New brief' }).click();
    await page.getByRole('button', { name: 'Briefing note (English)' }).click();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await editor.getByRole('textbox', { name: 'Subject' }).fill('Intelligence-sharing talks with South Korea');
    await page.getByRole('combobox', { name: 'Classification' }).selectOption('PROTECTED B');

    const purpose = editor.locator('h2:has-text("Purpose") + p');
    await purpose.click();
    await page.keyboard.type('To inform the Minister of the talks.');
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('security ties');
    await page
      .getByRole('list', { name: 'Search results' })
      .getByRole('button', { name: /security ties/ })
      .click();
    const sentence = page.getByRole('region', { name: 'Source' }).locator('p', { hasText: /^The proposed agreement/ });
    await sentence.selectText();
    await sentence.dragTo(purpose, { targetPosition: { x: 3, y: 5 } });
    await expect.poll(() => page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem').count()).toBe(1);

    await page.getByText('Export options').click();
    await page.getByLabel('Add a Sources list').check();
    await page.getByLabel('Author name').fill('A. Analyst');
    await page.getByLabel('Author name').blur();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export to Word' }).click(),
    ]);
    const fromUi = join(app.dataDir, 'from-ui.docx');
    await download.saveAs(fromUi);

    const briefs = JSON.parse(cli(app, 'briefs', '--json')) as { id: number; title: string }[];
    const id = briefs.find((b) => b.title === 'Briefing note')?.id;
    expect(id).toBeDefined();
    const fromCli = join(app.dataDir, 'from-cli.docx');
    cli(app, 'export', String(id), '-o', fromCli, '--sources');

    const ui = docxParts(readFileSync(fromUi));
    const cliParts = docxParts(readFileSync(fromCli));
    expect(Object.keys(ui).sort()).toEqual(Object.keys(cliParts).sort());
    for (const name of Object.keys(ui)) {
      if (name !== 'docProps/core.xml') expect(ui[name], name).toBe(cliParts[name]);
    }
    expect(ui['docProps/core.xml']).toContain('A. Analyst');
    // The marking on every page is the header's and footer's own, not the title block's.
    const frames = Object.keys(ui).filter((name) => /^word\/(header|footer)\d*\.xml$/.test(name));
    expect(frames.filter((name) => name.includes('header')).length).toBeGreaterThan(0);
    expect(frames.filter((name) => name.includes('footer')).length).toBeGreaterThan(0);
    for (const name of frames) expect(ui[name], name).toContain('PROTECTED B');

    const markdown = pandocMarkdown(fromUi);
    expect(markdown).toContain('Intelligence-sharing talks with South Korea');
    expect(markdown).toMatch(/“The proposed agreement would allow[^”]*”\[\^1\]/);
    expect(markdown).toMatch(/\[\^1\]: .*April 13, 2023/);
    expect(markdown).toMatch(/Sources/);
    expect(app.pageErrors).toEqual([]);
  });

  it('will not export quotations that no longer match: it lists them, and exports once they are restored', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    const quote = editor.locator('.excerpt-quote').first();
    // ✎ shows on hovering the quotation (or focusing it), above its start.
    await quote.hover();
    await quote.getByRole('button', { name: 'Edit quotation' }).click();
    await page
      .getByRole('textbox', { name: 'Quotation' })
      .fill('The proposed agreement would forbid intelligence-sharing.');
    await page.getByRole('button', { name: 'Save quotation' }).click();
    await expect.poll(() => quote.getAttribute('aria-invalid')).toBe('true');

    let downloads = 0;
    page.on('download', () => {
      downloads++;
    });
    await page.getByRole('button', { name: 'Export to Word' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'This brief cannot be exported yet' });
    await expect.poll(() => dialog.getByRole('list', { name: 'Blocking findings' }).textContent()).toContain('forbid');
    expect(await dialog.getByRole('button', { name: 'Export anyway' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Go back' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(downloads).toBe(0);

    await quote.getByRole('button', { name: 'Restore original' }).click();
    await expect.poll(() => quote.getAttribute('aria-invalid')).toBeNull();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export to Word' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
  });
});
