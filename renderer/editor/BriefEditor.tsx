import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import type { LexicalEditor } from 'lexical';
import { memo, type ReactNode, type RefObject, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { Brief } from '../../shared/contract';
import type { TextQuoteAnchor } from '../../shared/excerpt';
import type { Classification } from '../../shared/source';
import { IntegrityPlugin } from '../integrity/IntegrityPlugin';
import { CitationStylePicker } from './CitationStylePicker';
import { createShownValue, DirectText } from './directText';
import { footnoteListView } from './footnoteList';
import { NoteContext } from './nodes/noteContext';
import { EDITOR_NODES } from './nodes/registry';
import { AtomicQuotationPlugin } from './plugins/AtomicQuotationPlugin';
import { AutosavePlugin, type SaveNote, type SaveOutcome, type SaveStatus } from './plugins/AutosavePlugin';
import { ExcerptPlugin } from './plugins/ExcerptPlugin';
import { FootnotesPlugin, type NumberedFootnote } from './plugins/FootnotesPlugin';
import { NoteContentPlugin } from './plugins/NoteContentPlugin';
import { NoteInteractionsPlugin } from './plugins/NoteInteractionsPlugin';
import { OutlinePlugin } from './plugins/OutlinePlugin';
import { QuoteIntegrityPlugin } from './plugins/QuoteIntegrityPlugin';
import type { SavedNote } from './savedBlocks';
import { SpellingPlugin } from './spelling/SpellingPlugin';
import { SpellingToggle, useSpellingPreference } from './spelling/SpellingToggle';
import { Toolbar } from './toolbar/Toolbar';

const theme = {
  paragraph: 'note-paragraph',
  quote: 'note-quote',
  heading: { h1: 'note-h1', h2: 'note-h2', h3: 'note-h3' },
  list: { ul: 'note-ul', ol: 'note-ol', listitem: 'note-li', nested: { listitem: 'note-nested' } },
  text: { bold: 'note-bold', italic: 'note-italic', underline: 'note-underline', strikethrough: 'note-strike' },
};

export interface BriefEditorProps {
  brief: Brief;
  /** The brief's marking as currently chosen (it may have changed since the brief was loaded). */
  classification: Classification;
  editorRef: RefObject<LexicalEditor | null>;
  save: SaveNote;
  registerFlush: (flush: () => Promise<SaveOutcome>) => void;
  showPassage: (sourceId: number, anchor: TextQuoteAnchor | null) => void;
  /** Extra toolbar controls (cite, check quotes) owned by the app. */
  toolbarExtras?: ReactNode;
  /** The export's "Admiralty grades" option: the footnote list then ends graded citations in " [B2]", as Word will. */
  showGrades?: boolean;
}

/** The numbered footnotes, held outside React state so renumbering re-renders only their list. */
function createFootnoteStore() {
  let footnotes: NumberedFootnote[] = [];
  const listeners = new Set<() => void>();
  return {
    get: () => footnotes,
    set: (next: NumberedFootnote[]) => {
      footnotes = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
type FootnoteStore = ReturnType<typeof createFootnoteStore>;

/**
 * The footnote list: an empty `ol` React renders once, filled and patched by footnoteListView as
 * the store changes (see footnoteList.ts for why not by React). Memoised: the app re-renders the
 * editor after every save.
 */
const FootnoteList = memo(function FootnoteList({
  store,
  showPassage,
}: {
  store: FootnoteStore;
  showPassage: BriefEditorProps['showPassage'];
}) {
  const intl = useIntl();
  const list = useRef<HTMLOListElement>(null);
  const open = useRef(showPassage);
  open.current = showPassage;
  // A layout effect: subscribed before the footnotes' first pass (a passive effect of FootnotesPlugin).
  useLayoutEffect(() => {
    if (!list.current) return;
    const view = footnoteListView(list.current, ({ node }) => open.current(node.sourceId, node.anchor));
    view.show(store.get());
    const unsubscribe = store.subscribe(() => view.show(store.get()));
    return () => {
      unsubscribe();
      view.dispose();
    };
  }, [store]);
  return <ol ref={list} className="footnotes" aria-label={intl.formatMessage({ id: 'editor.footnotes.label' })} />;
});

function saveLabel(intl: IntlShape, status: SaveStatus): string {
  if (status.kind === 'failed') return intl.formatMessage({ id: 'editor.save.failed' }, { reason: status.reason });
  return intl.formatMessage({ id: status.kind === 'saved' ? 'editor.save.saved' : 'editor.save.saving' });
}

export function BriefEditor({
  brief,
  classification,
  editorRef,
  save,
  registerFlush,
  showPassage,
  toolbarExtras,
  showGrades = false,
}: BriefEditorProps) {
  const intl = useIntl();
  const footnoteStore = useMemo(createFootnoteStore, []);
  const [citationStyle, setCitationStyle] = useState(brief.citationStyle);
  const citationFormat = useMemo(
    () => ({ style: citationStyle, language: brief.language }),
    [citationStyle, brief.language],
  );
  /** The note as opened, at brief.revision: the autosave's first save sends only what changed since. */
  const loadedNote = useRef<SavedNote | null>(null);
  const saveStatus = useMemo(() => createShownValue<SaveStatus>({ kind: 'saved' }), []);
  const describeStatus = useCallback(
    (status: SaveStatus) => ({ text: saveLabel(intl, status), className: `save-state ${status.kind}` }),
    [intl],
  );
  const [checkSpelling, setCheckSpelling] = useSpellingPreference();
  const context = useMemo(
    () => ({ showPassage, classification, language: brief.language }),
    [showPassage, classification, brief.language],
  );
  const initialConfig = useMemo(
    () => ({
      namespace: 'precis-brief',
      nodes: [...EDITOR_NODES],
      theme,
      // Set by NoteContentPlugin, once the lists' transform is registered (see there).
      editorState: null,
      onError: (error: Error) => console.error('[precis] editor error', error),
    }),
    [],
  );

  return (
    <NoteContext.Provider value={context}>
      <LexicalComposer initialConfig={initialConfig}>
        <Toolbar>
          <SpellingToggle on={checkSpelling} onChange={setCheckSpelling} />
          {toolbarExtras}
        </Toolbar>
        <div className="editor-frame" lang={brief.language === 'fr' ? 'fr-CA' : 'en-CA'}>
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="editor-input"
                role="textbox"
                aria-label={intl.formatMessage({ id: 'editor.note.label' })}
                aria-multiline={true}
                // Chromium's own checker downloads its dictionaries: Précis checks spelling itself.
                spellCheck={false}
              />
            }
            placeholder={<div className="editor-placeholder">{intl.formatMessage({ id: 'editor.placeholder' })}</div>}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <HistoryPlugin />
        <NoteContentPlugin content={brief.content} revision={brief.revision} loaded={loadedNote} />
        <ExcerptPlugin />
        <AtomicQuotationPlugin />
        <EditorRefPlugin editorRef={editorRef} />
        <FootnotesPlugin format={citationFormat} withGrades={showGrades} onChange={footnoteStore.set} />
        <NoteInteractionsPlugin showPassage={showPassage} />
        <QuoteIntegrityPlugin />
        <IntegrityPlugin />
        {checkSpelling ? <SpellingPlugin language={brief.language} /> : null}
        <AutosavePlugin save={save} onStatus={saveStatus.set} register={registerFlush} loaded={loadedNote} />
        <div className="note-status">
          <DirectText shown={saveStatus} describe={describeStatus} role="status" />
          <OutlinePlugin />
        </div>
      </LexicalComposer>
      <h3 className="footnotes-heading">{intl.formatMessage({ id: 'editor.footnotes.heading' })}</h3>
      <CitationStylePicker briefId={brief.id} style={citationStyle} onChange={setCitationStyle} />
      <FootnoteList store={footnoteStore} showPassage={showPassage} />
    </NoteContext.Provider>
  );
}
