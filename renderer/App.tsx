import type { EditorState, LexicalEditor } from 'lexical';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Brief } from '../shared/contract';
import type { SerializedExcerpt } from '../shared/excerpt';
import type { SourceDetail } from '../shared/source';
import { api } from './api/client';
import { BriefEditor } from './editor/BriefEditor';
import { INSERT_EXCERPT_COMMAND } from './editor/plugins/ExcerptPlugin';
import { downloadBase64 } from './exportDownload';
import { ReaderPane } from './reader/ReaderPane';
import { SearchPane } from './search/SearchPane';

/** Opens the most recently edited brief, creating the first one on a fresh archive. */
async function openLatestBrief(): Promise<Brief | string> {
  const list = await api.listBriefs({});
  if (!list.ok) return list.error.message;
  const latest = list.value[0];
  const opened = latest ? await api.getBrief({ id: latest.id }) : await api.createBrief({ title: 'Untitled brief' });
  return opened.ok ? opened.value : opened.error.message;
}

export function App() {
  const [brief, setBrief] = useState<Brief | null>(null);
  const [title, setTitle] = useState('');
  const [source, setSource] = useState<SourceDetail | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const editorRef = useRef<LexicalEditor | null>(null);
  const flushRef = useRef<() => Promise<void>>(async () => {});
  const titleRef = useRef('');

  useEffect(() => {
    void openLatestBrief().then((result) => {
      if (typeof result === 'string') return setMessage(result);
      setBrief(result);
      setTitle(result.title);
      titleRef.current = result.title;
    });
  }, []);

  const save = useCallback(
    async (state: EditorState) => {
      if (!brief) return false;
      const content = state.toJSON() as unknown as Brief['content'];
      const result = await api.saveBrief({ id: brief.id, title: titleRef.current.trim() || 'Untitled brief', content });
      if (!result.ok) setMessage(result.error.message);
      return result.ok;
    },
    [brief],
  );
  const registerFlush = useCallback((flush: () => Promise<void>) => {
    flushRef.current = flush;
  }, []);

  const openSource = useCallback(async (id: number) => {
    const result = await api.getSource({ id });
    if (result.ok) setSource(result.value);
    else setMessage(result.error.message);
  }, []);

  const quote = useCallback((excerpt: SerializedExcerpt) => {
    editorRef.current?.dispatchCommand(INSERT_EXCERPT_COMMAND, excerpt);
  }, []);

  const saveTitle = async () => {
    titleRef.current = title;
    const editor = editorRef.current;
    if (editor) await save(editor.getEditorState());
  };

  const exportToWord = async () => {
    if (!brief) return;
    await flushRef.current();
    await saveTitle();
    const result = await api.exportBrief({ id: brief.id });
    if (!result.ok) return setMessage(result.error.message);
    const outcome = result.value;
    if (outcome.kind === 'download') {
      downloadBase64(outcome.base64, outcome.fileName);
      setMessage(`Exported ${outcome.fileName}.`);
    } else if (outcome.kind === 'saved') {
      setMessage(`Saved to ${outcome.path}.`);
    }
  };

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-name">Précis</h1>
        <input
          className="brief-title"
          aria-label="Brief title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          onBlur={() => void saveTitle()}
        />
        <button type="button" className="primary" onClick={() => void exportToWord()} disabled={!brief}>
          Export to Word
        </button>
      </header>
      {message ? (
        <div className="message" role="alert">
          {message}
          <button type="button" aria-label="Dismiss message" onClick={() => setMessage(null)}>
            ×
          </button>
        </div>
      ) : null}
      <main className="panes">
        <SearchPane onOpen={(id) => void openSource(id)} onError={setMessage} />
        <ReaderPane source={source} onQuote={quote} />
        <section className="pane note" aria-label="Note">
          {brief ? (
            <BriefEditor key={brief.id} brief={brief} editorRef={editorRef} save={save} registerFlush={registerFlush} />
          ) : (
            <p className="empty">Opening your brief…</p>
          )}
        </section>
      </main>
    </div>
  );
}
