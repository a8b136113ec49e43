import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $dfs } from '@lexical/utils';
import { useEffect } from 'react';
import { type Footnote, numberFootnotes } from '../../../shared/briefDocument';
import { $isExcerptNode } from '../nodes/ExcerptNode';

export interface NumberedFootnote extends Footnote {
  nodeKey: string;
}

/**
 * Recomputes footnote numbers in document order after every change (move, cut, paste, undo…),
 * with the same shared function the DOCX exporter uses, so the note and the Word file agree.
 */
export function FootnotesPlugin({ onChange }: { onChange: (footnotes: NumberedFootnote[]) => void }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let previous = '';
    const recompute = () =>
      editor.getEditorState().read(() => {
        const nodes = $dfs()
          .map(({ node }) => node)
          .filter($isExcerptNode);
        const numbered = numberFootnotes(nodes.map((node) => node.getExcerpt()));
        const footnotes = numbered.map((footnote, i) => ({ ...footnote, nodeKey: nodes[i]!.getKey() }));
        const signature = footnotes.map((f) => `${f.nodeKey}:${f.text}`).join('|');
        if (signature !== previous) {
          previous = signature;
          onChange(footnotes);
        }
      });
    recompute();
    return editor.registerUpdateListener(recompute);
  }, [editor, onChange]);
  return null;
}
