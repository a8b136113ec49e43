import type { EditorState, LexicalEditor } from 'lexical';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { SerializedBriefState } from '../../shared/briefDocument';
import type { ConflictChoice } from '../../shared/briefSchemas';
import type { AppError, Brief, ErrorCode, ExportOptions } from '../../shared/contract';
import type { BriefCheck } from '../../shared/integrity/integritySchemas';
import type { QuoteProblem } from '../../shared/quoteIntegrity';
import { checkBrief } from '../../shared/quoteIntegrity';
import type { Classification } from '../../shared/source';
import { api } from '../api/client';
import { firstBrief, readyFirstBrief } from '../boot/firstRequests';
import { fetchSource } from '../editor/archiveSources';
import { flatNote } from '../editor/noteSections';
import type { SaveOutcome } from '../editor/plugins/AutosavePlugin';
import { changedBlocks, type SavedNote } from '../editor/savedBlocks';
import { sourceBodies } from '../editor/sourceLookup';
import { downloadBase64 } from '../exportDownload';
import { currentIntl } from '../i18n/currentIntl';

/** A quotation whose words are no longer its source's. */
export interface FlaggedQuote {
  sourceId: number;
  quote: string;
  reason: string;
  /** The reason in the interface language's terms; `reason` is its English. */
  problem: QuoteProblem;
}

const AUTO_SNAPSHOT_MS = 5 * 60 * 1000;

declare global {
  interface Window {
    /** Called by the desktop shell before the window closes (main/electron/main.ts). */
    __precisFlush?: () => Promise<unknown>;
  }
}

/**
 * The editor's document in the contract's terms: the one place the renderer converts it. Lexical's
 * serialized nodes are exactly these objects ({type, version, children?, …}), but its types declare
 * no index signature, so TypeScript needs telling. The editor's sections stay in the editor (flatNote).
 */
export function noteContent(source: LexicalEditor | EditorState): SerializedBriefState {
  const state = 'getEditorState' in source ? source.getEditorState() : source;
  return flatNote(state.toJSON() as unknown as SerializedBriefState);
}

/** The status line's reason for each failure ("Not saved — …"), in the interface language. */
const REASON_CODES = ['disk-full', 'read-only', 'busy', 'io-error', 'conflict', 'not-found', 'unavailable'] as const;
function failureReason(code: ErrorCode): string | undefined {
  const known = REASON_CODES.find((reason) => reason === code);
  return known ? currentIntl().formatMessage({ id: `save.reason.${known}` }) : undefined;
}
/** Failures that may pass (space freed, lock released, host back): the save is tried again. */
const RETRIED: ReadonlySet<ErrorCode> = new Set([
  'disk-full',
  'read-only',
  'busy',
  'io-error',
  'unavailable',
  'internal',
]);

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
 * An export held by the brief check: its blocking findings (the analyst must fix them), or its
 * warnings (the analyst may export anyway). Notices never hold an export (docs/integrity.md).
 */
export interface PendingExport {
  check: BriefCheck;
  options: ExportOptions;
}

/** The open brief was changed in another window: this window's saves are refused until the analyst chooses. */
export interface BriefConflict {
  briefId: number;
  /** The brief's revision now, when the refusal said. */
  revision: number | null;
}

type Flush = () => Promise<SaveOutcome>;
const NOTHING_TO_FLUSH: Flush = async () => ({ ok: true });

/**
 * The open brief and everything done to it as a whole: loading, saving (with the title and
 * classification, stating the revision each save is based on), conflicts with another window,
 * automatic snapshots, the whole-note quote check and export. It returns data; NoteHeader shows it.
 */
/** Shows main's message; `error`, when given, is the refusal it words (a damaged brief's offers what can be done). */
export type ShowMessage = (message: string, error?: AppError) => void;

export function useBriefSession(editorRef: RefObject<LexicalEditor | null>, onMessage: ShowMessage) {
  /** The first brief when it came before the first render: shown in that render, as `show` would. */
  const [ready] = useState(readyFirstBrief);
  const [brief, setBrief] = useState<Brief | null>(ready);
  const [title, setTitle] = useState(ready?.title ?? '');
  const [classification, setClassificationState] = useState<Classification>(ready?.classification ?? 'UNCLASSIFIED');
  /** Told after each save; not React state: a re-render of the app while the note has focus walks the note. */
  const saveListeners = useRef(new Set<() => void>());
  const [pendingExport, setPendingExport] = useState<PendingExport | null>(null);
  const [conflict, setConflict] = useState<BriefConflict | null>(null);
  const flushRef = useRef<Flush>(NOTHING_TO_FLUSH);
  /** What the next save of the open brief sends besides its text. */
  const current = useRef({
    briefId: ready?.id ?? null,
    title: ready?.title ?? '',
    classification: ready?.classification ?? ('UNCLASSIFIED' as Classification),
    lastAuto: Date.now(),
  });
  /** The revision this window last read or saved, per brief: what its next save is based on. */
  const revisions = useRef(new Map<number, number>(ready ? [[ready.id, ready.revision]] : []));
  /** Briefs whose saves are refused until the analyst settles the conflict. */
  const conflicted = useRef(new Set<number>());
  /** Editors whose text was settled by a conflict resolution: they must never save again. */
  const retired = useRef(new WeakSet<Brief>());
  /** Saves run one after another, so each is based on the revision the previous one produced. */
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const show = useCallback((opened: Brief) => {
    revisions.current.set(opened.id, opened.revision);
    current.current = {
      briefId: opened.id,
      title: opened.title,
      classification: opened.classification,
      lastAuto: Date.now(),
    };
    setTitle(opened.title);
    setClassificationState(opened.classification);
    setConflict(null);
    setBrief(opened);
  }, []);

  // The first brief opens only if the analyst has not opened or made one meanwhile: New brief is
  // there from the first paint, and under load the brief it makes can be open before the first
  // run's answers come. That brief stays made (a fresh archive always gets it), just not shown.
  useEffect(() => {
    let live = true;
    // Asked for before React's first render (renderer/boot/firstRequests.ts).
    void firstBrief().then((result) => {
      if (!live || current.current.briefId !== null) return;
      if ('code' in result) onMessage(result.message, result);
      else show(result);
    });
    return () => {
      live = false;
    };
  }, [show, onMessage]);

  /** Keeps an editor's refused text in its brief's history, so leaving a conflict loses nothing. */
  const keepInHistory = useCallback(
    async (target: Brief, content: SerializedBriefState): Promise<boolean> => {
      const result = await api.resolveBriefConflict({
        id: target.id,
        choice: 'take-theirs',
        title: target.title,
        classification: target.classification,
        content,
      });
      if (!result.ok) {
        onMessage(result.error.message);
        return false;
      }
      retired.current.add(target);
      conflicted.current.delete(target.id);
      revisions.current.set(target.id, result.value.revision);
      onMessage(currentIntl().formatMessage({ id: 'session.changedElsewhere' }, { title: target.title }));
      return true;
    },
    [onMessage],
  );

  /** The save for the editor showing `brief`: it saves into that brief, whichever is open by then. */
  const save = useCallback(
    (state: EditorState, saved?: SavedNote): Promise<SaveOutcome> => {
      const target = brief;
      const run = async (): Promise<SaveOutcome> => {
        if (!target || retired.current.has(target)) return { ok: true };
        const reason = failureReason('conflict') ?? '';
        if (conflicted.current.has(target.id)) return { ok: false, reason, retry: false };
        const isOpen = current.current.briefId === target.id;
        const { title: currentTitle, classification: marking } = current.current;
        const baseRevision = revisions.current.get(target.id) ?? target.revision;
        const fields = {
          id: target.id,
          baseRevision,
          ...(isOpen ? { title: currentTitle.trim() || undefined, classification: marking } : {}),
        };
        // Only the changed blocks while the archive still holds what this editor saved last (a
        // rename or a resolved conflict since means another revision: then the note goes whole).
        let result =
          saved?.revision === baseRevision
            ? await api.saveBriefBlocks({ ...fields, blocks: changedBlocks(state, saved) })
            : await api.saveBrief({ ...fields, content: noteContent(state) });
        // Refused at this editor's own base revision: nobody saved since, only the blocks named did
        // not match the stored copy, so the note goes whole (a real conflict is at a later revision).
        const blocksMismatched =
          saved?.revision === baseRevision &&
          !result.ok &&
          result.error.code === 'conflict' &&
          result.error.revision === baseRevision;
        if (blocksMismatched) result = await api.saveBrief({ ...fields, content: noteContent(state) });
        if (result.ok) {
          revisions.current.set(target.id, result.value.revision);
          for (const listener of saveListeners.current) listener();
          if (isOpen && Date.now() - current.current.lastAuto >= AUTO_SNAPSHOT_MS) {
            current.current.lastAuto = Date.now();
            void api.takeSnapshot({ briefId: target.id, reason: 'auto' });
          }
          return { ok: true, revision: result.value.revision };
        }
        const { code, message } = result.error;
        if (code === 'conflict') {
          conflicted.current.add(target.id);
          if (isOpen) setConflict({ briefId: target.id, revision: result.error.revision ?? null });
          else await keepInHistory(target, noteContent(state));
        } else if (!RETRIED.has(code)) onMessage(message);
        return { ok: false, reason: failureReason(code) ?? message, retry: RETRIED.has(code) };
      };
      const next = queue.current.then(run, run);
      queue.current = next;
      return next;
    },
    [brief, onMessage, keepInHistory],
  );

  const registerFlush = useCallback((flush: Flush) => {
    flushRef.current = flush;
  }, []);
  const flush = useCallback((): Promise<SaveOutcome> => flushRef.current(), []);

  // The desktop shell calls this before the window closes, so the last keystrokes are saved
  // before quitting rather than left to an unload handler that may never finish.
  useEffect(() => {
    window.__precisFlush = flush;
    return () => {
      delete window.__precisFlush;
    };
  }, [flush]);

  /** Settles a conflict on the open brief as the analyst chose; both texts stay retrievable. */
  const resolveConflict = useCallback(
    async (choice: ConflictChoice): Promise<void> => {
      const editor = editorRef.current;
      if (!brief || !editor) return;
      const result = await api.resolveBriefConflict({
        id: brief.id,
        choice,
        title: current.current.title.trim() || brief.title,
        classification: current.current.classification,
        content: noteContent(editor),
      });
      if (!result.ok) return onMessage(result.error.message);
      retired.current.add(brief);
      conflicted.current.delete(brief.id);
      show(result.value);
      onMessage(
        choice === 'take-theirs'
          ? currentIntl().formatMessage({ id: 'session.tookTheirs' })
          : currentIntl().formatMessage({ id: 'session.keptMine' }, { title: result.value.title }),
      );
    },
    [brief, editorRef, onMessage, show],
  );

  /** Opens a brief after saving the open one; a conflict left unsettled keeps this window's text in History. */
  const open = useCallback(
    async (opened: Brief) => {
      const editor = editorRef.current;
      if (brief && editor && conflicted.current.has(brief.id)) {
        if (!(await keepInHistory(brief, noteContent(editor)))) return;
      } else {
        const saved = await flushRef.current();
        // Closing an editor whose text is not stored would lose it: it stays open, still retrying.
        if (!saved.ok && saved.retry) {
          return onMessage(currentIntl().formatMessage({ id: 'session.notSavedYet' }, { reason: saved.reason }));
        }
      }
      const known = revisions.current.get(opened.id);
      if (known !== undefined && known > opened.revision) {
        // Saved by this window since `opened` was read: read it again rather than show older text.
        const fresh = await api.getBrief({ id: opened.id });
        return fresh.ok ? show(fresh.value) : onMessage(fresh.error.message);
      }
      show(opened);
    },
    [brief, editorRef, keepInHistory, onMessage, show],
  );

  const commitTitle = async () => {
    current.current.title = title;
    await flush();
  };
  /** Renames the open brief (from the list) through its save, so it is based on this window's revision. */
  const rename = async (newTitle: string) => {
    current.current.title = newTitle;
    setTitle(newTitle);
    await flush();
  };
  const setClassification = async (marking: Classification) => {
    current.current.classification = marking;
    setClassificationState(marking);
    await flush();
  };

  const checkQuotes = async (): Promise<FlaggedQuote[]> => {
    const editor = editorRef.current;
    if (!editor) return [];
    const flagged = await flaggedQuotes(noteContent(editor));
    if (typeof flagged === 'string') {
      onMessage(flagged);
      return [];
    }
    onMessage(
      flagged.length === 0
        ? currentIntl().formatMessage({ id: 'session.quotesOk' })
        : currentIntl().formatMessage({ id: 'session.quotesFlagged' }, { count: flagged.length }),
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
      onMessage(currentIntl().formatMessage({ id: 'session.exported' }, { fileName: outcome.fileName }));
    } else if (outcome.kind === 'saved') {
      onMessage(currentIntl().formatMessage({ id: 'session.savedTo' }, { path: outcome.path }));
    }
  };

  // The export's options, for the whole session: the footnote list shows grades when they are on.
  const [exportOptions, setExportOptions] = useState<ExportOptions>({ includeSourceList: false, includeGrades: false });

  /** Export saves first (an export of older text would mislead), then runs the brief check on what it saved. */
  const exportToWord = async (options: ExportOptions) => {
    const editor = editorRef.current;
    if (!brief || !editor) return;
    current.current.title = title;
    const saved = await flush();
    if (!saved.ok) {
      return onMessage(currentIntl().formatMessage({ id: 'session.notExported' }, { reason: saved.reason }));
    }
    const check = await api.checkBrief({ id: brief.id });
    if (!check.ok) return onMessage(check.error.message);
    if (check.value.findings.every((finding) => finding.severity === 'notice')) return runExport(options);
    setPendingExport({ check: check.value, options });
  };
  const confirmExport = () => {
    if (pendingExport) void runExport(pendingExport.options);
    setPendingExport(null);
  };
  const cancelExport = () => setPendingExport(null);

  /** Calls `listener` after each save of a brief; returns the unsubscribe. */
  const onSaved = useCallback((listener: () => void) => {
    saveListeners.current.add(listener);
    return () => {
      saveListeners.current.delete(listener);
    };
  }, []);

  return {
    brief,
    open,
    rename,
    title,
    setTitle,
    commitTitle,
    classification,
    setClassification,
    save,
    registerFlush,
    flush,
    onSaved,
    checkQuotes,
    exportToWord,
    exportOptions,
    setExportOptions,
    pendingExport,
    confirmExport,
    cancelExport,
    conflict,
    resolveConflict,
  };
}

export type BriefSession = ReturnType<typeof useBriefSession>;
