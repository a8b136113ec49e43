import type { BodyPoints } from './selectionOffsets';
import { type BodyRange, sentenceAt, trimRange } from './sentences';

/**
 * Keyboard selection in the reader's text: the sentence or paragraph around the caret, as offsets
 * into the source body, and the DOM selection made from such offsets. The reader draws each
 * paragraph as a `[data-start]` element whose text is exactly its slice of the body.
 */

/** The paragraph element of the reader that holds a DOM position, if any. */
function paragraphOf(container: HTMLElement, node: Node): HTMLElement | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const paragraph = element?.closest<HTMLElement>('[data-start]') ?? null;
  return paragraph && container.contains(paragraph) ? paragraph : null;
}

/** The caret (the selection's focus) as a paragraph of the reader and an offset in its text. */
export function caretInReader(container: HTMLElement): { paragraph: HTMLElement; offset: number } | null {
  const selection = window.getSelection();
  if (!selection?.focusNode) return null;
  const paragraph = paragraphOf(container, selection.focusNode);
  if (!paragraph) return null;
  const range = document.createRange();
  range.setStart(paragraph, 0);
  range.setEnd(selection.focusNode, selection.focusOffset);
  return { paragraph, offset: range.toString().length };
}

/** The text node and offset at `offset` characters into `paragraph`'s text. */
function domPoint(paragraph: HTMLElement, offset: number): { node: Node; offset: number } {
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let left = offset;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (left <= node.length) return { node, offset: left };
    left -= node.length;
    last = node;
  }
  return last ? { node: last, offset: last.length } : { node: paragraph, offset: 0 };
}

/** Selects characters [start, end) of one paragraph of the reader. */
export function selectInParagraph(paragraph: HTMLElement, { start, end }: BodyRange): void {
  const from = domPoint(paragraph, start);
  const to = domPoint(paragraph, end);
  window.getSelection()?.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
}

/** The DOM position `offset` characters into the source body, in the reader paragraph that holds it. */
function bodyPoint(container: HTMLElement, offset: number): { node: Node; offset: number } | null {
  let holder: HTMLElement | null = null;
  for (const paragraph of container.querySelectorAll<HTMLElement>('[data-start]')) {
    if (Number(paragraph.dataset.start) > offset) break;
    holder = paragraph;
  }
  return holder ? domPoint(holder, offset - Number(holder.dataset.start)) : null;
}

/** Selects from `anchor` to `focus` (offsets into the source body), in the reader's paragraphs as drawn now. */
export function selectBodyPoints(container: HTMLElement, { anchor, focus }: BodyPoints): void {
  const from = bodyPoint(container, anchor);
  const to = bodyPoint(container, focus);
  if (from && to) window.getSelection()?.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
}

/** Selects the sentence at the caret; false when the caret is not in the reader's text. */
export function selectSentence(container: HTMLElement, locale: string): boolean {
  const caret = caretInReader(container);
  if (!caret) return false;
  const text = caret.paragraph.textContent ?? '';
  selectInParagraph(caret.paragraph, sentenceAt(text, caret.offset, locale));
  return true;
}

/** Selects the paragraph at the caret; false when the caret is not in the reader's text. */
export function selectParagraph(container: HTMLElement): boolean {
  const caret = caretInReader(container);
  if (!caret) return false;
  const text = caret.paragraph.textContent ?? '';
  selectInParagraph(caret.paragraph, trimRange(text, { start: 0, end: text.length }));
  return true;
}
