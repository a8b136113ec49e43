import type { LexicalEditor } from 'lexical';
import type { Misspelling } from './spellChecker';

/**
 * How misspellings are shown without touching the note: Lexical owns the editor's DOM and reverts
 * foreign elements in it, and a node per misspelled word would put spell-checking into the saved
 * document, the undo history and the Word export. So:
 * - the wavy underline is a CSS Custom Highlight over live Ranges of the text (no element added,
 *   no layout: the browser paints it, and keeps it on the word while the text around it changes);
 * - `aria-invalid="spelling"` is carried by one transparent element per word, laid over the word
 *   in a layer beside the editable area (outside Lexical's DOM), holding the word's text, so
 *   assistive technology and the tests find each misspelled word, where it is.
 * Positions are measured in a frame callback after each result, and again when the note's size
 * changes, never on the keystroke itself.
 */
export const HIGHLIGHT_NAME = 'precis-spelling';

export interface SpellingMarks {
  /** Replaces the marks of one block. */
  set(blockKey: string, misspellings: Misspelling[]): void;
  /** The misspelling at this offset of this text node, if any (offsets verified against the text). */
  at(runKey: string, offset: number, text: string): Misspelling | null;
  /** Every block's misspellings, in no particular order. */
  all(): Misspelling[];
  clear(): void;
  dispose(): void;
}

export function createSpellingMarks(editor: LexicalEditor, layer: HTMLElement): SpellingMarks {
  const byBlock = new Map<string, Misspelling[]>();
  const ranges = new Map<string, Range[]>();
  const highlight = typeof Highlight === 'function' ? new Highlight() : null;
  if (highlight) CSS.highlights.set(HIGHLIGHT_NAME, highlight);
  let frame = 0;

  const rangeOf = (mark: Misspelling) => wordRange(editor, mark);

  // The accessible layer is rebuilt whole: a note has tens of misspellings, not thousands, and
  // a change above a word moves every word below it.
  const layout = () => {
    frame = 0;
    const origin = layer.getBoundingClientRect();
    const elements: HTMLElement[] = [];
    for (const blockRanges of ranges.values()) {
      for (const range of blockRanges) {
        const rect = range.getClientRects()[0];
        if (!rect || range.collapsed) continue;
        const element = document.createElement('span');
        element.className = 'spelling-mark';
        element.setAttribute('aria-invalid', 'spelling');
        element.textContent = range.toString();
        element.style.left = `${rect.left - origin.left}px`;
        element.style.top = `${rect.top - origin.top}px`;
        element.style.width = `${rect.width}px`;
        element.style.height = `${rect.height}px`;
        elements.push(element);
      }
    }
    layer.replaceChildren(...elements);
  };
  const scheduleLayout = () => {
    if (!frame) frame = requestAnimationFrame(layout);
  };
  const resized = new ResizeObserver(scheduleLayout);
  const root = editor.getRootElement();
  if (root) resized.observe(root);

  return {
    set(blockKey, misspellings) {
      for (const range of ranges.get(blockKey) ?? []) highlight?.delete(range);
      if (misspellings.length === 0) {
        byBlock.delete(blockKey);
        ranges.delete(blockKey);
      } else {
        byBlock.set(blockKey, misspellings);
        const made = misspellings.map(rangeOf).filter((range): range is Range => range !== null);
        for (const range of made) highlight?.add(range);
        ranges.set(blockKey, made);
      }
      scheduleLayout();
    },
    at(runKey, offset, text) {
      for (const marks of byBlock.values())
        for (const mark of marks)
          if (
            mark.key === runKey &&
            offset >= mark.start &&
            offset <= mark.end &&
            text.slice(mark.start, mark.end) === mark.word
          )
            return mark;
      return null;
    },
    all: () => [...byBlock.values()].flat(),
    clear() {
      byBlock.clear();
      ranges.clear();
      highlight?.clear();
      layer.replaceChildren();
    },
    dispose() {
      cancelAnimationFrame(frame);
      resized.disconnect();
      highlight?.clear();
      if (highlight && CSS.highlights.get(HIGHLIGHT_NAME) === highlight) CSS.highlights.delete(HIGHLIGHT_NAME);
      layer.replaceChildren();
    },
  };
}

/** A Range over the misspelled word in its text node's DOM; null if the text changed since it was checked. */
export function wordRange(editor: LexicalEditor, mark: Misspelling): Range | null {
  const dom = editor.getElementByKey(mark.key);
  const text = dom ? (document.createTreeWalker(dom, NodeFilter.SHOW_TEXT).nextNode() as Text | null) : null;
  if (!text || text.data.slice(mark.start, mark.end) !== mark.word) return null;
  const range = document.createRange();
  range.setStart(text, mark.start);
  range.setEnd(text, mark.end);
  return range;
}
