import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  BEFORE_INPUT_COMMAND,
  COMMAND_PRIORITY_HIGH,
  CONTROLLED_TEXT_INSERTION_COMMAND,
} from 'lexical';
import { useEffect } from 'react';

/**
 * A typed character goes into the note through Lexical, not through Chromium's editing command.
 * Left to the browser (Lexical's "native" path for plain typing), each key ran Chromium's
 * `insertText` command inside the `textInput` event — about 2 ms of the page's main thread a key
 * at every note size (bench:editor --trace, docs/editor.md "What a key's own task holds") — and
 * Lexical then read the change back from the DOM. Here the `beforeinput` is cancelled and the
 * text inserted by the same command Lexical uses whenever it takes typing over itself (a format
 * change, a token node, a selection across nodes): the note, undo and the footnotes see the same
 * update either way, and the browser's command does not run.
 *
 * Only the plain case is taken: one run of text without line breaks, typed at a collapsed caret in
 * an ordinary text node, outside any IME composition. Everything else (composition, paste, drops,
 * replacements, Enter, a selection to replace) goes on to Lexical's own handling as before.
 */
export function TypedTextPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        BEFORE_INPUT_COMMAND,
        (event) => {
          const text = event.data;
          if (event.inputType !== 'insertText' || !text || /[\r\n]/.test(text) || event.isComposing) return false;
          if (editor.isComposing()) return false;
          // Run inside Lexical's update for this event, which read the selection from the DOM.
          const selection = $getSelection();
          if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
          const node = selection.anchor.getNode();
          if (!$isTextNode(node) || !node.isSimpleText() || node.isComposing()) return false;
          // The browser's target must be the caret itself (not a range it means to replace).
          const [target] = event.getTargetRanges();
          if (target && !target.collapsed) return false;
          event.preventDefault();
          return editor.dispatchCommand(CONTROLLED_TEXT_INSERTION_COMMAND, text);
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}
