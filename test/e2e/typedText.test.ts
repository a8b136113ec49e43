import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { longNoteDataDir } from './support/storedBrief';

const PARAGRAPHS = 12;

/**
 * Typed characters go into the note through Lexical, not Chromium's editing command
 * (renderer/editor/plugins/TypedTextPlugin.tsx): the command cost about 2 ms of the main thread a
 * key. Seen from the page: each typed character's `beforeinput` is cancelled (before the change,
 * none was: the browser inserted the text and Lexical read it back). The note must end up exactly as typed, spaces and
 * accents included, next to a quotation too, and undo and redo must take the typing back and
 * forth as one step, as before.
 */
describe('typing plain text (browser mode)', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    app = await startBrowserMode({ dataDir: await longNoteDataDir(PARAGRAPHS) });
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('inserts typed characters itself, as typed, with undo and redo as one step', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.locator('.excerpt-quote').count(), { timeout: 30_000 }).toBe(PARAGRAPHS);
    await page.evaluate(`(() => {
      window.__typed = { cancelled: 0, native: 0 };
      // Bubbling listeners on the window: they see what the editor decided.
      window.addEventListener('beforeinput', (event) => {
        if (event.inputType !== 'insertText') return;
        if (event.defaultPrevented) window.__typed.cancelled += 1;
        else window.__typed.native += 1;
      });
    })()`);
    const paragraph = editor.locator('p').nth(4);
    await paragraph.click({ position: { x: 12, y: 8 } });
    await page.keyboard.press('Home');
    const typed = 'Note: talks résumé ';
    await page.keyboard.type(typed);
    await expect.poll(() => paragraph.textContent()).toMatch(/^Note: talks résumé Paragraph 5 says/);
    expect(await page.evaluate('window.__typed')).toEqual({ cancelled: typed.length, native: 0 });

    // At the end of the note, after the last paragraph's quotation and its words.
    const last = editor.locator('p').nth(PARAGRAPHS - 1);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Done.');
    await expect.poll(() => last.textContent()).toMatch(/and so on\. Done\.$/);
    expect(await page.evaluate('window.__typed.native')).toBe(0);

    // Undo takes the last run of typing back, redo brings it again; the first run stays.
    await page.keyboard.press('Control+z');
    await expect.poll(() => last.textContent()).toMatch(/and so on\.$/);
    expect(await paragraph.textContent()).toMatch(/^Note: talks résumé Paragraph 5 says/);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => last.textContent()).toMatch(/and so on\. Done\.$/);

    // The saved note holds what was typed.
    const status = page.getByRole('status').filter({ hasText: /^Sav/ });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Saved');
    await page.reload();
    const reopened = page.getByRole('textbox', { name: 'Briefing note' }).locator('p').nth(4);
    await expect.poll(() => reopened.textContent(), { timeout: 30_000 }).toMatch(/^Note: talks résumé Paragraph 5/);
    const reopenedLast = page
      .getByRole('textbox', { name: 'Briefing note' })
      .locator('p')
      .nth(PARAGRAPHS - 1);
    expect(await reopenedLast.textContent()).toMatch(/and so on\. Done\.$/);
  });
});
