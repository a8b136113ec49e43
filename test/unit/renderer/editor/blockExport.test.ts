import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $isTextNode,
  type EditorState,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { noteExporter } from '../../../../renderer/editor/blockExport';
import { $createExcerptNode, $isExcerptNode } from '../../../../renderer/editor/nodes/ExcerptNode';
import { headlessNote, quotation } from './headlessNote';

const json = (state: EditorState) => JSON.parse(JSON.stringify(state.toJSON()));

describe('a note serialised block by block (blockExport.ts)', () => {
  it('writes what toJSON writes after every kind of edit and undo, reusing unchanged blocks', () => {
    const note = headlessNote(['one', 'two', 'three', 'four', 'five']);
    note.change(() => {
      const block = $getRoot().getChildAtIndex(2);
      if ($isElementNode(block)) block.append($createExcerptNode(quotation(3)));
    });
    const exportNote = noteExporter();
    const first = exportNote(note.editor.getEditorState());
    expect(first).toEqual(json(note.editor.getEditorState()));

    // Typing in the second paragraph: the others are the very objects written before.
    note.clock.now += 1000;
    note.change(() => {
      const block = $getRoot().getChildAtIndex(1);
      const text = $isElementNode(block) ? block.getFirstChild() : null;
      if ($isTextNode(text)) text.setTextContent('two, edited');
    });
    const second = exportNote(note.editor.getEditorState());
    expect(second).toEqual(json(note.editor.getEditorState()));
    const same = second.root.children!.map((block, at) => block === first.root.children![at]);
    expect(same).toEqual([true, false, true, true, true]);

    const edits: (() => void)[] = [
      () => $getRoot().getChildAtIndex(0)?.insertAfter($getRoot().getChildAtIndex(3)!),
      () =>
        $getRoot()
          .getChildAtIndex(2)
          ?.insertBefore($createParagraphNode().append($createTextNode('new'))),
      () => $getRoot().getChildAtIndex(1)?.remove(),
      () => {
        const block = $getRoot().getChildAtIndex(3);
        const excerpt = $isElementNode(block) ? block.getLastChild() : null;
        if ($isExcerptNode(excerpt)) excerpt.setQuote('Words of source 3');
      },
      () => {
        const block = $getRoot().getFirstChild();
        const text = $isElementNode(block) ? block.getFirstChild() : null;
        if ($isTextNode(text)) text.toggleFormat('bold');
      },
    ];
    for (const [at, edit] of edits.entries()) {
      note.clock.now += 1000;
      note.change(edit);
      expect(exportNote(note.editor.getEditorState()), `edit ${at}`).toEqual(json(note.editor.getEditorState()));
      note.undo();
      expect(exportNote(note.editor.getEditorState()), `undo ${at}`).toEqual(json(note.editor.getEditorState()));
      note.redo();
      expect(exportNote(note.editor.getEditorState()), `redo ${at}`).toEqual(json(note.editor.getEditorState()));
    }
  });
});
