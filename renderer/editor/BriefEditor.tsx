import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import type { EditorState, LexicalEditor } from 'lexical';
import { type RefObject, useCallback, useMemo, useState } from 'react';
import type { Brief } from '../../shared/contract';
import { FootnoteNumbersContext } from './nodes/ExcerptView';
import { BRIEF_NODES } from './nodes/registry';
import { AutosavePlugin, type SaveState } from './plugins/AutosavePlugin';
import { ExcerptPlugin } from './plugins/ExcerptPlugin';
import { FootnotesPlugin, type NumberedFootnote } from './plugins/FootnotesPlugin';

const theme = {
  paragraph: 'note-paragraph',
  quote: 'note-quote',
  heading: { h1: 'note-h1', h2: 'note-h2', h3: 'note-h3' },
  text: { bold: 'note-bold', italic: 'note-italic', underline: 'note-underline', strikethrough: 'note-strike' },
};

export interface BriefEditorProps {
  brief: Brief;
  editorRef: RefObject<LexicalEditor | null>;
  save: (state: EditorState) => Promise<boolean>;
  registerFlush: (flush: () => Promise<void>) => void;
}

const SAVE_LABEL: Record<SaveState, string> = { saved: 'Saved', saving: 'Saving…', error: 'Not saved' };

export function BriefEditor({ brief, editorRef, save, registerFlush }: BriefEditorProps) {
  const [footnotes, setFootnotes] = useState<NumberedFootnote[]>([]);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const numbers = useMemo(() => new Map(footnotes.map((f) => [f.nodeKey, f.number])), [footnotes]);
  const initialConfig = useMemo(
    () => ({
      namespace: 'precis-brief',
      nodes: [...BRIEF_NODES],
      theme,
      editorState: JSON.stringify(brief.content),
      onError: (error: Error) => console.error('[precis] editor error', error),
    }),
    [brief],
  );
  const onFootnotes = useCallback((next: NumberedFootnote[]) => setFootnotes(next), []);

  return (
    <FootnoteNumbersContext.Provider value={numbers}>
      <LexicalComposer initialConfig={initialConfig}>
        <div className="editor-frame">
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="editor-input"
                role="textbox"
                aria-label="Briefing note"
                aria-multiline={true}
                spellCheck={true}
              />
            }
            placeholder={
              <div className="editor-placeholder">Write your note; drag a passage from the source to quote it.</div>
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <HistoryPlugin />
        <ExcerptPlugin />
        <EditorRefPlugin editorRef={editorRef} />
        <FootnotesPlugin onChange={onFootnotes} />
        <AutosavePlugin save={save} onStateChange={setSaveState} register={registerFlush} />
      </LexicalComposer>
      <p className="save-state" role="status">
        {SAVE_LABEL[saveState]}
      </p>
      <h3 className="footnotes-heading" id="footnotes-heading">
        Notes
      </h3>
      <ol className="footnotes" aria-label="Footnotes">
        {footnotes.map((footnote) => (
          <li key={footnote.nodeKey} value={footnote.number}>
            {footnote.text}
          </li>
        ))}
      </ol>
    </FootnoteNumbersContext.Provider>
  );
}
