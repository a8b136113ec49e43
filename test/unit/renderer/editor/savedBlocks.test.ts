import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $isTextNode,
  type EditorState,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { $createExcerptNode, $isExcerptNode } from '../../../../renderer/editor/nodes/ExcerptNode';
import { changedBlocks, savedNote } from '../../../../renderer/editor/savedBlocks';
import { noteFromBlocks } from '../../../../shared/briefBlocks';
import type { SerializedBriefState } from '../../../../shared/briefDocument';
import { headlessNote, quotation } from './headlessNote';

const json = (state: EditorState) => state.toJSON() as unknown as SerializedBriefState;

/** What the archive would hold after the save: the saved content with the blocks applied (main does the same). */
function afterSave(saved: EditorState, now: EditorState) {
  const blocks = changedBlocks(now, savedNote(saved, 1));
  return { blocks: blocks.root.children, note: noteFromBlocks(json(saved), blocks) };
}

describe('a save of changed blocks (savedBlocks.ts)', () => {
  it('sends unchanged blocks by their saved place and changed ones whole, and stands for the same note', () => {
    const note = headlessNote(['one', 'two', 'three', 'four']);
    const saved = note.editor.getEditorState();
    // Typing in the second paragraph changes its text node but not the paragraph object itself.
    note.change(() => {
      const block = $getRoot().getChildAtIndex(1);
      const text = $isElementNode(block) ? block.getFirstChild() : null;
      if ($isTextNode(text)) text.setTextContent('two, edited');
    });
    const { blocks, note: rebuilt } = afterSave(saved, note.editor.getEditorState());
    expect(blocks.map((block) => (typeof block === 'number' ? block : 'sent'))).toEqual([0, 'sent', 2, 3]);
    expect(rebuilt).toEqual(json(note.editor.getEditorState()));
  });

  it('follows moves, insertions, deletions, new quotations and undo', () => {
    const note = headlessNote(['one', 'two', 'three', 'four', 'five']);
    const edits: [string, () => void][] = [
      ['move', () => $getRoot().getChildAtIndex(0)?.insertAfter($getRoot().getChildAtIndex(3)!)],
      [
        'insert',
        () =>
          $getRoot()
            .getChildAtIndex(2)
            ?.insertBefore($createParagraphNode().append($createTextNode('new'))),
      ],
      ['delete', () => $getRoot().getChildAtIndex(1)?.remove()],
      [
        'quote',
        () => {
          const block = $getRoot().getLastChild();
          if ($isElementNode(block)) block.append($createExcerptNode(quotation(7)));
        },
      ],
      [
        'edit the quotation',
        () => {
          const block = $getRoot().getLastChild();
          const excerpt = $isElementNode(block) ? block.getLastChild() : null;
          if ($isExcerptNode(excerpt)) excerpt.setQuote('Words of source 7');
        },
      ],
      [
        'format',
        () => {
          const block = $getRoot().getFirstChild();
          const text = $isElementNode(block) ? block.getFirstChild() : null;
          if ($isTextNode(text)) text.toggleFormat('bold');
        },
      ],
    ];
    let saved = note.editor.getEditorState();
    for (const [what, edit] of edits) {
      note.clock.now += 1000;
      note.change(edit);
      const now = note.editor.getEditorState();
      expect(afterSave(saved, now).note, what).toEqual(json(now));
      // Undo goes back to older node objects: still the note as it is now, not as last saved.
      note.undo();
      const undone = note.editor.getEditorState();
      expect(afterSave(now, undone).note, `undo ${what}`).toEqual(json(undone));
      note.redo();
      saved = note.editor.getEditorState();
      expect(afterSave(undone, saved).note, `redo ${what}`).toEqual(json(saved));
    }
  });

  it('sends nothing but places when nothing changed', () => {
    const note = headlessNote(['one', 'two']);
    const state = note.editor.getEditorState();
    expect(afterSave(state, state).blocks).toEqual([0, 1]);
  });
});
