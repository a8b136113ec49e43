import { $createQuoteNode } from '@lexical/rich-text';
import {
  $addUpdateTag,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  HISTORY_PUSH_TAG,
  type LexicalNode,
} from 'lexical';
import type { SerializedCitation } from '../../shared/citationNode';
import type { SerializedExcerpt } from '../../shared/excerpt';
import { $createCitationNode } from './nodes/CitationNode';
import { $createExcerptNode } from './nodes/ExcerptNode';
import { $noteBlockOf, $noteBlocks } from './noteSections';

// How excerpts and citations enter the note, by command, shortcut or drop (ExcerptPlugin). Plain
// Lexical functions, so headless editors in the unit tests run exactly this code.

/** A drop inside a word means "next to this word": nobody quotes into the middle of one. */
export function nearestWordBoundary(text: string, offset: number): number {
  const isWordChar = (i: number) => /[\p{L}\p{N}'’-]/u.test(text.charAt(i));
  if (offset <= 0 || offset >= text.length || !isWordChar(offset - 1) || !isWordChar(offset)) return offset;
  let start = offset;
  while (start > 0 && isWordChar(start - 1)) start--;
  let end = offset;
  while (end < text.length && isWordChar(end)) end++;
  return offset - start <= end - offset ? start : end;
}

/** The characters either side of a collapsed selection, to decide whether spaces are needed. */
function $charsAroundSelection(): { before: string; after: string } {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return { before: '', after: '' };
  const node = selection.anchor.getNode();
  if (!$isTextNode(node)) return { before: '', after: '' };
  const text = node.getTextContent();
  const offset = selection.anchor.offset;
  return { before: text.charAt(offset - 1), after: text.charAt(offset) };
}

/** A block quotation goes after the block holding the caret, followed by a paragraph to go on in. */
function $insertBlockExcerpt(excerpt: SerializedExcerpt): void {
  const selection = $getSelection();
  const anchorNode = $isRangeSelection(selection) ? selection.anchor.getNode() : null;
  const block = (anchorNode && $noteBlockOf(anchorNode)) ?? $noteBlocks().at(-1) ?? null;
  const quote = $createQuoteNode().append($createExcerptNode(excerpt));
  if (block) block.insertAfter(quote);
  else $getRoot().append(quote);
  const next = quote.getNextSibling();
  if ($isElementNode(next)) {
    next.selectStart();
    return;
  }
  const paragraph = $createParagraphNode();
  quote.insertAfter(paragraph);
  paragraph.select();
}

/**
 * Inserts an excerpt at the selection (the end of the note when there is none): inline at the
 * caret, or as a block quotation after the caret's block.
 */
export function $insertExcerpt(excerpt: SerializedExcerpt): void {
  // A quotation is one undo step of its own, however soon after typing it comes.
  $addUpdateTag(HISTORY_PUSH_TAG);
  if (!$isRangeSelection($getSelection())) $getRoot().selectEnd();
  if (excerpt.display === 'block') $insertBlockExcerpt(excerpt);
  else $insertInline($createExcerptNode(excerpt));
}

/** Inserts an inline node at the caret with a space either side where words would otherwise touch. */
function $insertInline(node: LexicalNode): void {
  if (!$isRangeSelection($getSelection())) $getRoot().selectEnd();
  const { before, after } = $charsAroundSelection();
  const nodes: LexicalNode[] = [node];
  if (before && !/[\s([“‘«]/u.test(before)) nodes.unshift($createTextNode(' '));
  if (after && /[\p{L}\p{N}(“‘]/u.test(after)) nodes.push($createTextNode(' '));
  $insertNodes(nodes);
}

/** Inserts a citation at the caret: it follows the words it supports, so no space goes before it. */
export function $insertCitation(citation: SerializedCitation): void {
  $addUpdateTag(HISTORY_PUSH_TAG);
  if (!$isRangeSelection($getSelection())) $getRoot().selectEnd();
  $insertNodes([$createCitationNode(citation)]);
}
