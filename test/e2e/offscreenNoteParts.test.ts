import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { longNoteDataDir } from './support/storedBrief';

const PARAGRAPHS = 120;

const longNote = () => longNoteDataDir(PARAGRAPHS);

// This file is type-checked as Node code, without the DOM's types: what the page-side functions use.
interface PageElement {
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  contains(other: unknown): boolean;
}
declare const document: { elementFromPoint(x: number, y: number): unknown };
declare function getComputedStyle(element: unknown): { contain: string; isolation: string };

/** Its computed `contain` and `isolation`, e.g. "layout style isolate". */
const containment = (locator: Locator) =>
  locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return `${style.contain} ${style.isolation}`;
  });

/**
 * Whether the element is what the page hit-tests at a point of it (fractions of its width and
 * height from its top left): drawn there, neither clipped nor covered.
 */
const hitAt = (locator: Locator, x = 0.5, y = 0.5) =>
  locator.evaluate(
    (element, [x, y]) => {
      const box = (element as unknown as PageElement).getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + x * box.width, box.top + y * box.height);
      return hit !== null && (element as unknown as PageElement).contains(hit);
    },
    [x, y] as const,
  );

/** Whether the footnote list's last item is rendered, not skipped inside a `content-visibility: auto` box. */
const lastFootnoteRendered = (page: Page) =>
  page.evaluate(
    `document.querySelector('ol.footnotes').lastElementChild.checkVisibility({ contentVisibilityAuto: true })`,
  ) as Promise<boolean>;

/** Whether the last origin badge is rendered, not skipped inside its group's `content-visibility: auto` box. */
const lastBadgeRendered = (page: Page) =>
  page.evaluate(
    `document.querySelector('.origin-gutter > .origin-group:last-child > .origin-badge:last-child').checkVisibility({ contentVisibilityAuto: true })`,
  ) as Promise<boolean>;

/** The names of the elements of `role` below the one `selector` finds, in Chromium's own accessibility tree. */
async function accessibleNames(page: Page, selector: string, role: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { nodes } = await cdp.send('Accessibility.queryAXTree', { nodeId, role });
    return nodes.map((node) => String(node.name?.value ?? ''));
  } finally {
    await cdp.detach();
  }
}

/**
 * What the note's keystrokes cost in a long note's frames, its parts beside the note must not:
 * the footnote list below it and the origin badges in its margin are laid out apart from it
 * (docs/editor.md, "The footnote list and the origin badges, apart from the note"), and both skip
 * their rendering far from the screen (`content-visibility: auto`). They must stay what they were:
 * in Chromium's accessibility tree with their names wherever the analyst is (with accessibility on
 * from the start, as when a screen reader runs), drawn and clickable when scrolled to, an opened
 * badge's list of sources drawn whole.
 */
describe('the parts of a long note beside the text (browser mode)', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    // Accessibility on from the start, as when a screen reader runs: Chromium then keeps the
    // contents of blocks that skip their rendering in its tree (docs/editor.md, "Off-screen blocks").
    app = await startBrowserMode({ dataDir: await longNote(), chromiumArgs: ['--force-renderer-accessibility'] });
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps the footnote list apart from the note, every footnote named, and shows the right passage from one scrolled to', async () => {
    const { page } = app;
    const list = page.getByRole('list', { name: 'Footnotes' });
    const items = list.getByRole('listitem');
    await expect.poll(() => items.count(), { timeout: 60_000 }).toBe(PARAGRAPHS);
    await expect
      .poll(() => page.evaluate('document.documentElement.dataset.noteWork'), { timeout: 60_000 })
      .toBe('settled');
    await page
      .getByRole('textbox', { name: 'Briefing note' })
      .locator('p')
      .first()
      .click({ position: { x: 12, y: 8 } });
    expect(await containment(list)).toBe('layout style isolate');

    // At the top of the note the list is many screens below: it skips its rendering (its items have
    // no style or layout, so opening the note does not lay them out)…
    expect(await lastFootnoteRendered(page)).toBe(false);
    // …yet every footnote is in the accessibility tree, by its citation.
    const names = await accessibleNames(page, 'ol.footnotes', 'button');
    expect(names).toHaveLength(PARAGRAPHS);
    expect(names.every((name) => name.length > 10)).toBe(true);

    // Footnote 100, scrolled to, is drawn where it is and opens its passage. Polled, scrolling
    // again each time: the page may still move between the scroll and the hit test (a CI run under
    // load once hit something else there), and what must fail is a footnote never drawn.
    const hundredth = items.nth(99).getByRole('button');
    await expect
      .poll(async () => {
        await hundredth.scrollIntoViewIfNeeded();
        return hitAt(hundredth);
      })
      .toBe(true);
    expect(await lastFootnoteRendered(page)).toBe(true);
    expect(await hundredth.textContent()).toBe(names[99]);
    await hundredth.click();
    // The reader shows the source the footnote cites (the citation starts with its title), at the passage.
    const cited = names[99]!.replace(/[“”"]/g, '').slice(0, 25).toLowerCase();
    const reader = page.getByRole('region', { name: 'Source' });
    await expect
      .poll(async () => ((await reader.getByRole('heading').first().textContent()) ?? '').toLowerCase())
      .toContain(cited);
    await expect.poll(() => reader.locator('mark.passage').count()).toBe(1);
  });

  it('keeps the origin badges apart from the note, all named, and an opened one drawn whole', async () => {
    const { page } = app;
    const badge = (paragraph: number) => page.getByTitle(new RegExp(`Paragraph ${paragraph} says`));
    await expect
      .poll(() => page.getByRole('button', { name: '1 origin' }).count(), { timeout: 60_000 })
      .toBe(PARAGRAPHS);
    expect(await containment(page.locator('.origin-gutter'))).toBe('layout style isolate');
    // At the top of the note the last badges' group is many screens below: it skips its rendering…
    await page
      .getByRole('textbox', { name: 'Briefing note' })
      .locator('p')
      .first()
      .click({ position: { x: 12, y: 8 } });
    await expect.poll(() => lastBadgeRendered(page)).toBe(false);
    // …yet every badge is in the accessibility tree, by name.
    const names = await accessibleNames(page, '.origin-gutter', 'button');
    expect(names).toEqual(Array.from({ length: PARAGRAPHS }, () => '1 origin'));

    // The last paragraph's badge, opened: its list of sources reaches left of the margin and below
    // the note's end, and is drawn whole (its group is then drawn whole, not clipped to its box). Scrolled to, it stands beside its paragraph (estimated
    // while its section was skipped, measured once the section is drawn).
    const last = badge(PARAGRAPHS);
    await last.scrollIntoViewIfNeeded();
    const lastParagraph = page.getByRole('textbox', { name: 'Briefing note' }).locator('p').last();
    await lastParagraph.scrollIntoViewIfNeeded();
    await expect
      .poll(async () => Math.abs((await last.boundingBox())!.y - (await lastParagraph.boundingBox())!.y))
      .toBeLessThan(2);
    expect(await lastBadgeRendered(page)).toBe(true);
    await last.getByRole('button', { name: '1 origin' }).click();
    const sources = last.getByRole('list', { name: 'Sources behind it' });
    await sources.waitFor();
    await sources.scrollIntoViewIfNeeded();
    for (const [x, y] of [
      [0.5, 0.5],
      [0.05, 0.5],
      [0.5, 0.95],
    ] as const)
      await expect.poll(() => hitAt(sources, x, y)).toBe(true);
  });
});
