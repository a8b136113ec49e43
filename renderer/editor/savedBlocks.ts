import { $getRoot, $isElementNode, type EditorState, type NodeKey } from 'lexical';
import type { SerializedBriefState } from '../../shared/briefDocument';
import type { BriefBlocks } from '../../shared/briefSchemas';

/** The note as this editor last saved it: the archive holds exactly that at `revision`. */
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
 * The note as a save of changed blocks against `saved` (saveBriefBlocks): a top-level block whose
 * every node is the very object saved then is sent as its place there. Lexical never changes a node
 * of a committed state in place (an edit clones it), so the same object means the same JSON; a
 * changed text clones the text node but not always its paragraph, hence the walk down each block.
 * Undo brings back older objects, which differ from the saved ones just as well.
 */
export function changedBlocks(state: EditorState, saved: SavedNote): BriefBlocks {
  const content = state.toJSON() as unknown as SerializedBriefState;
  const savedNodes = saved.state._nodeMap;
  const nodes = state._nodeMap;
  let children: BriefBlocks['root']['children'] = [];
  state.read(() => {
    const $unchanged = (key: NodeKey): boolean => {
      const node = nodes.get(key);
      if (!node || node !== savedNodes.get(key)) return false;
      return !$isElementNode(node) || node.getChildrenKeys().every($unchanged);
    };
    children = $getRoot()
      .getChildrenKeys()
      .map((key, at) => {
        const place = saved.places.get(key);
        return place !== undefined && $unchanged(key) ? place : content.root.children![at]!;
      });
  });
  return { root: { ...content.root, type: 'root', children } };
}
