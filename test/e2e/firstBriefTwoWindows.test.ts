import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page, Route } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../main/archive/database';
import { type BrowserMode, startBrowserMode } from './support/browserMode';

/** The briefs' ids in the archive, read beside the running app. */
function briefIds(dataDir: string): number[] {
  const db = new Database(join(dataDir, ARCHIVE_FILE_NAME), { readonly: true });
  try {
    return (db.prepare('SELECT id FROM briefs ORDER BY id').all() as { id: number }[]).map((row) => row.id);
  } finally {
    db.close();
  }
}

/** The first run's brief requests (whatever they are named): everything but the Briefs panel's list. */
const FIRST_RUN = /\/api\/(listBriefs|createBrief|getBrief|openFirstBrief)$/;

/**
 * Two windows opened in the same instant on a fresh archive. Each window's first run asks main for
 * its brief; the test holds every such request until both windows have sent theirs, so both reach
 * main together every time (on a quiet machine they rarely do).
 */
describe('two windows opened at the same instant on a fresh archive (browser mode)', () => {
  let app: BrowserMode | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  it('make one first brief, and both open it', async () => {
    app = await startBrowserMode();
    const pages: Page[] = [app.page, await app.context.newPage()];
    const held: Array<{ page: Page; go: () => Promise<void> }> = [];
    let holding = true;
    for (const page of pages) {
      await page.route(FIRST_RUN, async (route: Route) => {
        if (!holding) return route.continue();
        held.push({ page, go: () => route.continue() });
      });
    }
    await Promise.all(pages.map((page) => page.goto(app!.url)));
    // Both windows have asked (the Briefs panel's list may be held too: it is let through as well).
    await expect.poll(() => new Set(held.map((request) => request.page)).size).toBe(2);
    holding = false;
    await Promise.all(held.splice(0).map((request) => request.go()));

    const editors = pages.map((page) => page.getByRole('textbox', { name: 'Briefing note' }));
    for (const editor of editors) await expect.poll(() => editor.count()).toBe(1);
    await expect.poll(() => briefIds(app!.dataDir)).toHaveLength(1);
    for (const page of pages) {
      await expect.poll(() => page.getByRole('list', { name: 'Briefs' }).getByRole('listitem').count()).toBe(1);
    }
    expect(app.pageErrors).toEqual([]);
  });
});
