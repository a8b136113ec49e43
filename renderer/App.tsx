import type { LexicalEditor } from 'lexical';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SerializedCitation } from '../shared/citationNode';
import type { Brief, Snapshot } from '../shared/contract';
import type { SerializedExcerpt, TextQuoteAnchor } from '../shared/excerpt';
import type { SourceDetail } from '../shared/source';
import { api } from './api/client';
import { BriefsPanel } from './briefs/BriefsPanel';
import { BriefEditor } from './editor/BriefEditor';
import { INSERT_CITATION_COMMAND, INSERT_EXCERPT_COMMAND } from './editor/plugins/ExcerptPlugin';
import { restoreContent } from './editor/restoreContent';
import { HistoryPanel } from './history/HistoryPanel';
import { ImportPanel } from './import/ImportPanel';
import { NoteHeader } from './note/NoteHeader';
import { useBriefSession } from './note/useBriefSession';
import { NeedsReviewList } from './reader/NeedsReviewList';
import { ReaderPane } from './reader/ReaderPane';
import { SearchPane } from './search/SearchPane';
import { TeamArchivePanel } from './settings/TeamArchivePanel';

export function App() {
  const [source, setSource] = useState<SourceDetail | null>(null);
  const [focus, setFocus] = useState<TextQuoteAnchor | null>(null);
  const [terms, setTerms] = useState<string[]>([]);
  const [archiveVersion, setArchiveVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [editRequest, setEditRequest] = useState<{ id: number } | null>(null);
  const [sourceEdits, setSourceEdits] = useState(0);
  const editorRef = useRef<LexicalEditor | null>(null);
  const session = useBriefSession(editorRef, setMessage);

  const openSource = useCallback(async (id: number, passage: TextQuoteAnchor | null = null) => {
    const result = await api.getSource({ id });
    if (!result.ok) return setMessage(result.error.message);
    setSource(result.value);
    setFocus(passage);
  }, []);
  const showPassage = useCallback(
    (sourceId: number, anchor: TextQuoteAnchor | null) => void openSource(sourceId, anchor),
    [openSource],
  );

  const quote = useCallback((excerpt: SerializedExcerpt) => {
    editorRef.current?.dispatchCommand(INSERT_EXCERPT_COMMAND, excerpt);
  }, []);
  const cite = useCallback((citation: SerializedCitation) => {
    editorRef.current?.dispatchCommand(INSERT_CITATION_COMMAND, citation);
  }, []);

  const restore = useCallback((snapshot: Snapshot) => {
    if (editorRef.current) restoreContent(editorRef.current, snapshot.content);
  }, []);

  useEffect(() => {
    if (!session.brief) setHistoryOpen(false);
  }, [session.brief]);

  // A damaged archive set aside and restored from a backup at start: the analyst must know.
  useEffect(() => {
    void api.appInfo({}).then((result) => {
      if (result.ok && result.value.notice) setMessage(result.value.notice);
    });
  }, []);

  const { brief } = session;
  return (
    <div className="app">
      <NoteHeader
        session={session}
        historyOpen={historyOpen}
        onToggleHistory={() => setHistoryOpen(!historyOpen)}
        onError={setMessage}
      >
        <ImportPanel onImported={() => setArchiveVersion((n) => n + 1)} />
        <TeamArchivePanel onChanged={() => setArchiveVersion((n) => n + 1)} onError={setMessage} />
      </NoteHeader>
      {message ? (
        <div className="message" role="alert">
          {message}
          <button type="button" aria-label="Dismiss message" onClick={() => setMessage(null)}>
            ×
          </button>
        </div>
      ) : null}
      <main className="panes">
        <div className="pane left">
          <BriefsPanel
            currentId={brief?.id ?? null}
            refreshKey={session.savedVersion}
            onOpen={(opened: Brief) => void session.open(opened)}
            renameOpen={session.rename}
            onError={setMessage}
          />
          <SearchPane
            refreshKey={archiveVersion}
            onOpen={(id) => void openSource(id)}
            onError={setMessage}
            onTerms={setTerms}
          />
          <NeedsReviewList
            refreshKey={`${archiveVersion}:${sourceEdits}`}
            onEdit={(id) => {
              setEditRequest({ id });
              void openSource(id);
            }}
            onError={setMessage}
          />
        </div>
        <ReaderPane
          source={source}
          terms={terms}
          focus={focus}
          onQuote={quote}
          onCite={cite}
          onOpen={(id) => void openSource(id)}
          onSourceChanged={(saved) => {
            setSource(saved);
            setSourceEdits((n) => n + 1);
          }}
          editRequest={editRequest}
        />
        <section className="pane note" aria-label="Note">
          {brief && historyOpen ? (
            <HistoryPanel briefId={brief.id} beforeSnapshot={session.flush} onRestore={restore} onError={setMessage} />
          ) : null}
          {brief ? (
            <BriefEditor
              // A new revision of the same brief (the other window's version, chosen) is a new editor.
              key={`${brief.id}@${brief.revision}`}
              brief={brief}
              classification={session.classification}
              editorRef={editorRef}
              save={session.save}
              registerFlush={session.registerFlush}
              showPassage={showPassage}
              toolbarExtras={
                <button type="button" onClick={() => void session.checkQuotes()}>
                  Check quotes
                </button>
              }
            />
          ) : (
            <p className="empty">Opening your brief…</p>
          )}
        </section>
      </main>
    </div>
  );
}
