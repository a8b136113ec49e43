import type { Block } from '../article';
import { collapsedText, type DomElement, type DomNode, isElement, TEXT_NODE } from './dom';

// Elements that start a new paragraph. Everything else is inline and joins the text around it.
const BLOCK_ELEMENTS = new Set(
  `address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure footer form
   h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section summary table tbody thead tfoot caption ul`
    .split(/\s+/)
    .filter(Boolean),
);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
// A line break inside a paragraph; split into paragraphs once white space has been collapsed.
const LINE_BREAK = '\u2028';

/**
 * The paragraphs of an HTML fragment, in reading order, in the shapes the plain-text importer
 * uses: headings as paragraphs of their own, list items as "- item" (or "1. item"), table rows as
 * "| cell | cell |", and <br> and <pre> lines as separate paragraphs.
 */
export function htmlBlocks(root: DomElement, page = 1): Block[] {
  const blocks: Block[] = [];
  let buffer = '';
  let prefix = '';
  let heading = false;
  let preDepth = 0;

  const flush = (): void => {
    // Each line between line breaks, its white space collapsed. Splitting first gives the lines a
    // collapse-then-split would (\s includes the line break, so a run holding one ends a line and
    // the rest of the run is trimmed away), without calling back into JavaScript for every run
    // of white space: that callback was ~4% of a parse worker's CPU.
    let first = true;
    for (const piece of buffer === '' ? [] : buffer.split(LINE_BREAK)) {
      const line = piece.replace(/\s+/g, ' ').trim();
      if (line === '') continue;
      blocks.push({ text: first ? prefix + line : line, page, heading });
      first = false;
    }
    buffer = '';
    prefix = '';
    heading = false;
  };

  const visit = (node: DomNode): void => {
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      buffer += preDepth > 0 ? text.replace(/\r?\n/g, LINE_BREAK) : text;
      return;
    }
    if (!isElement(node)) return;
    const tag = node.localName.toLowerCase();
    if (tag === 'br') {
      buffer += LINE_BREAK;
      return;
    }
    if (tag === 'tr') {
      flush();
      const cells = Array.from(node.children).filter((cell) => cell.localName === 'td' || cell.localName === 'th');
      const texts = cells.map((cell) => collapsedText(cell).replace(/\|/g, '/'));
      if (texts.some((text) => text !== '')) buffer = `| ${texts.join(' | ')} |`;
      flush();
      return;
    }
    if (!BLOCK_ELEMENTS.has(tag) && tag !== 'li') {
      for (const child of Array.from(node.childNodes)) visit(child);
      return;
    }
    flush();
    if (HEADINGS.has(tag)) heading = true;
    if (tag === 'li') prefix = listMarker(node);
    if (tag === 'pre') preDepth++;
    for (const child of Array.from(node.childNodes)) visit(child);
    if (tag === 'pre') preDepth--;
    flush();
  };

  visit(root);
  flush();
  return blocks;
}

/** "- " in a bulleted list, "3. " for the third item of a numbered one. */
function listMarker(item: DomElement): string {
  const list = item.parentNode;
  if (!list || !isElement(list) || list.localName !== 'ol') return '- ';
  const siblings = Array.from(list.children).filter((child) => child.localName === 'li');
  const start = Number.parseInt(list.getAttribute('start') ?? '1', 10);
  return `${(Number.isFinite(start) ? start : 1) + siblings.indexOf(item)}. `;
}
