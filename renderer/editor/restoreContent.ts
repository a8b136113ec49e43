import { $getRoot, $parseSerializedNode, type LexicalEditor, type SerializedLexicalNode } from 'lexical';
import type { SerializedBriefState } from '../../shared/briefDocument';
import { sectionedNote } from './noteSections';

/**
 * Replaces the note's content inside an ordinary update, so the history plugin records it and
 * Ctrl+Z brings back what was there before (setEditorState would bypass the undo stack).
 */
export function restoreContent(editor: LexicalEditor, content: SerializedBriefState): void {
  editor.update(() => {
    const root = $getRoot();
    root.clear();
    for (const child of sectionedNote(content).root.children ?? []) {
      root.append($parseSerializedNode(child as unknown as SerializedLexicalNode));
    }
    root.selectEnd();
  });
}
