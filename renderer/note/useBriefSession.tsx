import type { EditorState, LexicalEditor } from 'lexical';
import { type ReactNode, type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { SerializedBriefState } from '../../shared/briefDocument';
import type { Brief, ExportOptions } from '../../shared/contract';
import { checkBrief } from '../../shared/quoteIntegrity';
import type { Classification } from '../../shared/source';
import { api } from '../api/client';
import { fetchSource } from '../editor/archiveSources';
import { sourceBodies } from '../editor/sourceLookup';
import { downloadBase64 } from '../exportDownload';
import { type FlaggedQuote, FlaggedQuotesDialog } from './FlaggedQuotesDialog';

const AUTO_SNAPSHOT_MS = 5 * 60 * 1000;

/** Opens the most recently edited brief, creating the first one on a fresh archive. */
async function openLatestBrief(): Promise<Brief | string> {
  const list = await api.listBriefs({});
  if (!list.ok) return list.error.message;
  const latest = list.value[0];
  const opened = latest ? await api.getBrief({ id: latest.id }) : await api.createBrief({ template: 'blank' });
  return opened.ok ? opened.value : opened.error.message;
}

// Started when the script is evaluated, not after React's first render, so the brief is on its way
// while the app mounts; shared, so a second mount never creates a second first brief.
let pendingFirstBrief: Promise<Brief | string> | null = null;
function firstBrief(): Promise<Brief | string> {
  pendingFirstBrief ??= openLatestBrief();
  return pendingFirstBrief;
}
if (typeof window !== 'undefined') void firstBrief();

/** Quotations of the note whose words are no longer their source's, or why it could not check. */
async function flaggedQuotes(content: SerializedBriefState): Promise<FlaggedQuote[] | string> {
  const ids = new Set<number>();
  JSON.stringify(content, (key, value) => {
    if (key === 'sourceId' && typeof value === 'number') ids.add(value);
    return value;
  });
  const bodies = await sourceBodies(fetchSource, ids);
  if (!bodies.ok) return bodies.error.message;
  return checkBrief(content, (id) => bodies.value.get(id) ?? null);
}

/**
 * The open brief and everything done to it as a whole: loading, saving (with the title and
 * classification), automatic snapshots, the whole-note quote check and export.
 */
export function useBriefSession(editorRef: RefObject<LexicalEditor | null>, onMessage: (message: string) => void) {
  const [brief, setBrief] = useState<Brief | null>(null);
  const [title, setTitle] = useState('');
  const [classification, setClassificationState] = useState<Classification>('UNCLASSIFIED');
  const [savedVersion, setSavedVersion] = useState(0);
  const [confirm, setConfirm] = useState<ReactNode>(null);
  const flushRef = useRef<() => Promise<void>>(async () => {});
  const meta = useRef({ title: '', classification: 'UNCLASSIFIED' as Classification, lastAuto: Date.now() });

  const open = useCallback((opened: Brief) => {
    meta.current = { title: opened.title, classification: opened.classification, lastAuto: Date.now() };
    setTitle(opened.title);
    setClassificationState(opened.classification);
    setBrief(opened);
  }, []);

  useEffect(() => {
    void firstBrief().then((result) => (typeof result === 'string' ? onMessage(result) : open(result)));
  }, [open, onMessage]);

  const save = useCallback(
    async (state: EditorState) => {
      if (!brief) return false;
      const content = state.toJSON() as unknown as Brief['content'];
      const { title: currentTitle, classification: marking } = meta.current;
      const result = await api.saveBrief({
        id: brief.id,
        title: currentTitle.trim() || undefined,
        classification: marking,
        content,
      });
      if (!result.ok) {
        onMessage(result.error.message);
        return false;
      }
      setSavedVersion((n) => n + 1);
      if (Date.now() - meta.current.lastAuto >= AUTO_SNAPSHOT_MS) {
        meta.current.lastAuto = Date.now();
        void api.takeSnapshot({ briefId: brief.id, reason: 'auto' });
      }
      return true;
    },
    [brief, onMessage],
  );

  const registerFlush = useCallback((flush: () => Promise<void>) => {
    flushRef.current = flush;
  }, []);
  const flush = useCallback(async () => {
    await flushRef.current();
    const editor = editorRef.current;
    if (editor) await save(editor.getEditorState());
  }, [editorRef, save]);

  // The desktop shell calls this before the window closes, so the last keystrokes are saved
  // before quitting rather than left to an unload handler that may never finish.
  useEffect(() => {
    const target = window as unknown as { __precisFlush?: () => Promise<void> };
    target.__precisFlush = flush;
    return () => {
      delete target.__precisFlush;
    };
  }, [flush]);

  const commitTitle = async () => {
    meta.current.title = title;
    await flush();
  };
  const setClassification = async (marking: Classification) => {
    meta.current.classification = marking;
    setClassificationState(marking);
    await flush();
  };

  const checkQuotes = async (): Promise<FlaggedQuote[]> => {
    const editor = editorRef.current;
    if (!editor) return [];
    const flagged = await flaggedQuotes(editor.getEditorState().toJSON() as unknown as SerializedBriefState);
    if (typeof flagged === 'string') {
      onMessage(flagged);
      return [];
    }
    onMessage(
      flagged.length === 0
        ? 'Every quotation matches its source.'
        : `${flagged.length} quotation${flagged.length === 1 ? ' does' : 's do'} not match the source: look for the flagged quotes.`,
    );
    return flagged;
  };

  const runExport = async (options: ExportOptions) => {
    if (!brief) return;
    const result = await api.exportBrief({ id: brief.id, ...options });
    if (!result.ok) return onMessage(result.error.message);
    const outcome = result.value;
    if (outcome.kind === 'download') {
      downloadBase64(outcome.base64, outcome.fileName);
      onMessage(`Exported ${outcome.fileName}.`);
    } else if (outcome.kind === 'saved') {
      onMessage(`Saved to ${outcome.path}.`);
    }
  };

  /** Export checks every quotation first; flagged ones are listed and the analyst decides. */
  const exportToWord = async (options: ExportOptions) => {
    const editor = editorRef.current;
    if (!brief || !editor) return;
    meta.current.title = title;
    await flush();
    const flagged = await flaggedQuotes(editor.getEditorState().toJSON() as unknown as SerializedBriefState);
    if (typeof flagged === 'string') return onMessage(flagged);
    if (flagged.length === 0) return runExport(options);
    setConfirm(
      <FlaggedQuotesDialog
        flagged={flagged}
        onExport={() => {
          setConfirm(null);
          void runExport(options);
        }}
        onBack={() => setConfirm(null)}
      />,
    );
  };

  return {
    brief,
    open,
    title,
    setTitle,
    commitTitle,
    classification,
    setClassification,
    save,
    registerFlush,
    flush,
    savedVersion,
    checkQuotes,
    exportToWord,
    confirm,
  };
}

export type BriefSession = ReturnType<typeof useBriefSession>;
