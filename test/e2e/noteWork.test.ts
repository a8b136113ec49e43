import { afterEach, describe, expect, it } from 'vitest';
import { paragraphNode, textNode } from '../../shared/briefTemplates';
import { excerptOf } from '../../shared/excerpt';
import { type BrowserMode, startBrowserMode } from './support/browserMode';
import { dataDirWithBrief } from './support/storedBrief';

/** A brief with one quotation the source does not hold (flagged once checked) and one it does. */
const briefWithQuotations = () =>
  dataDirWithBrief('Quoted note', (sources) => {
    const source = sources[0]!;
    // The source's first sentence, whole words only: a quotation cut inside a word is flagged too.
    const good = excerptOf(source, 0, source.body.indexOf('.') + 1, 'inline');
    const edited = {
      ...excerptOf(source, 0, 20, 'inline'),
      quote: 'Words the source never said, put in its mouth.',
    };
    return [paragraphNode([textNode('It said '), good]), paragraphNode([textNode('It said '), edited])];
  });

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
    const dataDir = await briefWithQuotations();
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
