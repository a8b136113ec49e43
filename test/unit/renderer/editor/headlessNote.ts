import { createHeadlessEditor } from '@lexical/headless';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  type LexicalEditor,
  REDO_COMMAND,
  UNDO_COMMAND,
} from 'lexical';
import { BRIEF_NODES } from '../../../../renderer/editor/nodes/registry';
import { $numberedFootnotes } from '../../../../renderer/editor/numberedFootnotes';
import { citationOf, type SerializedCitation } from '../../../../shared/citationNode';
import {
  type ExcerptDisplay,
  excerptOf,
  type QuotableSource,
  type SerializedExcerpt,
} from '../../../../shared/excerpt';

/**
 * A note in a headless Lexical editor with the app's own node registry and undo history (its
 * merge delay as the editor's HistoryPlugin sets it), on a clock the test moves by hand.
 */
export function headlessNote(paragraphs: readonly string[]) {
  const clock = { now: 1_000_000 };
  const editor: LexicalEditor = createHeadlessEditor({
    namespace: 'precis-brief',
    nodes: [...BRIEF_NODES],
    onError: (error) => {
      throw error;
    },
  });
  registerHistory(editor, createEmptyHistoryState(), 300, () => clock.now);
  editor.update(
    () => {
      const root = $getRoot().clear();
      for (const text of paragraphs) root.append($createParagraphNode().append($createTextNode(text)));
    },
    { discrete: true },
  );
  const change = (fn: () => void) => editor.update(fn, { discrete: true });
  return {
    editor,
    clock,
    change,
    // Inside a discrete update, so the history's new state is committed before the test reads it.
    undo: () => change(() => editor.dispatchCommand(UNDO_COMMAND, undefined)),
    redo: () => change(() => editor.dispatchCommand(REDO_COMMAND, undefined)),
    read: <T>(fn: () => T): T => editor.getEditorState().read(fn),
    /** Each footnote as "number:sourceId:full|short", in document order (only a full note gives the date). */
    footnotes: () =>
      editor
        .getEditorState()
        .read($numberedFootnotes)
        .map((f) => `${f.number}:${f.node.sourceId}:${f.text.includes('2024') ? 'full' : 'short'}`),
    /** The text of each paragraph (and quote block), quotations in their marks. */
    blocks: () =>
      editor.getEditorState().read(() =>
        $getRoot()
          .getChildren()
          .map((block) => `${block.getType()}: ${block.getTextContent()}`),
      ),
  };
}

export function source(id: number, body = `Words of source ${id}, quoted in the note.`): QuotableSource {
  return {
    id,
    title: `Title ${id} with more than five words in it`,
    outlet: `Outlet ${id}`,
    author: 'A. Writer',
    publishedAt: '2024-02-15',
    url: null,
    body,
  };
}

export function quotation(id: number, display: ExcerptDisplay = 'inline'): SerializedExcerpt {
  const from = source(id);
  return excerptOf(from, 0, from.body.indexOf(','), display);
}

export function citation(id: number): SerializedCitation {
  return citationOf(source(id), null);
}
