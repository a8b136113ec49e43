import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { EditorState } from 'lexical';
import { useEffect } from 'react';
import { type SavedNote, savedNote } from '../savedBlocks';

/**
 * What one save attempt came to. `revision`: what the archive now holds the saved note as (absent
 * when nothing was written). `retry`: whether trying again later may succeed (a full disk may be freed).
 */
export type SaveOutcome = { ok: true; revision?: number } | { ok: false; reason: string; retry: boolean };

/** Saves the editor's state; given what this editor saved last, it may send only the blocks changed since. */
export type SaveNote = (state: EditorState, saved?: SavedNote) => Promise<SaveOutcome>;

/** What the status line says: never "saved" for text the archive has not committed. */
export type SaveStatus = { kind: 'saved' } | { kind: 'saving' } | { kind: 'failed'; reason: string };

const IDLE_WAIT_MS = 150;
const whenIdle = (run: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: IDLE_WAIT_MS });
  else run();
};

/** Waits between retries of a failed save: 1 s, 2 s, 4 s, then every 8 s until it succeeds. */
export const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000] as const;

/**
 * Saves the note shortly after the last change and when the editor loses focus. `register`
 * hands the parent a flush function (which saves even when nothing changed in the text, for a new
 * title or marking) so export, history and unload can wait for the latest text.
 * Continuous typing never pauses for `delayMs`, so a save also happens at least every `maxWaitMs`
 * while changes keep coming: a crash then loses under a second of typing (bench/crash.ts).
 * A failed save leaves the text in the editor and marked unsaved; when the failure may pass (a full
 * disk) the save is tried again, backing off, until it succeeds: nothing has to be typed again.
 */
export function AutosavePlugin({
  save,
  onStatus: report,
  register,
  loaded,
  delayMs = 600,
  maxWaitMs = 700,
}: {
  save: SaveNote;
  /** The note as opened, at the revision read (set by NoteContentPlugin before this runs). */
  loaded?: { readonly current: SavedNote | null };
  onStatus: (status: SaveStatus) => void;
  register: (flush: () => Promise<SaveOutcome>) => void;
  delayMs?: number;
  maxWaitMs?: number;
}): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    // The status is handed on only when it changes: each call re-renders the editor (and a React
    // commit while the note has focus walks the whole note's DOM), so not once per keystroke.
    let shown = '';
    const onStatus = (status: SaveStatus) => {
      const text = JSON.stringify(status);
      if (text === shown) return;
      shown = text;
      report(status);
    };
    let timer: ReturnType<typeof setTimeout> | null = null;
    let dirty = false;
    /** When the oldest unsaved change was made (null: nothing unsaved). */
    let dirtySince: number | null = null;
    /** Failed attempts in a row; while above 0 the status keeps saying why the text is not saved. */
    let failures = 0;
    let running: Promise<SaveOutcome> = Promise.resolve({ ok: true });
    /**
     * What the archive holds, as this editor last saved it or else as it was opened, so a save sends
     * only what changed since (null: send it whole). The note as opened counts: the first save after
     * opening a 2,000-excerpt note sent all 2.4 MB of it, serialised and posted on the main thread
     * (674 ms in one task, a CPU profile of the keys phase). Sent against a revision the archive no
     * longer holds (a rename since), the save goes whole (useBriefSession).
     */
    let saved: SavedNote | null = loaded?.current ?? null;
    /** A save is waiting for the one running; it will read the editor's newest state when it starts. */
    let waiting = false;

    const schedule = (ms: number) => {
      if (timer) clearTimeout(timer);
      // Serialising a long note takes milliseconds: run it in the browser's idle time after a
      // frame, not just before the next keystroke's, yet never much later than asked.
      timer = setTimeout(() => whenIdle(() => void flush()), ms);
    };
    const saveNow = (): Promise<SaveOutcome> => {
      if (timer) clearTimeout(timer);
      timer = null;
      dirtySince = null;
      dirty = false;
      // With saves every maxWaitMs, a slow disk must not grow a backlog: one waiting save is enough.
      if (waiting) return running;
      waiting = true;
      running = running.then(async () => {
        waiting = false;
        const state = editor.getEditorState();
        const outcome = await save(state, saved ?? undefined);
        if (outcome.ok) {
          if (outcome.revision !== undefined) saved = savedNote(state, outcome.revision);
          failures = 0;
          onStatus(dirty ? { kind: 'saving' } : { kind: 'saved' });
        } else {
          dirty = true;
          onStatus({ kind: 'failed', reason: outcome.reason });
          if (outcome.retry) schedule(RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)]!);
          failures += 1;
        }
        return outcome;
      });
      return running;
    };
    const flush = (): Promise<SaveOutcome> => (dirty ? saveNow() : running);
    register(saveNow);
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, tags }) => {
      // Selection-only updates and the initial load change nothing worth saving.
      if ((dirtyElements.size === 0 && dirtyLeaves.size === 0) || tags.has('history-merge')) return;
      dirty = true;
      if (failures === 0) onStatus({ kind: 'saving' });
      const now = Date.now();
      dirtySince ??= now;
      // The usual pause, but never later than maxWaitMs after the oldest unsaved change.
      schedule(Math.max(0, Math.min(delayMs, dirtySince + maxWaitMs - now)));
    });
    const root = editor.getRootElement();
    const onBlur = () => void flush();
    root?.addEventListener('blur', onBlur);
    window.addEventListener('pagehide', onBlur);
    return () => {
      unregister();
      root?.removeEventListener('blur', onBlur);
      window.removeEventListener('pagehide', onBlur);
      void flush().finally(() => {
        if (timer) clearTimeout(timer);
      });
    };
  }, [editor, save, report, register, loaded, delayMs, maxWaitMs]);
  return null;
}
