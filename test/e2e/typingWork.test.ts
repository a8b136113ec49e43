import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { COUNT_NODE_VALUE_READS, longNoteDataDir } from './support/storedBrief';

const PARAGRAPHS = 60;

const longNote = () => longNoteDataDir(PARAGRAPHS);

/**
 * What typing costs beside the typing itself. React, before any commit that changes the page,
 * saves the selection of the focused element, and for a contenteditable that is a walk of every
 * DOM node of the note (react-dom's getSelectionInformation): at 2,000 excerpts, 40,000 nodes. So
 * what a save makes change on screen (the status line, the briefs list) must not be a React commit.
 * The walk reads each text node's nodeValue: counted here.
 */
describe('typing in a long note (browser mode)', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    const dataDir = await longNote();
    app = await startBrowserMode({ dataDir });
    await app.page.addInitScript(COUNT_NODE_VALUE_READS);
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('saves without walking the whole note, and reads the trash only when it is shown', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    const status = page.getByRole('status').filter({ hasText: /^Sav/ });
    await expect.poll(() => editor.locator('.excerpt-quote').count(), { timeout: 30_000 }).toBe(PARAGRAPHS);
    await expect
      .poll(() => page.evaluate('document.documentElement.dataset.noteWork'), { timeout: 30_000 })
      .toBe('settled');
    const textNodes = (await page.evaluate(`(() => {
      const walker = document.createTreeWalker(document.querySelector('[aria-label="Briefing note"]'), NodeFilter.SHOW_TEXT);
      let count = 0;
      while (walker.nextNode()) count += 1;
      return count;
    })()`)) as number;
    expect(textNodes).toBeGreaterThan(2 * PARAGRAPHS);

    await editor
      .locator('p')
      .nth(PARAGRAPHS / 2)
      .click({ position: { x: 12, y: 8 } });
    await page.keyboard.press('End');
    // The save a key sets off, and the briefs list read after it: waited for by their answers.
    const saveAndListRead = () =>
      Promise.all([
        page.waitForResponse((response) => /\/api\/saveBrief(Blocks)?$/.test(response.url()), { timeout: 60_000 }),
        page.waitForResponse((response) => response.url().endsWith('/api/listBriefs'), { timeout: 60_000 }),
      ]);
    // A first key and its save: Undo becomes available then, a commit that happens once.
    let answered = saveAndListRead();
    await page.keyboard.type('w');
    await answered;
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Saved');

    const listed: string[] = [];
    page.on('request', (request) => listed.push(new URL(request.url()).pathname));
    await page.evaluate('window.__nodeValueReads = 0');
    answered = saveAndListRead();
    await page.keyboard.type('xyz');
    // "Saving…" then "Saved", and the list read again: before the fix, each a commit that walked the note.
    await answered;
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Saved');
    const reads = (await page.evaluate('window.__nodeValueReads')) as number;
    expect(reads).toBeLessThan(textNodes);
    expect(listed).toContain('/api/saveBriefBlocks');
    expect(listed).not.toContain('/api/listTrash');
  });
});
