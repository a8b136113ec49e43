import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIResponse, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentTemplate } from '../unit/export/wordTemplateKit';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { pageSettled } from './support/heldRequests';

/**
 * The Word template chosen in Export options while the brief's stored template was still being
 * read (a loaded machine): the late read put "Built-in style" back over the analyst's choice, and
 * kept it, though the export would use the template.
 */
describe('a Word template chosen before the stored one has been read (browser mode)', () => {
  let app: BrowserMode;
  // The read reaches main at once (it answers "no template"); only its answer is held.
  const heldReads: { route: Route; answer: APIResponse }[] = [];

  beforeAll(async () => {
    app = await startBrowserMode();
    await app.page.route('**/api/getWordTemplate', async (route: Route) => {
      heldReads.push({ route, answer: await route.fetch() });
    });
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is still the one shown once the late read has arrived', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New brief' }).click();
    await page.getByRole('button', { name: 'Briefing note (English)' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Briefing note' }).isVisible()).toBe(true);
    await expect.poll(() => heldReads.length).toBeGreaterThan(0);

    await page.getByText('Export options').click();
    const template = join(app.dataDir, 'Department.dotx');
    writeFileSync(template, departmentTemplate('dotx'));
    await page.getByLabel('Word template').setInputFiles(template);
    await expect.poll(() => page.getByText('Template: Department.dotx').isVisible()).toBe(true);

    for (const { route, answer } of heldReads.splice(0)) await route.fulfill({ response: answer });
    await pageSettled(page);
    await page.unroute('**/api/getWordTemplate');
    expect(await page.getByText('Template: Department.dotx').isVisible()).toBe(true);
    expect(await page.getByText('Built-in style', { exact: true }).count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
