/**
 * The fresh-tab open's end, seen from inside the page: the moment the note is shown, editable and
 * every footnote numbered. The bench used to wait with Playwright's
 * `getByRole('list', { name: 'Footnotes' }).getByRole('listitem').nth(N - 1).waitFor()`, which
 * inflated the figure it measured in two ways: each of its polls is a role query over the whole
 * page (the accessible name and computed style of every list item, some 340 ms of the page's own
 * main thread over an open of the 500-excerpt note, in a CPU profile), and between polls it backs
 * off to 500 ms, so the open was seen up to half a second after it happened.
 *
 * Here a script installed before navigation checks the same condition at every animation frame,
 * reading only a few elements it keeps (constant time once the note is there), and records the
 * page's clock when it first holds. The condition is the old one, made explicit and stricter:
 * - the footnote list (`ol[aria-label="Footnotes"]`) has N items and a box (Playwright's
 *   "visible": a non-empty bounding box, not `visibility: hidden`). Until 2026-12-02 (stop 26) the
 *   N-th item's box: the list now skips its rendering while far from the screen
 *   (`content-visibility: auto`, as the note's own blocks do), and reading a box inside it would
 *   make Chromium lay the whole list out for the check alone. Its items are drawn when scrolled
 *   near (test/e2e/offscreenNoteParts.test.ts), as the note's far blocks are;
 * - the note (`[aria-label="Briefing note"]`) is `contenteditable="true"` — Lexical makes it so
 *   only once the editor is mounted and editable;
 * - the note holds N footnote numbers (`sup.footnote-ref`) and the last reads "N", so the markers
 *   in the text are numbered too, not only the list (which the `ol` numbers itself).
 * Checked in a frame callback, the state seen is the state that frame paints.
 */
import type { Page } from 'playwright-core';

/** Installs the check in `tab` (before navigating it): see the file's comment. */
export async function watchNoteOpened(tab: Page, footnotes: number): Promise<void> {
  await tab.addInitScript(`(() => {
    const N = ${footnotes};
    let list = null;
    let note = null;
    let markers = null;
    const opened = () => {
      if (!list?.isConnected) list = document.querySelector('ol[aria-label="Footnotes"]');
      if (!list || list.children.length < N) return false;
      if (!note?.isConnected) {
        note = document.querySelector('[aria-label="Briefing note"]');
        markers = note?.getElementsByClassName('footnote-ref') ?? null;
      }
      if (!note || note.getAttribute('contenteditable') !== 'true' || !markers || markers.length < N) return false;
      if (markers[markers.length - 1].textContent !== String(N)) return false;
      const box = list.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(list).visibility !== 'hidden';
    };
    window.__noteOpened = new Promise((resolve) => {
      const check = () => (opened() ? resolve(performance.timeOrigin + performance.now()) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
  })()`);
}

/**
 * Waits for the condition in `tab` (navigated after `watchNoteOpened`) and returns the epoch time
 * (ms) at which the page saw it: one CDP evaluate awaiting the page's promise, so the wait itself
 * costs the page nothing while it works.
 */
export async function noteOpenedAt(tab: Page, timeoutMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return (await Promise.race([
      tab.evaluate('window.__noteOpened'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the note did not open in ${timeoutMs} ms`)), timeoutMs);
      }),
    ])) as number;
  } finally {
    // Not left pending: it would hold the bench's process up to timeoutMs after its last open.
    clearTimeout(timer);
  }
}
