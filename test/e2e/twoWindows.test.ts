import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../main/archive/database';
import { docxParts } from '../support/docxReaders';
import { useBrowserMode } from './support/browserMode';

/** Rows of the archive, read beside the running app. */
function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, ARCHIVE_FILE_NAME), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Briefing note' });
const statusOf = (page: Page) => page.getByRole('status').filter({ hasText: /Saved|Saving|Not saved/ });

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

describe('one brief open in two windows (browser mode)', () => {
  const app = useBrowserMode();

  it('refuses the stale window’s save with an alert, loses neither text, never lowers the marking', async () => {
    const a = app.page;
    // The second window opens on the brief the first one made (two opened in the same instant
    // share one first brief too: firstBriefTwoWindows.test.ts).
    await expect.poll(() => editorOf(a).count()).toBe(1);
    await expect.poll(() => query(app.dataDir, 'SELECT id FROM briefs').length).toBe(1);
    const b = await app.context.newPage();
    await b.goto(app.url);
    await expect.poll(() => editorOf(b).count()).toBe(1);
    const id = query<{ id: number }>(app.dataDir, 'SELECT id FROM briefs')[0]!.id;

    // B marks the brief PROTECTED B and writes; A saw neither.
    await b.getByRole('combobox', { name: 'Classification' }).selectOption('PROTECTED B');
    await typeAtEnd(b, 'Paragraph from window B.');
    await expect.poll(() => statusOf(b).textContent()).toBe('Saved');

    await typeAtEnd(a, 'Paragraph from window A.');
    const alert = a.getByRole('alert').filter({ hasText: 'changed in another window' });
    await expect.poll(() => alert.count()).toBe(1);
    await expect.poll(() => statusOf(a).textContent()).toBe('Not saved — the brief was changed in another window');
    const stored = () =>
      query<{ content: string; classification: string }>(
        app.dataDir,
        'SELECT content, classification FROM briefs WHERE id = ?',
        id,
      )[0]!;
    expect(stored().content).toContain('Paragraph from window B.');
    expect(stored().content).not.toContain('Paragraph from window A.');
    expect(stored().classification).toBe('PROTECTED B');

    // A takes B's version: A's text goes to History, the marking stays PROTECTED B.
    await alert.getByRole('button', { name: 'Take the other version (keep mine as a snapshot)' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    await expect.poll(() => editorOf(a).textContent()).toContain('Paragraph from window B.');
    expect(await editorOf(a).textContent()).not.toContain('Paragraph from window A.');
    expect(await a.getByRole('combobox', { name: 'Classification' }).inputValue()).toBe('PROTECTED B');
    const kept = query<{ content: string }>(
      app.dataDir,
      "SELECT content FROM brief_snapshots WHERE brief_id = ? AND reason = 'conflict'",
      id,
    );
    expect(kept).toHaveLength(1);
    expect(kept[0]!.content).toContain('Paragraph from window A.');
    await a.getByRole('button', { name: 'History' }).click();
    await expect.poll(() => a.getByRole('list', { name: 'Snapshots' }).textContent()).toContain('From another window');
    await a.getByRole('button', { name: 'History' }).click();

    // Again, the other way: B writes on, A (now stale again) keeps its text as a copy.
    await typeAtEnd(b, ' Second paragraph from B.');
    await expect.poll(() => statusOf(b).textContent()).toBe('Saved');
    await typeAtEnd(a, ' Second paragraph from A.');
    await expect.poll(() => alert.count()).toBe(1);
    await alert.getByRole('button', { name: 'Keep mine as a copy' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    await expect.poll(() => a.getByRole('textbox', { name: 'Brief title' }).inputValue()).toMatch(/\(copy\)$/);
    const copies = query<{ id: number; content: string; classification: string }>(
      app.dataDir,
      'SELECT id, content, classification FROM briefs WHERE id <> ?',
      id,
    );
    expect(copies).toHaveLength(1);
    expect(copies[0]!.content).toContain('Second paragraph from A.');
    expect(copies[0]!.classification).toBe('PROTECTED B');
    expect(stored().content).toContain('Second paragraph from B.');
    expect(stored().content).not.toContain('Second paragraph from A.');
    expect(stored().classification).toBe('PROTECTED B');
    // A's copy saves normally from now on.
    await typeAtEnd(a, ' Edited in the copy.');
    await expect.poll(() => statusOf(a).textContent()).toBe('Saved');

    // What leaves the building from B is marked as the brief is: PROTECTED B.
    const [download] = await Promise.all([
      b.waitForEvent('download'),
      b.getByRole('button', { name: 'Export to Word' }).click(),
    ]);
    const file = join(app.dataDir, 'two-windows.docx');
    await download.saveAs(file);
    const parts = docxParts(readFileSync(file));
    const headers = Object.entries(parts)
      .filter(([name]) => /^word\/header\d*\.xml$/.test(name))
      .map(([, xml]) => xml)
      .join('');
    expect(headers).toContain('PROTECTED B');
    expect(headers).not.toContain('UNCLASSIFIED');
    await b.close();
  });
});
