import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getNearestNodeFromDOMNode,
  $getRoot,
  $isDecoratorNode,
  $isElementNode,
  $isTextNode,
  COMMAND_PRIORITY_HIGH,
  createCommand,
  DRAGOVER_COMMAND,
  DROP_COMMAND,
  type LexicalCommand,
  mergeRegister,
} from 'lexical';
import { useEffect } from 'react';
import type { SerializedCitation } from '../../../shared/citationNode';
import type { SerializedExcerpt } from '../../../shared/excerpt';
import { carriesExcerpt, readExcerptTransfer } from '../excerptTransfer';
import { $insertCitation, $insertExcerpt, nearestWordBoundary } from '../footnotedInsertion';

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
export function $selectDropPoint(x: number, y: number, root: HTMLElement | null): void {
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
            $insertCitation(citation);
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
