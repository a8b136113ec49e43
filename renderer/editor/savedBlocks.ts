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
import type { SerializedNode } from '../../shared/briefDocument';
import type { BriefBlocks } from '../../shared/briefSchemas';

/** The note as the archive holds it at `revision`: saved by this editor, or the one it opened. */
export interface SavedNote {
  state: EditorState;
  revision: number;
  /** Each top-level block's place in the saved content. */
  places: ReadonlyMap<NodeKey, number>;
}

export function savedNote(state: EditorState, revision: number): SavedNote {
  const keys = state.read(() => $getRoot().getChildrenKeys());
  const places = new Map<NodeKey, number>(keys.map((key, place) => [key, place]));
  return { state, revision, places };
}

/**
 * A node as `EditorState.toJSON()` writes it (Lexical 0.52's own walk, which it does not export):
 * so a save serialises the blocks it sends, not the whole note (2.4 MB at 2,000 excerpts).
 */
function $exportNode(node: LexicalNode): SerializedNode {
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
 * The note as a save of changed blocks against `saved` (saveBriefBlocks): a top-level block whose
 * every node is the very object saved then is sent as its place there. Lexical never changes a node
 * of a committed state in place (an edit clones it), so the same object means the same JSON; a
 * changed text clones the text node but not always its paragraph, hence the walk down each block.
 * Undo brings back older objects, which differ from the saved ones just as well. Only the blocks
 * sent are serialised.
 */
export function changedBlocks(state: EditorState, saved: SavedNote): BriefBlocks {
  const savedNodes = saved.state._nodeMap;
  const nodes = state._nodeMap;
  return state.read(() => {
    const $unchanged = (key: NodeKey): boolean => {
      const node = nodes.get(key);
      if (!node || node !== savedNodes.get(key)) return false;
      return !$isElementNode(node) || node.getChildrenKeys().every($unchanged);
    };
    const root = $getRoot();
    const children = root.getChildren().map((block) => {
      const place = saved.places.get(block.getKey());
      return place !== undefined && $unchanged(block.getKey()) ? place : $exportNode(block);
    });
    // The root's own fields (format, direction…): its JSON without the children walk.
    const fields = $exportNodeJSON(root) as SerializedNode;
    return { root: { ...fields, type: 'root', children } } as BriefBlocks;
  });
}
