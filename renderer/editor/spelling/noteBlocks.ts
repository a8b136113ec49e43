import { $isQuoteNode } from '@lexical/rich-text';
import { $getNodeByKey, $isElementNode, $isLineBreakNode, $isTextNode, type ElementNode, type NodeKey } from 'lexical';
import { $isExcerptNode } from '../nodes/ExcerptNode';
import type { CheckRun } from './spellChecker';
import type { CheckBlock } from './spellingProtocol';

/**
 * The note's text as the spell-checker sees it: one block per top-level element, one run per text
 * node. Quotations are verbatim (an excerpt, and everything in a block quote): their words are the
 * source's, never to be flagged, but their text stays in the block so the checker sees quotation
 * marks balanced. Call inside a read.
 */
export function $checkBlock(key: NodeKey): CheckBlock | null {
  const node = $getNodeByKey(key);
  if (!$isElementNode(node) || !node.isAttached()) return null;
  const runs: CheckRun[] = [];
  $collect(node, $isQuoteNode(node), runs);
  return { key, runs };
}

function $collect(element: ElementNode, verbatim: boolean, runs: CheckRun[]): void {
  for (const child of element.getChildren()) {
    if ($isTextNode(child)) runs.push({ key: child.getKey(), text: child.getTextContent(), verbatim });
    else if ($isExcerptNode(child)) runs.push({ key: child.getKey(), text: child.getTextContent(), verbatim: true });
    else if ($isLineBreakNode(child)) runs.push({ key: child.getKey(), text: '\n', verbatim: true });
    else if ($isElementNode(child)) $collect(child, verbatim || $isQuoteNode(child), runs);
  }
}
