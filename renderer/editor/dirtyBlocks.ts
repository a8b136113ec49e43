import { $getNodeByKey, type NodeKey } from 'lexical';
import { $isNoteSectionNode } from './nodes/NoteSectionNode';
import { $noteBlockKeys, $noteBlockOf } from './noteSections';

/** What an update listener is told: Lexical's dirty nodes and the update's tags. */
export interface UpdateFacts {
  dirtyLeaves: Set<NodeKey>;
  dirtyElements: Map<NodeKey, boolean>;
  tags: Set<string>;
}

/** The top-level block holding a node, by key; null once the node is gone. Call inside a read. */
export function $blockKeyOf(key: NodeKey): NodeKey | null {
  const node = $getNodeByKey(key);
  if (!node?.isAttached()) return null;
  return $noteBlockOf(node)?.getKey() ?? null;
}

/**
 * The top-level blocks an update may have changed, so per-block work (word counts, spelling) redoes
 * only those, not the whole note, on each keystroke. `gone` holds keys of blocks no longer in the
 * note. Undo and redo replace the whole state and name no node: then every block counts as changed.
 * Call inside a read of the updated state.
 */
export function $dirtyBlocks({ dirtyLeaves, dirtyElements, tags }: UpdateFacts): {
  changed: Set<NodeKey>;
  gone: Set<NodeKey>;
} {
  const changed = new Set<NodeKey>();
  const gone = new Set<NodeKey>();
  const wholeState =
    tags.has('historic') || (dirtyLeaves.size === 0 && [...dirtyElements.keys()].every((k) => k === 'root'));
  if (wholeState && dirtyElements.size > 0) {
    for (const key of $noteBlockKeys()) changed.add(key);
    return { changed, gone };
  }
  for (const key of [...dirtyLeaves, ...dirtyElements.keys()]) {
    // The root and the sections hold blocks but are none (noteSections.ts).
    if (key === 'root' || $isNoteSectionNode($getNodeByKey(key))) continue;
    const block = $blockKeyOf(key);
    if (block) changed.add(block);
    else if (dirtyElements.has(key)) gone.add(key);
  }
  return { changed, gone };
}
