import type { CitationRun } from '../../shared/csl/citationFormat';
import type { NumberedFootnote } from './numberedFootnotes';

/**
 * The list of footnotes below the note, drawn as plain DOM and patched in place: an insert near
 * the top of a 2,000-footnote note adds one item, with no React render of the other 1,999 and no
 * React commit. A commit while the note has focus first walks every DOM node of the note to save
 * its selection (react-dom's getSelectionInformation; docs/editor.md, "What a key costs besides
 * typing"): at 2,000 excerpts 5–95 ms of each insert, in the measured window, before the new
 * footnote showed. The markup is what React drew: `li > button.footnote-open > span > (i, b, …)`.
 *
 * No `value` on the items: footnote n is the list's n-th item, so the list's own numbering shows
 * it, and an insert moves no other item's number by hand (setting every item's value made Chromium
 * renumber the list once per item: about 40 ms of an insert at 500 excerpts).
 */
export interface FootnoteListView {
  show(footnotes: readonly NumberedFootnote[]): void;
  dispose(): void;
}

interface Shown {
  item: HTMLLIElement;
  footnote: NumberedFootnote;
}

/** A footnote's height in the list (0.85rem text, wrapping to two lines or so, and its margin). */
const ESTIMATED_EM_PER_FOOTNOTE = 2.4;

export function footnoteListView(list: HTMLOListElement, open: (footnote: NumberedFootnote) => void): FootnoteListView {
  // Items another view drew (React's StrictMode mounts twice in development) are not this one's.
  list.replaceChildren();
  const shown = new Map<string, Shown>();
  const byItem = new WeakMap<Element, Shown>();
  const onClick = (event: MouseEvent) => {
    const button = (event.target as Element | null)?.closest?.('button.footnote-open');
    const entry = button?.parentElement ? byItem.get(button.parentElement) : undefined;
    if (entry) open(entry.footnote);
  };
  list.addEventListener('click', onClick);
  let shownHeight = '';

  return {
    show(footnotes) {
      const wanted = new Set<string>();
      for (const footnote of footnotes) wanted.add(footnote.nodeKey);
      for (const [key, { item }] of shown)
        if (!wanted.has(key)) {
          item.remove();
          shown.delete(key);
        }
      // One pass in the new order with a cursor over the list's items: an item in place is passed
      // over, a missing or misplaced one is put before the cursor. An item found at the cursor that
      // belongs further down (the next item is the one wanted) is left behind, to be moved when its
      // turn comes: a footnote moved down the note costs one move, not one per item it passed.
      let cursor = list.firstElementChild;
      for (const footnote of footnotes) {
        let entry = shown.get(footnote.nodeKey);
        if (!entry) {
          entry = { item: document.createElement('li'), footnote };
          entry.item.append(footnoteButton(footnote.runs));
          shown.set(footnote.nodeKey, entry);
          byItem.set(entry.item, entry);
        } else {
          if (!sameRuns(entry.footnote.runs, footnote.runs)) entry.item.replaceChildren(footnoteButton(footnote.runs));
          entry.footnote = footnote;
        }
        const { item } = entry;
        // Every item from the cursor on is still to be placed, so leaving one behind is always safe.
        if (cursor !== item && cursor?.nextElementSibling === item) cursor = item;
        if (cursor === item) cursor = item.nextElementSibling;
        else list.insertBefore(item, cursor);
      }
      // The list skips its rendering while far from the screen (styles.css): until it is first
      // drawn, its height is this guess (about two lines a footnote), so the note's scroll bar is
      // near its real length; once drawn, Chromium keeps the height it measured.
      const height = `auto ${footnotes.length * ESTIMATED_EM_PER_FOOTNOTE}em`;
      if (height !== shownHeight) {
        shownHeight = height;
        list.style.containIntrinsicBlockSize = height;
      }
    },
    dispose() {
      list.removeEventListener('click', onClick);
    },
  };
}

function footnoteButton(runs: readonly CitationRun[]): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'footnote-open';
  for (const run of runs) button.append(runElement(run));
  return button;
}

/** A citation's run, with the italics (and the rarer looks) the Word footnote gets. */
function runElement(run: CitationRun): HTMLElement {
  let node: Node = document.createTextNode(run.text);
  const wrap = (tag: string, className?: string) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    element.append(node);
    node = element;
  };
  if (run.italic) wrap('i');
  if (run.bold) wrap('b');
  if (run.smallCaps) wrap('span', 'small-caps');
  if (run.superscript) wrap('sup');
  if (run.subscript) wrap('sub');
  const span = document.createElement('span');
  span.append(node);
  return span;
}

/**
 * Equal runs: a citation cached by the formatter keeps its runs array, but a graded one is made
 * anew at each renumbering (withGrade), so identity alone would redraw every graded footnote.
 */
function sameRuns(a: readonly CitationRun[], b: readonly CitationRun[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((run, i) => {
    const other = b[i]!;
    return (
      run.text === other.text &&
      !run.italic === !other.italic &&
      !run.bold === !other.bold &&
      !run.smallCaps === !other.smallCaps &&
      !run.superscript === !other.superscript &&
      !run.subscript === !other.subscript
    );
  });
}
