import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraphNode, textNode } from '../../shared/briefTemplates';
import { excerptOf } from '../../shared/excerpt';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { dataDirWithBrief } from './support/storedBrief';

const PARAGRAPHS = 12;

/**
 * The first save after opening a note. It used to send the whole note (at 2,000 excerpts 2.4 MB,
 * serialised and posted on the main thread in one 674 ms task, while the analyst typed); the note
 * as opened is what the archive holds at the revision read, so that save sends only the blocks
 * changed since, like every later one, and the reopened note is what was typed.
 */
describe('the first save after opening a note (browser mode)', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    const dataDir = await dataDirWithBrief('Opened note', (sources) =>
      Array.from({ length: PARAGRAPHS }, (_, i) =>
        paragraphNode([
          textNode(`Paragraph ${i + 1} opens here `),
          excerptOf(sources[i % sources.length]!, 0, 40, 'inline'),
          textNode(' and ends here.'),
        ]),
      ),
    );
    app = await startBrowserMode({ dataDir });
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sends the changed block only, and the note reopens as typed', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.locator('.excerpt-quote').count(), { timeout: 30_000 }).toBe(PARAGRAPHS);
    // The note's text with the quotation checks' findings, which are drawn once its work is done.
    const settledText = async () => {
      await expect
        .poll(() => page.evaluate('document.documentElement.dataset.noteWork'), { timeout: 30_000 })
        .toBe('settled');
      return (await editor.textContent()) ?? '';
    };
    const before = await settledText();

    const saves: { path: string; body: { blocks?: { root: { children: unknown[] } } } }[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (/\/api\/saveBrief(Blocks)?$/.test(path)) saves.push({ path, body: request.postDataJSON() });
    });
    await editor
      .locator('p')
      .nth(4)
      .click({ position: { x: 12, y: 8 } });
    await page.keyboard.press('Home');
    await page.keyboard.type('Typed first. ');
    await expect.poll(() => saves.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: /^Sav/ }).textContent(), { timeout: 30_000 })
      .toBe('Saved');

    expect(saves[0]!.path).toBe('/api/saveBriefBlocks');
    const sent = saves[0]!.body.blocks!.root.children;
    expect(sent).toHaveLength(PARAGRAPHS);
    // Every block but the one typed in is named by its place in the stored copy.
    expect(sent.map((block, at) => (typeof block === 'number' ? block === at : 'sent'))).toEqual(
      Array.from({ length: PARAGRAPHS }, (_, at) => (at === 4 ? 'sent' : true)),
    );

    await page.reload();
    await expect.poll(() => editor.locator('.excerpt-quote').count(), { timeout: 30_000 }).toBe(PARAGRAPHS);
    await expect.poll(() => editor.locator('p').nth(4).textContent()).toMatch(/^Typed first\. Paragraph 5 opens here/);
    expect((await settledText()).replace('Typed first. ', '')).toBe(before);
    expect(app.pageErrors).toEqual([]);
  });
});
