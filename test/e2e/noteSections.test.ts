import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraphNode, textNode } from '../../shared/briefTemplates';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { dataDirWithBrief } from './support/storedBrief';

const PARAGRAPHS = 130;

/** The note's paragraphs' texts, in order, through its sections. */
const paragraphs = (page: Page) =>
  page.evaluate(
    `[...document.querySelectorAll('[aria-label="Briefing note"] p')].map((p) => p.textContent)`,
  ) as Promise<string[]>;

/** How many blocks each of the note's sections holds. */
const sectionSizes = (page: Page) =>
  page.evaluate(
    `[...document.querySelector('[aria-label="Briefing note"]').children].map((child) => child.classList.contains('note-section') ? child.children.length : -1)`,
  ) as Promise<number[]>;

/** Clicks paragraph `index` (counted through the sections) near its start, as the analyst would. */
async function clickParagraph(page: Page, index: number, modifiers: 'Shift'[] = []): Promise<void> {
  const paragraph = page.getByRole('textbox', { name: 'Briefing note' }).locator('p').nth(index);
  await paragraph.scrollIntoViewIfNeeded();
  await paragraph.click({ position: { x: 2, y: 4 }, modifiers });
}

/**
 * Until the page has handled what the last input did: a frame, then a task. The browser tells the
 * editor of a moved caret by a `selectionchange` event queued as a task; a key pressed before it
 * runs would land at the caret's old place (a person cannot press keys that fast).
 */
const inputHandled = (page: Page) => page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))');

/** The caret at the start (or end) of paragraph `index`. */
async function caretAt(page: Page, index: number, edge: 'Home' | 'End'): Promise<void> {
  await clickParagraph(page, index);
  await inputHandled(page);
  await page.keyboard.press(edge);
  await inputHandled(page);
}

/** Browser mode on a new archive whose open brief is `count` paragraphs "`label` 0.", "`label` 1."… */
async function appWithNote(title: string, label: string, count: number): Promise<BrowserMode> {
  const dataDir = await dataDirWithBrief(title, () =>
    Array.from({ length: count }, (_, i) => paragraphNode([textNode(`${label} ${i}.`)])),
  );
  const app = await startBrowserMode({ dataDir });
  await app.page.goto(app.url);
  return app;
}

/**
 * A long note is grouped in sections of about twenty blocks inside the editor, for the browser's
 * sake (docs/editor.md, "Sections"). The analyst must not be able to tell: Backspace and Delete join
 * paragraphs across a section's edge, a selection across sections is replaced as one, undo brings
 * it all back, and what is saved is the note's blocks, with no section in it.
 */
describe('a long note grouped in sections (browser mode)', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    app = await appWithNote('Sectioned note', 'Paragraph', PARAGRAPHS);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('edits across section edges as within one, and saves blocks, not sections', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const saves: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/saveBrief(Blocks)?$/.test(request.url())) saves.push(request.postData() ?? '');
    });
    await expect.poll(() => editor.locator('p').count(), { timeout: 30_000 }).toBe(PARAGRAPHS);
    // Sections of equal size (renderer/editor/noteSections.ts: SECTION_BLOCKS), the last holding the rest.
    const opened = await sectionSizes(page);
    const perSection = opened[0]!;
    expect(perSection).toBeGreaterThan(1);
    expect(perSection).toBeLessThan(PARAGRAPHS / 2);
    expect(opened).toEqual([
      ...Array(Math.floor(PARAGRAPHS / perSection)).fill(perSection),
      ...(PARAGRAPHS % perSection ? [PARAGRAPHS % perSection] : []),
    ]);
    const original = await paragraphs(page);

    // Backspace at the start of the second section's first paragraph.
    const edge = perSection;
    await caretAt(page, edge, 'Home');
    await page.keyboard.press('Backspace');
    await expect.poll(() => paragraphs(page)).toHaveLength(PARAGRAPHS - 1);
    expect((await paragraphs(page)).slice(edge - 2, edge + 1)).toEqual([
      `Paragraph ${edge - 2}.`,
      `Paragraph ${edge - 1}.Paragraph ${edge}.`,
      `Paragraph ${edge + 1}.`,
    ]);

    // Delete at the end of the first section's last paragraph.
    const [first] = await sectionSizes(page);
    const before = await paragraphs(page);
    await caretAt(page, first! - 1, 'End');
    await page.keyboard.press('Delete');
    await expect.poll(() => paragraphs(page)).toHaveLength(PARAGRAPHS - 2);
    expect((await paragraphs(page))[first! - 1]).toBe(`${before[first! - 1]}${before[first!]}`);

    // A selection from the first section into a later one, typed over.
    await caretAt(page, 5, 'Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await inputHandled(page);
    await clickParagraph(page, 110, ['Shift']);
    await inputHandled(page);
    await page.keyboard.press('Shift+Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    await inputHandled(page);
    await page.keyboard.type('X');
    await expect.poll(() => paragraphs(page)).toHaveLength(PARAGRAPHS - 2 - 105);
    expect((await paragraphs(page)).slice(4, 7)).toEqual(['Paragraph 4.', 'ParaXgraph 112.', 'Paragraph 113.']);
    const sizes = await sectionSizes(page);
    expect(sizes.every((size) => size > 0 && size <= 2 * perSection)).toBe(true);

    // Undone step by step, the note is whole again.
    for (let i = 0; i < 5 && JSON.stringify(await paragraphs(page)) !== JSON.stringify(original); i++) {
      await page.keyboard.press('Control+z');
      await inputHandled(page);
    }
    await expect.poll(() => paragraphs(page)).toEqual(original);

    // Typed and saved: the save sends blocks, and the note opens again as it was left.
    await caretAt(page, 75, 'Home');
    await page.keyboard.type('Edited: ');
    await expect.poll(() => saves.some((body) => body.includes('Edited')), { timeout: 60_000 }).toBe(true);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: /^Sav/ }).textContent(), { timeout: 30_000 })
      .toBe('Saved');
    await page.reload();
    await expect.poll(() => editor.locator('p').count(), { timeout: 30_000 }).toBe(PARAGRAPHS);
    const reopened = await paragraphs(page);
    expect(reopened[75]).toBe('Edited: Paragraph 75.');
    expect(reopened.filter((text, i) => text !== original[i])).toHaveLength(1);
    // Every save of the session sent the note's blocks, never a section.
    expect(saves.length).toBeGreaterThan(0);
    expect(saves.filter((body) => body.includes('note-section'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('a note whose last section would be small (browser mode)', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    app = await appWithNote('Short remainder', 'Line', 41);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens whole and editable: the remainder is grouped with the section before it', async () => {
    const { page } = app;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.locator('p').count(), { timeout: 30_000 }).toBe(41);
    const sizes = await sectionSizes(page);
    expect(sizes.reduce((a, b) => a + b)).toBe(41);
    expect(Math.min(...sizes)).toBeGreaterThan(1);
    await caretAt(page, 40, 'End');
    await page.keyboard.type(' More.');
    await expect.poll(async () => (await paragraphs(page))[40]).toBe('Line 40. More.');
    expect(errors).toEqual([]);
  });
});
