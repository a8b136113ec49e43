import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getNearestNodeFromDOMNode,
  $getNodeByKey,
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  COMMAND_PRIORITY_HIGH,
  KEY_DOWN_COMMAND,
  type NodeKey,
} from 'lexical';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { BriefLanguage } from '../../../shared/briefSchemas';
import { $blockKeyOf, $dirtyBlocks } from '../dirtyBlocks';
import { $noteBlockKeys } from '../noteSections';
import { noteWork } from '../noteWork';
import { $checkBlock } from './noteBlocks';
import { SpellingMenu } from './SpellingMenu';
import type { Misspelling } from './spellChecker';
import { spellingClient } from './spellingClient';
import { createSpellingMarks, type SpellingMarks, wordRange } from './spellingMarks';
import type { CheckBlock } from './spellingProtocol';

// Checking waits for a pause in typing; the keystroke itself only notes which block changed.
const PAUSE_MS = 250;
// Reading blocks for the worker happens in slices, so opening a 200-page note never blocks the page.
const SLICE_MS = 6;
/** The longest the note's first check waits for the page to be idle. */
const FIRST_CHECK_WAIT_MS = 2000;

interface OpenMenu {
  mark: Misspelling;
  x: number;
  y: number;
  suggestions: string[] | null;
  error: string | null;
}

/**
 * Spell-checks the note in its language in a worker (see spellWorker.ts), shows misspellings
 * without changing the note (see spellingMarks.ts), and offers suggestions on the word at the
 * caret with Ctrl+. (or the context-menu key, Shift+F10) and on a right click.
 */
export function SpellingPlugin({ language }: { language: BriefLanguage }) {
  const [editor] = useLexicalComposerContext();
  const intl = useIntl();
  const layerLabel = intl.formatMessage({ id: 'editor.spelling.marks.label' });
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const marksRef = useRef<SpellingMarks | null>(null);
  const client = spellingClient(language);
  const recheckRef = useRef<(keys: Iterable<NodeKey>) => void>(() => {});

  useEffect(() => {
    const root = editor.getRootElement();
    const frame = root?.parentElement;
    if (!root || !frame) return;
    const layer = document.createElement('div');
    layer.className = 'spelling-marks';
    // A named group: a bare div may not carry a name (axe aria-prohibited-attr).
    layer.setAttribute('role', 'group');
    layer.setAttribute('aria-label', layerLabel);
    frame.append(layer);
    const marks = createSpellingMarks(editor, layer);
    marksRef.current = marks;
    const pending = new Set<NodeKey>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let disposed = false;
    let inFlight = 0;
    const report = () => noteWork('spelling', !disposed && (pending.size > 0 || inFlight > 0));

    const flush = () => {
      timer = undefined;
      if (disposed || pending.size === 0) return;
      const blocks: CheckBlock[] = [];
      const until = performance.now() + SLICE_MS;
      editor.getEditorState().read(() => {
        for (const key of pending) {
          pending.delete(key);
          const block = $checkBlock(key);
          if (block) blocks.push(block);
          else marks.set(key, []);
          if (performance.now() > until) break;
        }
      });
      if (pending.size > 0) timer = setTimeout(flush, 0);
      if (blocks.length === 0) return report();
      inFlight++;
      void client.check(blocks).then((results) => {
        inFlight--;
        report();
        if (disposed) return;
        for (const { key, misspellings } of results) marks.set(key, misspellings);
      });
    };
    const schedule = (delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(flush, delay);
    };
    recheckRef.current = (keys) => {
      for (const key of keys) pending.add(key);
      report();
      schedule(0);
    };

    editor.getEditorState().read(() => {
      for (const key of $noteBlockKeys()) pending.add(key);
    });
    report();
    // The whole note's first check starts the worker and builds the dictionary (a second of CPU):
    // it waits until the page is idle after the note's first paint.
    const firstCheck =
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(() => schedule(0), { timeout: FIRST_CHECK_WAIT_MS })
        : undefined;
    if (firstCheck === undefined) schedule(0);
    const unregister = editor.registerUpdateListener((update) => {
      if (update.dirtyLeaves.size === 0 && update.dirtyElements.size === 0) return;
      update.editorState.read(() => {
        const { changed, gone } = $dirtyBlocks(update);
        // A block removed or merged away is looked up, found missing, and its marks go with it.
        for (const key of [...changed, ...gone]) pending.add(key);
      });
      if (pending.size > 0) {
        report();
        schedule(PAUSE_MS);
      }
    });
    return () => {
      disposed = true;
      report();
      if (firstCheck !== undefined) cancelIdleCallback(firstCheck);
      clearTimeout(timer);
      unregister();
      marks.dispose();
      layer.remove();
      marksRef.current = null;
    };
  }, [editor, client, layerLabel]);

  const open = useCallback(
    (mark: Misspelling) => {
      const box =
        wordRange(editor, mark)?.getBoundingClientRect() ?? editor.getElementByKey(mark.key)?.getBoundingClientRect();
      setMenu({ mark, x: box?.left ?? 0, y: box?.bottom ?? 0, suggestions: null, error: null });
      void client
        .suggest(mark.word)
        .then((suggestions) => setMenu((current) => (current?.mark === mark ? { ...current, suggestions } : current)));
    },
    [editor, client],
  );

  useEffect(() => {
    const root = editor.getRootElement();
    /** The mark at this offset of this DOM text node of the note, if any. */
    const markAtDOM = (domNode: Node, offset: number) =>
      // editor.read, not the state's: finding a node from the DOM needs the active editor.
      editor.read(() => {
        const node = $getNearestNodeFromDOMNode(domNode);
        if (!$isTextNode(node)) return null;
        return marksRef.current?.at(node.getKey(), offset, node.getTextContent()) ?? null;
      });
    // The caret where the browser has it. Lexical learns that the caret moved from `selectionchange`,
    // which Chromium queues behind input events: on a loaded machine a Ctrl+. pressed just after
    // arrow keys found Lexical's selection a few keys behind, on no mark, and no menu opened.
    const markAtCaret = () => {
      const domSelection = root?.ownerDocument.getSelection();
      const focus = domSelection?.focusNode;
      if (focus?.nodeType === Node.TEXT_NODE && root?.contains(focus))
        return markAtDOM(focus, domSelection!.focusOffset);
      return editor.getEditorState().read(() => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) return null;
        const node = selection.focus.getNode();
        if (!$isTextNode(node)) return null;
        return marksRef.current?.at(node.getKey(), selection.focus.offset, node.getTextContent()) ?? null;
      });
    };
    const markAtPoint = (x: number, y: number) => {
      const caret = document.caretPositionFromPoint?.(x, y);
      return caret ? markAtDOM(caret.offsetNode, caret.offset) : null;
    };
    const onContextMenu = (event: MouseEvent) => {
      // A right click asks about the word under the pointer; the keyboard's menu key about the caret.
      const mark = (event.button === 2 ? markAtPoint(event.clientX, event.clientY) : null) ?? markAtCaret();
      if (!mark) return;
      event.preventDefault();
      open(mark);
    };
    root?.addEventListener('contextmenu', onContextMenu);
    const unregister = editor.registerCommand(
      KEY_DOWN_COMMAND,
      (event) => {
        if (!(event.key === '.' && (event.ctrlKey || event.metaKey)) && !(event.key === 'F10' && event.shiftKey))
          return false;
        const mark = markAtCaret();
        if (!mark) return false;
        event.preventDefault();
        open(mark);
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    );
    return () => {
      root?.removeEventListener('contextmenu', onContextMenu);
      unregister();
    };
  }, [editor, open]);

  const close = useCallback(() => {
    setMenu(null);
    // Closed before its suggestions came, the menu never took the focus: the browser's caret is
    // still where Ctrl+. was pressed. editor.focus() would put back Lexical's selection, which can
    // be a few keys behind it (see markAtCaret), and the next key would land there.
    const root = editor.getRootElement();
    if (root?.contains(root.ownerDocument.activeElement)) return;
    editor.focus();
  }, [editor]);

  if (!menu) return null;
  const { mark } = menu;
  return (
    <SpellingMenu
      word={mark.word}
      suggestions={menu.suggestions}
      x={menu.x}
      y={menu.y}
      error={menu.error}
      onClose={close}
      onReplace={(suggestion) => {
        editor.update(() => {
          const node = $getNodeByKey(mark.key);
          if (!$isTextNode(node) || node.getTextContent().slice(mark.start, mark.end) !== mark.word) return;
          node.select(mark.start, mark.end);
          const selection = $getSelection();
          if ($isRangeSelection(selection)) selection.insertText(suggestion);
        });
        close();
      }}
      onAdd={() => {
        void client.addWord(mark.word).then((error) => {
          if (error) {
            setMenu((current) => (current ? { ...current, error } : current));
            return;
          }
          const blocks = new Set(
            editor.getEditorState().read(() => (marksRef.current?.all() ?? []).map((m) => $blockKeyOf(m.key))),
          );
          recheckRef.current([...blocks].filter((key): key is NodeKey => key !== null));
          close();
        });
      }}
    />
  );
}
