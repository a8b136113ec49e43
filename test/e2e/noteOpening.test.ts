import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraphNode, textNode } from '../../shared/briefTemplates';
import { excerptOf } from '../../shared/excerpt';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { pageSettled } from './support/heldRequests';
import { dataDirWithBrief } from './support/storedBrief';

const PARAGRAPHS = 40;

/**
 * Opening a note costs one reading and one drawing of it, not an update over the whole of it
 * afterwards (docs/opening.md). Lexical's ListPlugin registered its `TextNode` transform once the
 * note was set, and Lexical then marked every text node of the note dirty and ran an update over
 * them, which every update listener (word count, spelling, integrity) took for an edit of every
 * block. The lists' behaviour is now registered before the note is set (NoteContentPlugin).
 *
 * The page's Lexical editor is reached as Lexical itself leaves it, on its root element
 * (`__lexicalEditor`), as soon as the note is in the page.
 */
describe('opening a note (browser mode)', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    const dataDir = await dataDirWithBrief('Note with quotations', (sources) =>
      Array.from({ length: PARAGRAPHS }, (_, i) =>
        paragraphNode([
          textNode(`Paragraph ${i + 1} says what the minister will announce `),
          excerptOf(sources[i % sources.length]!, 0, 60, 'inline'),
          textNode(' and so on.'),
        ]),
      ),
    );
    app = await startBrowserMode({ dataDir });
    // From the moment the note is in the page: every text node an update marks dirty is counted.
    await app.page.addInitScript(`(() => {
      window.__dirtiedTextNodes = 0;
      const observer = new MutationObserver(() => {
        const root = document.querySelector('[aria-label="Briefing note"]');
        const editor = root && root.__lexicalEditor;
        if (!editor || !root.querySelector('p')) return;
        observer.disconnect();
        window.__textNodesWhenShown = root.querySelectorAll('[data-lexical-text]').length;
        editor.registerUpdateListener(({ dirtyLeaves }) => { window.__dirtiedTextNodes += dirtyLeaves.size; });
      });
      observer.observe(document, { childList: true, subtree: true });
    })()`);
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('draws it without marking its text nodes dirty afterwards', async () => {
    const { page } = app;
    await page
      .getByRole('list', { name: 'Footnotes' })
      .getByRole('listitem')
      .nth(PARAGRAPHS - 1)
      .waitFor();
    await expect
      .poll(() => page.evaluate('document.documentElement.dataset.noteWork'), { timeout: 60_000 })
      .toBe('settled');
    await pageSettled(page);
    // The note was drawn whole (two text nodes a paragraph) before anything was counted.
    expect(await page.evaluate('window.__textNodesWhenShown')).toBeGreaterThanOrEqual(2 * PARAGRAPHS);
    expect(await page.evaluate('window.__dirtiedTextNodes')).toBe(0);
  });

  it('keeps the lists working: made from the toolbar, the item follows its first word’s format', async () => {
    const { page } = app;
    const note = page.getByRole('textbox', { name: 'Briefing note' });
    await note
      .locator('p')
      .first()
      .click({ position: { x: 12, y: 8 } });
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('A point to list');
    await page.getByRole('toolbar').first().getByRole('button', { name: 'Bulleted list' }).click();
    await note.locator('ul li', { hasText: 'A point to list' }).waitFor();
    // Bold from the item's first word on: the list's TextNode transform copies its format to the item.
    await note.locator('ul li', { hasText: 'A point to list' }).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    // Lexical takes the selection from the page's selectionchange event, a task of its own: on a
    // busy machine Control+B could otherwise come first and format the collapsed caret instead.
    await expect
      .poll(() =>
        page.evaluate(`(() => {
          const state = document.querySelector('[aria-label="Briefing note"]').__lexicalEditor.getEditorState();
          const selection = state._selection;
          return selection !== null && !selection.isCollapsed() ? state.read(() => selection.getTextContent()) : '';
        })()`),
      )
      .toMatch(/^A point to list/);
    await page.keyboard.press('Control+b');
    await expect
      .poll(() =>
        // Read from the editor's nodes: Lexical 0.52 does not write a list item's textFormat in its JSON.
        page.evaluate(`(() => {
          const editor = document.querySelector('[aria-label="Briefing note"]').__lexicalEditor;
          const items = [...editor.getEditorState()._nodeMap.values()].filter((node) => node.__type === 'listitem');
          return items.map((item) => item.__textFormat).join();
        })()`),
      )
      .toBe('1');
  });
});
