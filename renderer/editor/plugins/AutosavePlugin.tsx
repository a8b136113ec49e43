import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { EditorState } from 'lexical';
import { useEffect } from 'react';

export type SaveState = 'saved' | 'saving' | 'error';

/**
 * Saves the note shortly after the last change and when the editor loses focus. `register`
 * hands the parent a flush function so export (and unload) can wait for the latest text.
 * Continuous typing never pauses for `delayMs`, so a save also happens at least every `maxWaitMs`
 * while changes keep coming: a crash then loses under a second of typing (bench/crash.ts).
 */
export function AutosavePlugin({
  save,
  onStateChange,
  register,
  delayMs = 600,
  maxWaitMs = 700,
}: {
  save: (state: EditorState) => Promise<boolean>;
  onStateChange: (state: SaveState) => void;
  register: (flush: () => Promise<void>) => void;
  delayMs?: number;
  maxWaitMs?: number;
}): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let dirty = false;
    /** When the oldest unsaved change was made (null: nothing unsaved). */
    let dirtySince: number | null = null;
    let running: Promise<void> = Promise.resolve();
    let queued: EditorState | null = null;
    const flush = (): Promise<void> => {
      if (timer) clearTimeout(timer);
      timer = null;
      dirtySince = null;
      if (!dirty) return running;
      dirty = false;
      // A save still waiting for the previous one takes this newer state instead of queueing
      // another: with saves every maxWaitMs, a slow disk must not grow a backlog.
      const waiting = queued !== null;
      queued = editor.getEditorState();
      if (waiting) return running;
      running = running.then(async () => {
        const state = queued;
        queued = null;
        if (!state) return;
        const ok = await save(state);
        onStateChange(ok ? (dirty ? 'saving' : 'saved') : 'error');
      });
      return running;
    };
    register(flush);
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, tags }) => {
      // Selection-only updates and the initial load change nothing worth saving.
      if ((dirtyElements.size === 0 && dirtyLeaves.size === 0) || tags.has('history-merge')) return;
      dirty = true;
      onStateChange('saving');
      const now = Date.now();
      dirtySince ??= now;
      if (timer) clearTimeout(timer);
      // The usual pause, but never later than maxWaitMs after the oldest unsaved change.
      timer = setTimeout(() => void flush(), Math.max(0, Math.min(delayMs, dirtySince + maxWaitMs - now)));
    });
    const root = editor.getRootElement();
    const onBlur = () => void flush();
    root?.addEventListener('blur', onBlur);
    window.addEventListener('pagehide', onBlur);
    return () => {
      unregister();
      root?.removeEventListener('blur', onBlur);
      window.removeEventListener('pagehide', onBlur);
      void flush();
    };
  }, [editor, save, onStateChange, register, delayMs, maxWaitMs]);
  return null;
}
