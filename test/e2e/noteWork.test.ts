import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getSource, listSources } from '../../main/archive/sources';
import { createBrief, saveBrief } from '../../main/briefs/briefs';
import { openCore } from '../../main/core';
import type { SerializedBriefState, SerializedNode } from '../../shared/briefDocument';
import { excerptOf } from '../../shared/excerpt';
import { type BrowserMode, ROOT, startBrowserMode } from './support/browserMode';

/** A brief with one quotation the source does not hold (flagged once checked) and one it does. */
async function briefWithQuotations(dataDir: string): Promise<void> {
  const core = await openCore({
    dataDir,
    seedsDir: join(ROOT, 'seeds'),
    mode: 'browser',
    version: 'test',
    allowRepair: true,
  });
  try {
    const source = getSource(core.db, listSources(core.db)[0]!.id)!;
    // The source's first sentence, whole words only: a quotation cut inside a word is flagged too.
    const good = excerptOf(source, 0, source.body.indexOf('.') + 1, 'inline');
    const edited = {
      ...excerptOf(source, 0, 20, 'inline'),
      quote: 'Words the source never said, put in its mouth.',
    };
    const paragraph = (quote: SerializedNode): SerializedNode => ({
      type: 'paragraph',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      textFormat: 0,
      textStyle: '',
      children: [
        { type: 'text', text: 'It said ', format: 0, version: 1, mode: 'normal', style: '', detail: 0 },
        quote,
      ],
    });
    const content: SerializedBriefState = {
      root: {
        type: 'root',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        children: [paragraph(good), paragraph(edited)],
      },
    };
    const brief = createBrief(core.db, { template: 'blank', title: 'Quoted note' });
    saveBrief(core.db, { id: brief.id, baseRevision: brief.revision, content });
  } finally {
    core.close();
  }
}

/**
 * The note's work after it is drawn (renderer/editor/noteWork.ts): the page says when it is done,
 * and it gets done even on a page that is never idle.
 */
describe('the note settles after opening (browser mode)', () => {
  let app: BrowserMode | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function open(busyPage: boolean): Promise<BrowserMode> {
    const dataDir = mkdtempSync(join(tmpdir(), 'precis-e2e-'));
    await briefWithQuotations(dataDir);
    app = await startBrowserMode({ dataDir });
    if (busyPage)
      // A task always queued, as on a loaded machine or a page busy with other work: the browser
      // never has an idle period, so idle callbacks run only when their wait runs out.
      await app.page.addInitScript(`(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const end = performance.now() + 8;
          while (performance.now() < end) {}
          channel.port2.postMessage(0);
        };
        channel.port2.postMessage(0);
      })()`);
    await app.page.goto(app.url);
    return app;
  }

  it('marks the page settled once the quotations are checked', async () => {
    const { page } = await open(false);
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.locator('.excerpt-quote[aria-invalid="true"]').count(), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(() => page.evaluate('document.documentElement.dataset.noteWork'), { timeout: 30_000 })
      .toBe('settled');
    expect(await editor.locator('.excerpt-quote').count()).toBe(2);
  });

  it('checks the quotations on a page that is never idle', async () => {
    const { page } = await open(true);
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    // Before the fix, an idle callback called for its timeout had timeRemaining() 0 and checked
    // nothing, so the edited quotation was never flagged.
    await expect.poll(() => editor.locator('.excerpt-quote[aria-invalid="true"]').count(), { timeout: 60_000 }).toBe(1);
    await expect
      .poll(() => page.evaluate('document.documentElement.dataset.noteWork'), { timeout: 60_000 })
      .toBe('settled');
  });
});
