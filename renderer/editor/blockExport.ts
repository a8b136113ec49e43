import {
  $exportNodeJSON,
  $getRoot,
  $getSlot,
  $getSlotNames,
  $isElementNode,
  type EditorState,
  type LexicalNode,
  type NodeKey,
} from 'lexical';
import type { SerializedBriefState, SerializedNode } from '../../shared/briefDocument';
import { $noteBlocks } from './noteSections';

/**
 * A node as `EditorState.toJSON()` writes it (Lexical 0.52's own walk, which it does not export),
 * so that what serialises a note can do it block by block. Call inside a read of its state.
 */
export function $exportNode(node: LexicalNode): SerializedNode {
  const json = $exportNodeJSON(node) as SerializedNode & { $slots?: Record<string, SerializedNode> };
  if ($isElementNode(node)) for (const child of node.getChildren()) json.children!.push($exportNode(child));
  const slots = $getSlotNames(node);
  if (slots.length > 0) {
    json.$slots = {};
    for (const name of slots) {
      const slot = $getSlot(node, name);
      if (slot) json.$slots[name] = $exportNode(slot);
    }
  }
  return json;
}

/**
 * Whether the block `key` of `state` (read now) is, node for node, the very objects it was in
 * `before`. Lexical never changes a node of a committed state in place (an edit clones it), so the
 * same objects mean the same JSON; a changed text clones the text node but not always its
 * paragraph, hence the walk down the block. Undo brings back older objects, which differ as well.
 */
export function $unchangedSince(before: EditorState, state: EditorState, key: NodeKey): boolean {
  const node = state._nodeMap.get(key);
  if (!node || node !== before._nodeMap.get(key)) return false;
  return !$isElementNode(node) || node.getChildrenKeys().every((child) => $unchangedSince(before, state, child));
}

/**
 * `state.toJSON()` as saved (blocks, not sections: noteSections.ts), serialising only the top-level
 * blocks changed since the previous call (the
 * others are the previous call's objects, which nobody may change): the integrity reading at each
 * pause in typing serialised the whole note, tens of milliseconds at 2,000 excerpts.
 */
export function noteExporter(): (state: EditorState) => SerializedBriefState {
  let last: { state: EditorState; blocks: Map<NodeKey, SerializedNode> } | null = null;
  return (state) => {
    const previous = last;
    const blocks = new Map<NodeKey, SerializedNode>();
    const note = state.read(() => {
      const root = $getRoot();
      const children = $noteBlocks().map((block) => {
        const key = block.getKey();
        const kept = previous?.blocks.get(key);
        const json = kept && $unchangedSince(previous!.state, state, key) ? kept : $exportNode(block);
        blocks.set(key, json);
        return json;
      });
      return { root: { ...($exportNodeJSON(root) as SerializedNode), children } };
    });
    last = { state, blocks };
    return note as SerializedBriefState;
  };
}
