import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type BrowserMode, ROOT, useBrowserMode } from './support/browserMode';

const cli = (app: BrowserMode, ...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'dist', 'main', 'cli.cjs'), ...args, '--data-dir', app.dataDir], {
    encoding: 'utf8',
  });

const reader = (page: Page) => page.getByRole('region', { name: 'Source' });

/** Opens a search result in the reader and waits for its title. */
async function openResult(page: Page, query: string, title: RegExp): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search sources' }).fill(query);
  await page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: title }).first().click();
  await expect.poll(() => reader(page).getByRole('heading').first().textContent()).toMatch(title);
}

/** Sets fields of the source open in the reader through Edit details. */
async function editDetails(page: Page, fields: Record<string, string>): Promise<void> {
  await reader(page).getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByRole('form', { name: 'Source details' });
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).selectOption(value);
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect.poll(() => form.count()).toBe(0);
}

describe('analytic integrity (browser mode)', () => {
  const app = useBrowserMode();

  it('counts one La Presse story in two translations as 1 origin under Recommendation(s), and flags it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New brief' }).click();
    await page.getByRole('button', { name: 'Briefing note (English)' }).click();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    const recommendation = editor.locator('h2:has-text("Recommendation") + p');
    await recommendation.click();
    await page.keyboard.type('That the Minister open the talks in Seoul.');

    // 000 and 001: one near-duplicate cluster; cite one, then the other version.
    await openResult(page, 'intelligence-sharing pact Seoul Joly', /Military Intelligence Sharing|Amid heightened/);
    await reader(page).getByRole('button', { name: 'Cite source' }).click();
    await reader(page)
      .getByText(/2 versions of this story/)
      .click();
    await reader(page).getByRole('list', { name: 'Versions' }).locator('button:not([aria-current])').click();
    await reader(page).getByRole('button', { name: 'Cite source' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem').count()).toBe(2);

    const frame = page.locator('.editor-frame');
    await expect.poll(() => frame.getByRole('button', { name: '1 origin' }).count()).toBe(1);
    await expect.poll(() => frame.getByRole('note').filter({ hasText: 'Single origin' }).count()).toBe(1);
    await frame.getByRole('button', { name: '1 origin' }).click();
    await expect
      .poll(() => frame.getByRole('list', { name: 'Sources behind it' }).getByRole('listitem').count())
      .toBe(1);

    await page.getByRole('button', { name: 'Check brief' }).click();
    const check = page.getByRole('region', { name: 'Brief check' });
    await expect.poll(() => check.textContent()).toMatch(/Recommendation\(s\): .*rests on a single origin/);
    await check.getByRole('button', { name: /rests on a single origin/ }).click();
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'integrity.png') });
    expect(app.pageErrors).toEqual([]);
  });

  it('marks each citation with its grade, and grading a source in the reader updates every mark', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.getByRole('img', { name: 'Ungraded' }).count()).toBe(2);
    await editDetails(page, { Reliability: 'B', Credibility: '2' });
    await expect.poll(() => editor.getByRole('img', { name: 'Graded B2' }).count()).toBe(1);
    await expect.poll(() => editor.getByRole('img', { name: 'Ungraded' }).count()).toBe(1);
    expect(await editor.getByRole('img', { name: 'Graded B2' }).textContent()).toBe('B2');
    await editDetails(page, { Reliability: 'E', Credibility: '5' });
    await expect.poll(() => editor.getByRole('img', { name: 'Graded E5' }).count()).toBe(1);
  });

  it('refuses to export an UNCLASSIFIED brief citing a PROTECTED B source, in the UI and the CLI, until raised', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await editDetails(page, { Classification: 'PROTECTED B' });
    await expect.poll(() => editor.getByRole('img', { name: 'Requires PROTECTED B' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Requires PROTECTED B' }).count()).toBe(1);
    expect(await page.getByRole('combobox', { name: 'Classification' }).inputValue()).toBe('UNCLASSIFIED');

    let downloads = 0;
    page.on('download', () => {
      downloads++;
    });
    await page.getByRole('button', { name: 'Export to Word' }).click();
    const refused = page.getByRole('alertdialog', { name: 'This brief cannot be exported yet' });
    await expect
      .poll(() => refused.getByRole('list', { name: 'Blocking findings' }).textContent())
      .toContain('must be marked at least PROTECTED B');
    await refused.getByRole('button', { name: 'Go back' }).click();
    expect(downloads).toBe(0);

    const briefs = JSON.parse(cli(app, 'briefs', '--json').stdout) as { id: number; title: string }[];
    const id = String(briefs.find((b) => b.title === 'Briefing note')!.id);
    const file = join(app.dataDir, 'refused.docx');
    const run = cli(app, 'export', id, '-o', file);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/PROTECTED B/);
    expect(existsSync(file)).toBe(false);

    await page.getByRole('button', { name: 'Raise marking to PROTECTED B' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Classification' }).inputValue()).toBe('PROTECTED B');
    await expect.poll(() => editor.getByRole('img', { name: 'Requires PROTECTED B' }).count()).toBe(0);
    // Only warnings are left (the single origin): export asks, then goes on.
    await page.getByRole('button', { name: 'Export to Word' }).click();
    const asked = page.getByRole('alertdialog', { name: 'Check these findings before exporting' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      asked.getByRole('button', { name: 'Export anyway' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await page.screenshot({ path: join(ROOT, 'test-results', 'integrity-raised.png') });
    const exported = cli(app, 'export', id, '-o', file);
    expect([exported.status, exported.stderr]).toEqual([0, '']);
    expect(existsSync(file)).toBe(true);
  });

  it('offers the other spellings of a name searched for', async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('Joly');
    const offer = page.locator('.also-spelled');
    await expect.poll(() => offer.textContent()).toMatch(/^Also spelled: (Jolly, Jolie|Jolie, Jolly)$/);
    await offer.getByRole('button', { name: 'Jolie' }).click();
    await expect.poll(() => page.getByRole('searchbox', { name: 'Search sources' }).inputValue()).toBe('Jolie');
  });
});
