import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHtmlPages } from '../../../bench/htmlPages';
import type { ParsedFile } from '../../../main/importers/article';
import { parseHtml } from '../../../main/importers/formats/html';
import { ROOT } from '../../support/browserSession';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

/*
 * Every Node bundle patches linkedom's EventTarget (tooling/build.mjs, linkedomLazyListeners): a
 * node's Map of listeners is made on its first addEventListener, not in its constructor, which
 * cost a parse worker ~10% of its CPU on web pages (docs/search.md, stop 27). The unit tests run
 * the sources, with linkedom as published; these build the HTML reader with the app's own esbuild
 * settings and check that the patch is in it, that listeners still work, and that it reads every
 * HTML fixture and 200 generated pages exactly as the sources do.
 */

interface Bundled {
  parseHtml: typeof parseHtml;
  parseHTML(html: string): {
    document: { getElementById(id: string): ListenerTarget; body: ListenerTarget };
    Event: new (type: string, init?: { bubbles?: boolean }) => unknown;
  };
}
interface ListenerTarget {
  addEventListener(type: string, listener: (event: { type: string }) => void, options?: { once?: boolean }): void;
  removeEventListener(type: string, listener: (event: { type: string }) => void): void;
  dispatchEvent(event: unknown): boolean;
}

let bundled: Bundled;
let bundleText: string;

beforeAll(async () => {
  const { nodeBundle } = (await import(pathToFileURL(join(ROOT, 'tooling', 'build.mjs')).href)) as {
    nodeBundle: BuildOptions;
  };
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'htmlReader.cjs');
  await build({
    ...nodeBundle,
    stdin: {
      contents: "export { parseHtml } from './main/importers/formats/html'; export { parseHTML } from 'linkedom';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile,
  });
  bundleText = readFileSync(outfile, 'utf8');
  bundled = createRequire(import.meta.url)(outfile) as Bundled;
}, 60_000);
afterAll(cleanUpTemp);

/** What reading a page gives: the parsed source, or the one-line reason it was refused. */
function outcome(read: () => ParsedFile): ParsedFile | { error: string } {
  try {
    return read();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe("the bundled linkedom's lazy listener maps", () => {
  it('are in the bundle: the constructor no longer makes a Map, addEventListener does', () => {
    expect(bundleText).toMatch(/if \(!(map\d*)\) wm\.set\(this, \1 = /);
    expect(bundleText).not.toMatch(/constructor\(\) \{\s*wm\.set\(this/);
  });

  it('still deliver, bubble, fire once and remove listeners; removing from a node never listened to is harmless', () => {
    const { document, Event } = bundled.parseHTML('<html><body><p id="a">text</p><p id="b">more</p></body></html>');
    const paragraph = document.getElementById('a');
    const seen: string[] = [];
    const onParagraph = (event: { type: string }) => seen.push(`p:${event.type}`);
    const onBody = (event: { type: string }) => seen.push(`body:${event.type}`);
    document.getElementById('b').removeEventListener('ping', onParagraph);
    paragraph.addEventListener('ping', onParagraph);
    paragraph.addEventListener('pong', onParagraph, { once: true });
    document.body.addEventListener('ping', onBody);
    paragraph.dispatchEvent(new Event('ping', { bubbles: true }));
    paragraph.dispatchEvent(new Event('pong'));
    paragraph.dispatchEvent(new Event('pong'));
    paragraph.removeEventListener('ping', onParagraph);
    paragraph.dispatchEvent(new Event('ping', { bubbles: true }));
    expect(seen).toEqual(['p:ping', 'body:ping', 'p:pong', 'body:ping']);
  });

  it('read every HTML fixture and 200 generated pages exactly as the sources do', () => {
    const fixtures = join(ROOT, 'test', 'fixtures', 'metadata', 'files');
    const pages = join(tempDir(), 'pages');
    mkdirSync(pages);
    writeHtmlPages(pages, 200);
    const files = [
      ...readdirSync(fixtures)
        .filter((name) => name.endsWith('.html'))
        .map((name) => join(fixtures, name)),
      ...readdirSync(pages).map((name) => join(pages, name)),
    ];
    expect(files.length).toBeGreaterThan(210);
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const name = file.split('/').pop()!;
      expect(
        outcome(() => bundled.parseHtml(bytes, name)),
        name,
      ).toEqual(outcome(() => parseHtml(bytes, name)));
    }
  });
});
