import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { useEffect } from 'react';
import { CitationNode } from '../nodes/CitationNode';
import { ExcerptNode } from '../nodes/ExcerptNode';
import { renderedState, writeFootnoteNumber } from '../nodes/noteDom';
import { $numberedFootnotes, type NumberedFootnote } from '../numberedFootnotes';

export type { NumberedFootnote };

/**
 * Recomputes footnote numbers in document order after every change (move, cut, paste, undo…),
 * with the same shared function the DOCX exporter uses, so the note and the Word file agree.
 * Each number is written straight into its node's `sup` (only where it changed); the list of
 * footnotes goes to `onChange` when any footnote's place or text changed.
 */
export function FootnotesPlugin({ onChange }: { onChange: (footnotes: NumberedFootnote[]) => void }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let previous = '';
    const { numbers } = renderedState(editor);
    const recompute = () => {
      let footnotes: NumberedFootnote[] = [];
      editor.getEditorState().read(() => {
        footnotes = $numberedFootnotes();
      });
      numbers.clear();
      for (const { nodeKey, number } of footnotes) {
        numbers.set(nodeKey, number);
        const dom = editor.getElementByKey(nodeKey);
        if (dom) writeFootnoteNumber(dom, number);
      }
      const signature = footnotes.map((f) => `${f.nodeKey}:${f.number}:${f.text}`).join('|');
      if (signature !== previous) {
        previous = signature;
        onChange(footnotes);
      }
    };
    recompute();
    // Only changes to footnote-bearing nodes (created, destroyed, moved, edited — including by
    // undo, cut and paste) can change the numbering; typing elsewhere costs nothing here.
    return mergeRegister(
      editor.registerMutationListener(ExcerptNode, recompute, { skipInitialization: true }),
      editor.registerMutationListener(CitationNode, recompute, { skipInitialization: true }),
    );
  }, [editor, onChange]);
  return null;
}
