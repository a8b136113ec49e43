import type { LexicalEditor } from 'lexical';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { SerializedCitation } from '../shared/citationNode';
import type { AppError, Brief, Snapshot } from '../shared/contract';
import type { SerializedExcerpt, TextQuoteAnchor } from '../shared/excerpt';
import type { SourceDetail } from '../shared/source';
import { api } from './api/client';
import { BriefsPanel } from './briefs/BriefsPanel';
import { BriefEditor } from './editor/BriefEditor';
import { citedSourceChanged } from './editor/citationFacts';
import { INSERT_CITATION_COMMAND, INSERT_EXCERPT_COMMAND } from './editor/plugins/ExcerptPlugin';
import { restoreContent } from './editor/restoreContent';
import { HistoryPanel } from './history/HistoryPanel';
import { currentIntl } from './i18n/currentIntl';
import { mainText } from './i18n/mainText';
import { ImportPanel } from './import/ImportPanel';
import { BriefCheckPanel, CheckBriefButton } from './integrity/BriefCheckPanel';
import { integrityFacts } from './integrity/integrityFacts';
import { useBriefCheck } from './integrity/useBriefCheck';
import { ShortcutsButton, ShortcutsDialog, useShortcutsDialog } from './keyboard/ShortcutsDialog';
import { NoteHeader } from './note/NoteHeader';
import { noteContent, useBriefSession } from './note/useBriefSession';
import { NeedsReviewList } from './reader/NeedsReviewList';
import { ReaderPane } from './reader/ReaderPane';
import { SearchPane } from './search/SearchPane';
import { TeamArchivePanel } from './settings/TeamArchivePanel';

/** This window's open source, kept for a reload (per window, as the reader is). */
const OPEN_SOURCE_KEY = 'precis.openSource';

export function App() {
  const intl = useIntl();
  const [source, setSource] = useState<SourceDetail | null>(null);
  const [focus, setFocus] = useState<TextQuoteAnchor | null>(null);
  const [terms, setTerms] = useState<string[]>([]);
  const [archiveVersion, setArchiveVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  /** A damaged brief's latest good version, offered beside the message that says so. */
  const [goodVersion, setGoodVersion] = useState<number | null>(null);
  const showMessage = useCallback((text: string | null, error?: AppError) => {
    setMessage(text);
    setGoodVersion(error?.code === 'damaged' ? (error.snapshotId ?? null) : null);
  }, []);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [editRequest, setEditRequest] = useState<{ id: number } | null>(null);
  const [sourceEdits, setSourceEdits] = useState(0);
  const editorRef = useRef<LexicalEditor | null>(null);
  const session = useBriefSession(editorRef, showMessage);
  const [shortcutsOpen, setShortcutsOpen] = useShortcutsDialog();
  const briefCheck = useBriefCheck(session, setMessage);

  // The damaged brief stays as it is; its latest good version opens as a new brief.
  const openGoodVersion = async (snapshotId: number) => {
    const result = await api.openSnapshotAsBrief({ id: snapshotId });
    if (!result.ok) return showMessage(result.error.message);
    showMessage(null);
    await session.open(result.value);
  };

  const openSource = useCallback(async (id: number, passage: TextQuoteAnchor | null = null) => {
    const result = await api.getSource({ id });
    if (!result.ok) return setMessage(result.error.message);
    setSource(result.value);
    setFocus(passage);
    sessionStorage.setItem(OPEN_SOURCE_KEY, String(id));
  }, []);
  // After a reload, the source that was open in this window opens again (quietly: it may be gone).
  useEffect(() => {
    const id = Number(sessionStorage.getItem(OPEN_SOURCE_KEY));
    if (!Number.isInteger(id) || id <= 0) return;
    void api.getSource({ id }).then((result) => {
      if (result.ok) setSource((shown) => shown ?? result.value);
    });
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
      if (result.ok && result.value.notice)
        setMessage(mainText(currentIntl(), result.value.notice, result.value.notices));
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
        <ShortcutsButton onOpen={() => setShortcutsOpen(true)} />
        <TeamArchivePanel onChanged={() => setArchiveVersion((n) => n + 1)} onError={setMessage} />
      </NoteHeader>
      {shortcutsOpen ? <ShortcutsDialog onClose={() => setShortcutsOpen(false)} /> : null}
      {message ? (
        <div className="message" role="alert">
          {message}
          {goodVersion !== null ? (
            <button type="button" onClick={() => void openGoodVersion(goodVersion)}>
              {intl.formatMessage({ id: 'app.message.openLatestGood' })}
            </button>
          ) : null}
          <button
            type="button"
            aria-label={intl.formatMessage({ id: 'app.message.dismiss' })}
            onClick={() => showMessage(null)}
          >
            ×
          </button>
        </div>
      ) : null}
      <main className="panes">
        <div className="pane left">
          <BriefsPanel
            currentId={brief?.id ?? null}
            onSaved={session.onSaved}
            onOpen={(opened: Brief) => void session.open(opened)}
            renameOpen={session.rename}
            onError={showMessage}
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
            integrityFacts.sourceChanged(saved);
            citedSourceChanged(saved);
            setSourceEdits((n) => n + 1);
          }}
          editRequest={editRequest}
        />
        <section className="pane note" aria-label={intl.formatMessage({ id: 'app.region.note' })}>
          {brief && historyOpen ? (
            <HistoryPanel
              briefId={brief.id}
              classification={session.classification}
              language={brief.language}
              currentContent={() => (editorRef.current ? noteContent(editorRef.current) : null)}
              beforeSnapshot={session.flush}
              onRestore={restore}
              onError={setMessage}
            />
          ) : null}
          {brief && briefCheck.check ? (
            <BriefCheckPanel
              check={briefCheck.check}
              editorRef={editorRef}
              onClose={briefCheck.close}
              onMessage={setMessage}
            />
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
              showGrades={session.exportOptions.includeGrades}
              toolbarExtras={
                <>
                  <button type="button" onClick={() => void session.checkQuotes()}>
                    {intl.formatMessage({ id: 'app.checkQuotes' })}
                  </button>
                  <CheckBriefButton onClick={() => void briefCheck.run()} />
                </>
              }
            />
          ) : (
            <p className="empty">{intl.formatMessage({ id: 'app.openingBrief' })}</p>
          )}
        </section>
      </main>
    </div>
  );
}
