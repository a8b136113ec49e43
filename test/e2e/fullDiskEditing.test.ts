import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../main/archive/database';
import { type SmallDisk, smallDiskOrSkip } from '../support/fullDisk';
import { type BrowserMode, startBrowserMode } from './support/browserMode';

/** The note's text as committed to the archive, read beside the running app. */
function storedNote(dataDir: string): string {
  const db = new Database(join(dataDir, ARCHIVE_FILE_NAME), { readonly: true });
  try {
    const row = db.prepare('SELECT content FROM briefs ORDER BY updated_at DESC LIMIT 1').get() as { content: string };
    return row.content;
  } finally {
    db.close();
  }
}

describe('typing while the disk fills up (browser mode, data dir on a small tmpfs)', () => {
  let disk: SmallDisk | null = null;
  let app: BrowserMode | null = null;
  beforeAll(async () => {
    disk = smallDiskOrSkip(32, 'the full-disk editing test');
    if (disk) app = await startBrowserMode({ dataDir: join(disk.dir, 'data') });
  });
  afterAll(async () => {
    disk?.free();
    await app?.close();
    disk?.unmount();
  });

  it('says "Not saved — the disk is full", keeps the text, and saves it once space is freed', async (context) => {
    if (!disk || !app) return context.skip();
    const { page, dataDir } = app;
    await page.goto(app.url);
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    const status = page.getByRole('status').filter({ hasText: /Saved|Saving|Not saved/ });
    await editor.click();
    await page.keyboard.type('Written before the disk filled.');
    await expect.poll(() => status.textContent()).toBe('Saved');

    // An empty WAL, so the next commit must grow it: a full disk then really refuses it.
    const db = new Database(join(dataDir, ARCHIVE_FILE_NAME));
    const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    db.close();
    expect(checkpoint?.busy).toBe(0);
    expect(disk.fill()).toBeGreaterThan(0);

    await page.keyboard.type(' Typed on a full disk.');
    await expect.poll(() => status.textContent()).toBe('Not saved — the disk is full');
    // The failure is real: the archive does not hold the new words, and the editor still does.
    expect(storedNote(dataDir)).toContain('Written before the disk filled.');
    expect(storedNote(dataDir)).not.toContain('Typed on a full disk.');
    await page.keyboard.type(' And more.');
    await expect.poll(() => status.textContent()).toBe('Not saved — the disk is full');
    expect(await editor.textContent()).toContain('Typed on a full disk. And more.');

    disk.free();
    // Retried with backoff (at most 8 s apart): no keystroke needed.
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Saved');
    expect(storedNote(dataDir)).toContain('Typed on a full disk. And more.');

    await page.reload();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Briefing note' }).textContent())
      .toContain('Written before the disk filled. Typed on a full disk. And more.');
  });
});
