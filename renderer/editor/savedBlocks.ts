import { $exportNodeJSON, $getRoot, type EditorState, type NodeKey } from 'lexical';
import type { SerializedNode } from '../../shared/briefDocument';
import type { BriefBlocks } from '../../shared/briefSchemas';
import { $exportNode, $unchangedSince } from './blockExport';
import { $noteBlockKeys, $noteBlocks } from './noteSections';

/** The note as the archive holds it at `revision`: saved by this editor, or the one it opened. */
export interface SavedNote {
  state: EditorState;
  revision: number;
  /** Each top-level block's place in the saved content (its sections left out: noteSections.ts). */
  places: ReadonlyMap<NodeKey, number>;
}

export function savedNote(state: EditorState, revision: number): SavedNote {
  const keys = state.read($noteBlockKeys);
  const places = new Map<NodeKey, number>(keys.map((key, place) => [key, place]));
  return { state, revision, places };
}

/**
 * The note as a save of changed blocks against `saved` (saveBriefBlocks): a top-level block whose
 * every node is the very object saved then ($unchangedSince) is sent as its place there. Only the
 * blocks sent are serialised (the whole note was, for every save: 2.4 MB at 2,000 excerpts).
 */
export function changedBlocks(state: EditorState, saved: SavedNote): BriefBlocks {
  return state.read(() => {
    const root = $getRoot();
    const children = $noteBlocks().map((block) => {
      const place = saved.places.get(block.getKey());
      return place !== undefined && $unchangedSince(saved.state, state, block.getKey()) ? place : $exportNode(block);
    });
    // The root's own fields (format, direction…): its JSON without the children walk.
    const fields = $exportNodeJSON(root) as SerializedNode;
    return { root: { ...fields, type: 'root', children } } as BriefBlocks;
  });
}
