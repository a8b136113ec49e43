import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isQuoteNode } from '@lexical/rich-text';
import {
  $getNearestNodeFromDOMNode,
  $getNodeByKey,
  $isDecoratorNode,
  $isElementNode,
  COMMAND_PRIORITY_CRITICAL,
  DRAGSTART_COMMAND,
  DROP_COMMAND,
  type LexicalEditor,
  mergeRegister,
} from 'lexical';
import { useEffect } from 'react';
import { readExcerptTransfer, writeExcerptTransfer } from '../excerptTransfer';
import { $insertExcerpt } from '../footnotedInsertion';
import { $isExcerptNode } from '../nodes/ExcerptNode';
import { $selectDropPoint } from './ExcerptPlugin';

/** Marks a drag as a quotation of this note being moved (its node key), not a new one from the reader. */
const MOVE_MIME = 'application/x-precis-move';

/**
 * A click in a block to the right of the inline quotation (or citation) that ends it puts the
 * caret after that quotation. Left to Chromium, the caret went to the start of the block, and what
 * was typed next landed there.
 */
function caretAfterLastQuotation(editor: LexicalEditor, event: MouseEvent): void {
  if (event.button !== 0 || event.detail > 1 || event.shiftKey) return;
  const target = event.target instanceof Element ? event.target : null;
  if (!target || target.closest('.excerpt, .citation, .title-block')) return;
  editor.update(() => {
    const block = $getNearestNodeFromDOMNode(target);
    if (!$isElementNode(block)) return;
    const last = block.getLastChild();
    if (!$isDecoratorNode(last) || !last.isInline()) return;
    const rects = editor.getElementByKey(last.getKey())?.getClientRects();
    const rect = rects?.[rects.length - 1];
    if (rect && event.clientX >= rect.right && event.clientY >= rect.top && event.clientY <= rect.bottom) {
      last.selectNext();
    }
  });
}

/**
 * Quotations behave as one character in the note: ExcerptNode lets arrows step over them, this
 * plugin makes a click after one put the caret there, and lets a quotation be dragged to another
 * place in the note: inserted at the drop point exactly as a dragged-in passage is, and the
 * original removed, in one update (one undo step); the footnotes renumber as after any edit.
 */
export function AtomicQuotationPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const onClick = (event: MouseEvent) => caretAfterLastQuotation(editor, event);
    return mergeRegister(
      editor.registerRootListener((root, previous) => {
        previous?.removeEventListener('click', onClick);
        root?.addEventListener('click', onClick);
      }),
      editor.registerCommand(
        DRAGSTART_COMMAND,
        (event) => {
          const target = event.target instanceof Element ? event.target.closest('.excerpt') : null;
          if (!target || !event.dataTransfer) return false;
          const node = $getNearestNodeFromDOMNode(target);
          if (!$isExcerptNode(node)) return false;
          writeExcerptTransfer(event.dataTransfer, node.getExcerpt());
          event.dataTransfer.setData(MOVE_MIME, node.getKey());
          event.dataTransfer.effectAllowed = 'copyMove';
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        DROP_COMMAND,
        (event) => {
          const key = event.dataTransfer?.getData(MOVE_MIME);
          const excerpt = readExcerptTransfer(event.dataTransfer);
          if (!key || !excerpt) return false;
          event.preventDefault();
          const original = $getNodeByKey(key);
          const root = editor.getRootElement();
          const hit = document.elementFromPoint(event.clientX, event.clientY);
          // Dropped on itself, or the quotation is gone (undone meanwhile): nothing moves.
          if (!$isExcerptNode(original) || (hit && editor.getElementByKey(key)?.contains(hit))) return true;
          $selectDropPoint(event.clientX, event.clientY, root);
          $insertExcerpt(excerpt);
          const parent = original.getParent();
          original.remove();
          if ($isQuoteNode(parent) && parent.getChildrenSize() === 0) parent.remove();
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
    );
  }, [editor]);
  return null;
}
