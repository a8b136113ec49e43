import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, startBrowserMode } from './support/browserMode';

// Every vector tries to set window.pwned, open a dialog, navigate, or fetch from elsewhere.
const EVIL = 'http://evil.example';
const HOSTILE_PAGE = `<!doctype html>
<html><head><title>Hostile briefing page</title>
<base href="${EVIL}/">
<meta http-equiv="refresh" content="0;url=${EVIL}/refresh">
<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'">
<script>window.pwned = 'script'; alert('script')</script>
<script src="${EVIL}/x.js"></script>
<link rel="stylesheet" href="${EVIL}/x.css"><link rel="import" href="${EVIL}/x.html">
<style>body { background: url(${EVIL}/bg.png) } p { width: expression(alert('expression')) }
@import url(${EVIL}/import.css);</style>
</head><body onload="window.pwned = 'onload'">
<article><h1>Hostile briefing page</h1>
<p onmouseover="window.pwned = 'mouseover'" onclick="alert('onclick')" style="background:url(javascript:alert('css'))">
Officials from both governments confirmed the Arctic radar agreement after months of negotiation in Oslo.</p>
<p>Read the <a href="javascript:window.pwned='href';alert('href')">full statement</a> or the
<a href="data:text/html,&lt;script&gt;alert('data')&lt;/script&gt;">annex</a> or
<a href="${EVIL}/page" target="_blank">the outlet</a> before the committee meets again next week.</p>
<img src="x" onerror="window.pwned = 'onerror'; alert('img')"><img src="${EVIL}/pixel.gif" srcset="${EVIL}/a.png 2x">
<svg onload="window.pwned = 'svg'"><script>window.pwned = 'svg-script'</script>
<a xlink:href="javascript:alert('svg-link')"><text x="0" y="15">svg link</text></a>
<animate onbegin="alert('animate')" attributeName="x" dur="1s"/><foreignObject><iframe src="${EVIL}/fo"></iframe></foreignObject></svg>
<math><mtext><table><mglyph><style><img src=x onerror="alert('mathml')"></style></mglyph></table></mtext>
<maction actiontype="statusline" xlink:href="javascript:alert('maction')">math</maction></math>
<iframe src="${EVIL}/frame"></iframe><iframe srcdoc="<script>parent.pwned='srcdoc'</script>"></iframe>
<object data="${EVIL}/x.swf"></object><embed src="${EVIL}/x.swf"><applet code="X"></applet>
<form action="${EVIL}/form"><input autofocus onfocus="alert('autofocus')"><button formaction="javascript:alert('form')">Go</button></form>
<noscript><p title="</noscript><img src=x onerror=alert('noscript')>"></p></noscript>
<video poster="${EVIL}/poster.png"><source onerror="alert('video')"></video>
<details open ontoggle="alert('details')"><summary>More</summary>Hidden text.</details>
<template><img src=x onerror="alert('template')"></template>
<div style="behavior: url(${EVIL}/x.htc); -moz-binding: url(${EVIL}/x.xml#x)">Styled block.</div>
<p>Ministers said the northern radar network would be upgraded by 2030 under the new agreement.</p>
</article></body></html>`;

describe('a hostile web page imported through the UI (browser mode)', () => {
  let app: BrowserMode;
  const dialogs: string[] = [];
  const navigations: string[] = [];
  const requests: string[] = [];
  let origin: string;

  beforeAll(async () => {
    app = await startBrowserMode();
    origin = new URL(app.url).origin;
    app.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    app.page.on('framenavigated', (frame) => navigations.push(frame.url()));
    app.page.on('request', (request) => requests.push(request.url()));
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports, reads and quotes it without running anything or reaching the network', async () => {
    const { page } = app;
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.count()).toBe(1);

    const file = join(app.dataDir, 'hostile.html');
    writeFileSync(file, HOSTILE_PAGE);
    await page.getByLabel('Files to import').setInputFiles([file]);
    await expect.poll(() => page.getByText(/1 imported, 0 already there, 0 failed/).count()).toBe(1);

    await page.getByRole('searchbox', { name: 'Search sources' }).fill('northern radar network');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByRole('button', { name: /Hostile briefing page/ }).click();
    const reader = page.getByRole('region', { name: 'Source' });
    await expect.poll(() => reader.textContent()).toContain('Officials from both governments confirmed');

    // Nothing executable reached the reader.
    for (const selector of ['script', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'base', 'meta', 'style']) {
      expect(await reader.locator(selector).count(), selector).toBe(0);
    }
    // Typed by shape: the node tsconfig has no DOM types.
    type Attribute = { name: string; value: string };
    type Element = { tagName: string; attributes: ArrayLike<Attribute> };
    const attributes = await reader.evaluate((root: { querySelectorAll(selector: string): ArrayLike<Element> }) =>
      Array.from(root.querySelectorAll('*')).flatMap((element) =>
        Array.from(element.attributes)
          .filter((a) => /^on/i.test(a.name) || /^\s*(javascript|data):/i.test(a.value))
          .map((a) => `${element.tagName}[${a.name}=${a.value}]`),
      ),
    );
    expect(attributes).toEqual([]);

    // Hover and click what would have carried handlers and links.
    const officials = reader.locator('p', { hasText: /Officials from both governments/ });
    await officials.hover();
    await officials.click();
    // The link's words are in the reader as text; click them (Playwright waits for them, or fails).
    await reader.getByText('full statement').first().click();

    // Quote a passage into the note: the excerpt and its footnote, as plain text.
    await editor.click();
    await page.keyboard.type('Draft.');
    const passage = reader.locator('p', { hasText: /^Ministers said the northern radar network/ });
    await passage.selectText();
    await passage.dragTo(editor.locator('p').first(), { targetPosition: { x: 3, y: 5 } });
    await expect.poll(() => editor.locator('p').first().textContent()).toMatch(/^“Ministers said the northern radar/);
    await expect.poll(() => page.getByRole('list', { name: 'Footnotes' }).getByRole('listitem').count()).toBe(1);
    // The quotation has made its round trip to the archive: whatever it could set off has happened.
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^Sav/ }).textContent()).toBe('Saved');

    expect(await page.evaluate('typeof window.pwned')).toBe('undefined');
    expect(dialogs).toEqual([]);
    expect(navigations.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(page.url().startsWith(`${origin}/`)).toBe(true);
    // The listeners were live: the app's own page load and API calls were seen.
    expect(navigations.length).toBeGreaterThan(0);
    expect(requests.some((url) => url.startsWith(`${origin}/api/`))).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
