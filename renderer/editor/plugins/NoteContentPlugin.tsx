import { registerList } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { HISTORY_MERGE_TAG, type SerializedEditorState } from 'lexical';
import { useLayoutEffect } from 'react';
import type { SerializedBriefState } from '../../../shared/briefDocument';
import { registerNoteSections, registerSectionOrderRepair, sectionedNote } from '../noteSections';
import { type SavedNote, savedNote } from '../savedBlocks';

/**
 * The lists' behaviour (Lexical's `registerList`: list commands, and a `TextNode` transform that
 * keeps each list item's text format in step with its first word) and the note's sections
 * (noteSections.ts), then the brief's note grouped in sections, in that order, before the first
 * paint.
 *
 * Lexical's ListPlugin registered them in an effect after LexicalComposer had set the note: a
 * transform registered on a note that already has text nodes makes Lexical mark every one of them
 * dirty (a writable clone of each) and run an update over the whole note, which every update
 * listener then took for an edit of every block (at 500 excerpts about 215 ms of a fresh-tab
 * open's CPU profile, twice over, as ListPlugin 0.52 calls `registerList` twice). Registered on
 * the empty editor it marks nothing, and the note, set afterwards, is reconciled once. A note
 * saved by Précis is already in the form the transform keeps: it was saved from an editor that
 * ran it on every edit.
 *
 * A layout effect, so the note is in the page's first paint, as it was with LexicalComposer's
 * `initialConfig.editorState`: by then the content-editable root (an earlier sibling) is attached,
 * and `setEditorState` reconciles the note into it at once. The brief is read once: the editor is
 * remounted for another brief or revision (its `key` in App.tsx).
 */
export function NoteContentPlugin({
  content,
  revision,
  loaded,
}: {
  content: SerializedBriefState;
  /** The revision `content` is the archive's copy of. */
  revision: number;
  /** Given the note as set (the parsed state itself, before any edit), for the autosave's first save. */
  loaded: { current: SavedNote | null };
}): null {
  const [editor] = useLexicalComposerContext();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the note is set once per editor (see above)
  useLayoutEffect(() => {
    const unregisterList = registerList(editor);
    const unregisterSections = registerNoteSections(editor);
    const unregisterRepair = registerSectionOrderRepair(editor);
    // Empty unless this effect ran before on this editor (React's StrictMode runs effects twice).
    if (editor.getEditorState().isEmpty()) {
      // Given the object itself: a JSON string would be made and parsed again for nothing.
      const state = editor.parseEditorState(sectionedNote(content) as unknown as SerializedEditorState);
      editor.setEditorState(state, { tag: HISTORY_MERGE_TAG });
      loaded.current = savedNote(state, revision);
    }
    return () => {
      unregisterRepair();
      unregisterSections();
      unregisterList();
    };
  }, [editor]);
  return null;
}
