import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createQuoteNode } from '@lexical/rich-text';
import {
  $createParagraphNode,
  $createTextNode,
  $getNearestNodeFromDOMNode,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isDecoratorNode,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  COMMAND_PRIORITY_HIGH,
  createCommand,
  DRAGOVER_COMMAND,
  DROP_COMMAND,
  type LexicalCommand,
  type LexicalNode,
  mergeRegister,
} from 'lexical';
import { useEffect } from 'react';
import type { SerializedCitation } from '../../../shared/citationNode';
import type { SerializedExcerpt } from '../../../shared/excerpt';
import { carriesExcerpt, readExcerptTransfer } from '../excerptTransfer';
import { $createCitationNode } from '../nodes/CitationNode';
import { $createExcerptNode } from '../nodes/ExcerptNode';

/** Inserts an excerpt at the current selection (or the end of the note when there is none). */
export const INSERT_EXCERPT_COMMAND: LexicalCommand<SerializedExcerpt> = createCommand('INSERT_EXCERPT_COMMAND');

/** Inserts a footnote reference citing a source without quoting it. */
export const INSERT_CITATION_COMMAND: LexicalCommand<SerializedCitation> = createCommand('INSERT_CITATION_COMMAND');

function caretAtPoint(x: number, y: number): { node: Node; offset: number } | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const position = document.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** Moves the selection to the drop point so the excerpt lands exactly where it was dropped. */
function $selectDropPoint(x: number, y: number, root: HTMLElement | null): void {
  const caret = caretAtPoint(x, y);
  const node = caret && root?.contains(caret.node) ? $getNearestNodeFromDOMNode(caret.node) : null;
  if ($isTextNode(node) && caret) {
    const offset = nearestWordBoundary(node.getTextContent(), caret.offset);
    node.select(offset, offset);
  } else if ($isDecoratorNode(node)) {
    node.selectNext();
  } else if ($isElementNode(node) && node.getType() !== 'root') {
    node.selectEnd();
  } else {
    $getRoot().selectEnd();
  }
}

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
  const block =
    anchorNode && anchorNode.getType() !== 'root' ? anchorNode.getTopLevelElement() : $getRoot().getLastChild();
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

function $insertExcerpt(excerpt: SerializedExcerpt): void {
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

export function ExcerptPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          INSERT_EXCERPT_COMMAND,
          (excerpt) => {
            $insertExcerpt(excerpt);
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          INSERT_CITATION_COMMAND,
          (citation) => {
            // A citation follows the words it supports, so no space goes before it.
            if (!$isRangeSelection($getSelection())) $getRoot().selectEnd();
            $insertNodes([$createCitationNode(citation)]);
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          DRAGOVER_COMMAND,
          (event) => {
            if (!carriesExcerpt(event.dataTransfer)) return false;
            event.preventDefault();
            if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          DROP_COMMAND,
          (event) => {
            const excerpt = readExcerptTransfer(event.dataTransfer);
            if (!excerpt) return false;
            event.preventDefault();
            $selectDropPoint(event.clientX, event.clientY, editor.getRootElement());
            $insertExcerpt(excerpt);
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor],
  );
  return null;
}
