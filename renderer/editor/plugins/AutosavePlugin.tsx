import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { EditorState } from 'lexical';
import { useEffect } from 'react';

export type SaveState = 'saved' | 'saving' | 'error';

/**
 * Saves the note shortly after the last change and when the editor loses focus. `register`
 * hands the parent a flush function so export (and unload) can wait for the latest text.
 */
export function AutosavePlugin({
  save,
  onStateChange,
  register,
  delayMs = 600,
}: {
  save: (state: EditorState) => Promise<boolean>;
  onStateChange: (state: SaveState) => void;
  register: (flush: () => Promise<void>) => void;
  delayMs?: number;
}): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let dirty = false;
    let running: Promise<void> = Promise.resolve();
    const flush = (): Promise<void> => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!dirty) return running;
      dirty = false;
      const state = editor.getEditorState();
      running = running.then(async () => {
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
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void flush(), delayMs);
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
  }, [editor, save, onStateChange, register, delayMs]);
  return null;
}
