import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headingNode, paragraphNode, textNode } from '../../shared/briefTemplates';
import { excerptOf } from '../../shared/excerpt';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { dataDirWithBrief } from './support/storedBrief';

const PARAGRAPHS = 120;
const SECTION_EVERY = 20;
const SECTIONS = PARAGRAPHS / SECTION_EVERY;

/** A note of six sections, each a heading then 20 paragraphs of words and a quotation. */
const sectionedNote = () =>
  dataDirWithBrief('Long note', (sources) =>
    Array.from({ length: PARAGRAPHS }, (_, i) => [
      ...(i % SECTION_EVERY === 0 ? [headingNode('h2', `Section ${i / SECTION_EVERY + 1}`)] : []),
      paragraphNode([
        textNode(`Paragraph ${i + 1} says what the minister will announce `),
        excerptOf(sources[i % sources.length]!, 0, 60, 'inline'),
        textNode(' and so on.'),
      ]),
    ]).flat(),
  );

interface AXNode {
  role?: { value?: unknown };
  name?: { value?: unknown };
  ignored?: boolean;
}

/** The unignored nodes of `role` below the one `selector` finds, in Chromium's accessibility tree. */
async function axNodes(cdp: CDPSession, selector: string, role: string): Promise<AXNode[]> {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { nodes } = await cdp.send('Accessibility.queryAXTree', { nodeId, role });
  return (nodes as AXNode[]).filter((node) => !node.ignored);
}

const nameOf = (node: AXNode) => String(node.name?.value ?? '');

/** How many viewport heights below the top of the window the note's last block starts. */
const lastBlockScreensDown = (page: Page) =>
  page.evaluate(`(() => {
    const last = document.querySelector('.editor-input').lastElementChild;
    return last.getBoundingClientRect().top / window.innerHeight;
  })()`) as Promise<number>;

/**
 * A screen-reader user lists the note's buttons, or moves by headings, and reaches every
 * quotation's controls by name, though the blocks far from the screen skip style, layout and paint
 * (`content-visibility: auto`, docs/editor.md "Off-screen blocks"). Chromium turns its accessibility
 * on for the page when a screen reader is running; `--force-renderer-accessibility` is that, from
 * the start. (Turned on later, through DevTools' Accessibility domain after the note was drawn,
 * Chromium's tree holds only the blocks drawn so far: that is how "66 of about 360 buttons" was
 * counted; this test fails that way without the flag.)
 */
describe('off-screen quotations with a screen reader running (browser mode)', () => {
  let app: BrowserMode;
  let cdp: CDPSession;
  beforeAll(async () => {
    app = await startBrowserMode({ dataDir: await sectionedNote(), chromiumArgs: ['--force-renderer-accessibility'] });
    await app.page.goto(app.url);
    cdp = await app.page.context().newCDPSession(app.page);
  });
  afterAll(async () => {
    await cdp?.detach().catch(() => undefined);
    await app?.close();
  });

  it('exposes every quotation control and heading of a long note, by name, while its top is shown', async () => {
    const { page } = app;
    await expect
      .poll(() => page.evaluate('document.documentElement.dataset.noteWork'), { timeout: 60_000 })
      .toBe('settled');
    const note = page.getByRole('textbox', { name: 'Briefing note' });
    await note
      .locator('p')
      .first()
      .click({ position: { x: 12, y: 8 } });

    // The blocks still skip their rendering far from the screen, and the last one is many screens down.
    expect(
      await page.evaluate(
        `getComputedStyle(document.querySelector('.editor-input').lastElementChild).contentVisibility`,
      ),
    ).toBe('auto');
    expect(await lastBlockScreensDown(page)).toBeGreaterThan(5);

    const buttons = (await axNodes(cdp, '.editor-input', 'button')).map(nameOf);
    // Each quotation's own control is named by its words, in quotation marks…
    const quotations = buttons.filter((name) => name.startsWith('“'));
    expect(quotations).toHaveLength(PARAGRAPHS);
    expect(quotations.every((name) => name.length > 20 && name.endsWith('”'))).toBe(true);
    // …and each has its ✎, named.
    expect(buttons.filter((name) => name === 'Edit quotation')).toHaveLength(PARAGRAPHS);

    // The last quotation, nine screens below, is there by its own words.
    const lastWords = await note
      .locator('p')
      .last()
      .locator('.excerpt-open')
      .evaluate((open) => (open as unknown as { textContent: string }).textContent);
    expect(buttons).toContain(lastWords);

    // Moving by headings reaches every section, the last included.
    const headings = (await axNodes(cdp, '.editor-input', 'heading')).map(nameOf);
    expect(headings).toEqual(Array.from({ length: SECTIONS }, (_, i) => `Section ${i + 1}`));
  });
});
