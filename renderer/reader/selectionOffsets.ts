/** Paragraphs of a source body with the offset of each in the body, so selections map back to it. */
export function splitParagraphs(body: string): { start: number; text: string }[] {
  const paragraphs: { start: number; text: string }[] = [];
  const pattern = /[^\n]+(?:\n(?!\n)[^\n]*)*/g;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    paragraphs.push({ start: match.index, text: match[0] });
  }
  return paragraphs;
}

function offsetIn(container: HTMLElement, node: Node, offset: number): number | null {
  const paragraph = (
    node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement
  )?.closest<HTMLElement>('[data-start]');
  if (!paragraph || !container.contains(paragraph)) return null;
  const range = document.createRange();
  range.setStart(paragraph, 0);
  range.setEnd(node, offset);
  return Number(paragraph.dataset.start) + range.toString().length;
}

/**
 * The current selection as [start, end) offsets into the source body, trimmed of surrounding
 * white space; null when nothing inside the reader's text is selected.
 */
export function selectionInBody(container: HTMLElement, body: string): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  let start = offsetIn(container, range.startContainer, range.startOffset);
  let end = offsetIn(container, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  while (start < end && /\s/.test(body.charAt(start))) start++;
  while (end > start && /\s/.test(body.charAt(end - 1))) end--;
  return end > start ? { start, end } : null;
}

/** Where a selection starts (anchor) and ends (focus), as offsets into the source body. */
export interface BodyPoints {
  anchor: number;
  focus: number;
}

/** The selection's anchor and focus as offsets into the body, untrimmed; null when either is outside the reader's text. */
export function selectionPoints(container: HTMLElement): BodyPoints | null {
  const selection = window.getSelection();
  if (!selection?.anchorNode || !selection.focusNode) return null;
  const anchor = offsetIn(container, selection.anchorNode, selection.anchorOffset);
  const focus = offsetIn(container, selection.focusNode, selection.focusOffset);
  return anchor === null || focus === null ? null : { anchor, focus };
}
