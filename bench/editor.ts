/**
 * npm run bench:editor [-- --smoke] — drives browser mode in Chromium with a generated 50-page note
 * holding 500 excerpts and prints p50/p95 of keystroke-to-paint latency, of inserting an excerpt
 * until the footnotes are renumbered, and of opening the brief. Figures, not assertions. --smoke
 * runs every step at a tiny size (20 paragraphs, a few repeats), as `npm test` does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSource, listSources } from '../main/archive/sources';
import { createBrief, saveBrief } from '../main/briefs/briefs';
import { openCore } from '../main/core';
import type { SerializedBriefState, SerializedNode } from '../shared/briefDocument';
import { excerptOf } from '../shared/excerpt';
import { launchChromium, ROOT, startHost } from '../test/support/browserSession';

const SMOKE = process.argv.includes('--smoke');
const PARAGRAPHS = SMOKE ? 20 : 500;
const OPENS = SMOKE ? 1 : 5;
const KEYS = SMOKE ? 10 : 200;
const INSERTS = SMOKE ? 2 : 20;
const WORDS =
  'the minister will announce talks on an agreement to share military intelligence with allies in the region'.split(
    ' ',
  );

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** A realistic long note: 500 paragraphs of ~50 words, each quoting one sentence of a seed source. */
async function generateNote(dataDir: string): Promise<number> {
  const core = await openCore({
    dataDir,
    seedsDir: join(ROOT, 'seeds'),
    mode: 'browser',
    version: 'bench',
    allowRepair: true,
  });
  const sources = listSources(core.db).map((s) => getSource(core.db, s.id)!);
  const children: SerializedNode[] = [];
  for (let i = 0; i < PARAGRAPHS; i++) {
    const source = sources[i % sources.length]!;
    const start = (i * 37) % Math.max(1, source.body.length - 200);
    const words = Array.from({ length: 50 }, (_, w) => WORDS[(i + w) % WORDS.length]).join(' ');
    if (i % 10 === 0)
      children.push({
        type: 'heading',
        tag: 'h2',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        children: [
          { type: 'text', text: `Section ${i / 10 + 1}`, format: 0, version: 1, mode: 'normal', style: '', detail: 0 },
        ],
      });
    children.push({
      type: 'paragraph',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      textFormat: 0,
      textStyle: '',
      children: [
        { type: 'text', text: `${words} `, format: 0, version: 1, mode: 'normal', style: '', detail: 0 },
        excerptOf(source, start, start + 80, 'inline'),
        { type: 'text', text: ' and so on.', format: 0, version: 1, mode: 'normal', style: '', detail: 0 },
      ],
    });
  }
  const content: SerializedBriefState = {
    root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children },
  };
  const brief = createBrief(core.db, {
    template: 'blank',
    title: `Benchmark note (${PARAGRAPHS} paragraphs, ${PARAGRAPHS} excerpts)`,
  });
  saveBrief(core.db, { id: brief.id, baseRevision: brief.revision, content });
  core.close();
  return brief.id;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'precis-bench-editor-'));
  await generateNote(dataDir);
  const host = await startHost(dataDir);
  const { url } = host;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const footnoteItems = page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem');

    // Opening: a fresh tab navigates until the note shows all the numbered footnotes. (Navigating
    // an already open tab would also count tearing down the previous 50-page note.)
    const opens: number[] = [];
    for (let run = 0; run < OPENS; run++) {
      const tab = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const started = performance.now();
      await tab.goto(url);
      await tab
        .getByRole('list', { name: 'Footnotes' })
        .getByRole('listitem')
        .nth(PARAGRAPHS - 1)
        .waitFor();
      opens.push(performance.now() - started);
      await tab.close();
    }
    await page.goto(url);
    await footnoteItems.nth(PARAGRAPHS - 1).waitFor();

    // Keystrokes: time from keydown to the frame after the browser painted the change.
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await editor
      .locator('p')
      .nth(PARAGRAPHS / 2)
      .click();
    await page.keyboard.press('End');
    // Page-side code is passed as text: this file is type-checked as Node code, without DOM types.
    await page.evaluate(`
      window.__lat = [];
      document.addEventListener('keydown', () => {
        const t0 = performance.now();
        requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - t0), 0));
      }, true);
    `);
    for (let i = 0; i < KEYS; i++) await page.keyboard.type('x', { delay: 20 });
    await page.waitForTimeout(500);
    const keystrokes = (await page.evaluate('window.__lat')) as number[];

    // Inserting an excerpt near the top, so every footnote below it renumbers.
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('Five Eyes');
    await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
    const passage = page.getByRole('region', { name: 'Source' }).locator('.reader-text p').first();
    const inserts: number[] = [];
    for (let i = 0; i < INSERTS; i++) {
      await editor.locator('p').nth(1).click();
      await passage.selectText();
      const before = await footnoteItems.count();
      const elapsed = (await page.evaluate(`new Promise((resolve) => {
        const list = document.querySelector('[aria-label="Footnotes"]');
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Quote in note');
        const t0 = performance.now();
        setTimeout(() => resolve(Number.NaN), 10000);
        const observer = new MutationObserver(() => {
          if (list.children.length >= ${before + 1}) {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        });
        observer.observe(list, { childList: true, subtree: true, characterData: true });
        button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      })`)) as number;
      inserts.push(elapsed);
    }

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(
      `Précis editor benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpu}, Node ${process.version}, Chromium headless`,
    );
    console.log(`note: ${PARAGRAPHS} paragraphs (~${PARAGRAPHS / 10} pages), ${PARAGRAPHS} excerpts`);
    console.log(
      `open brief (navigation → ${PARAGRAPHS} footnotes shown): p50 ${ms(percentile(opens, 50))}  p95 ${ms(percentile(opens, 95))}  (target < 1000 ms)`,
    );
    console.log(
      `keystroke → paint (${keystrokes.length} keys): p50 ${ms(percentile(keystrokes, 50))}  p95 ${ms(percentile(keystrokes, 95))}  (target p95 < 16 ms)`,
    );
    console.log(
      `insert excerpt → footnotes renumbered (${inserts.length}): p50 ${ms(percentile(inserts, 50))}  p95 ${ms(percentile(inserts, 95))}  (target < 50 ms)`,
    );
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
