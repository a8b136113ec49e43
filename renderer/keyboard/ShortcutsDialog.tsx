import { useEffect, useRef, useState } from 'react';
import { useModalDialog } from './useModalDialog';

/** Every shortcut of the app, by where it works. Kept beside the dialog so one list is shown and documented. */
export const SHORTCUTS: { area: string; keys: { keys: string; what: string }[] }[] = [
  {
    area: 'Anywhere',
    keys: [
      { keys: '? or F1', what: 'Show these keyboard shortcuts (? when not typing in a text field)' },
      { keys: 'Ctrl+Shift+Q', what: 'Quote the passage selected in the source at the caret in the note' },
      { keys: 'Tab, Shift+Tab', what: 'Move between controls and panes' },
      { keys: 'Escape', what: 'Close a dialog; focus returns to the control that opened it' },
    ],
  },
  {
    area: 'Search',
    keys: [
      { keys: '↓, ↑', what: 'Move from the search box through the results and back' },
      { keys: 'Enter', what: 'Open the focused result in the reader' },
    ],
  },
  {
    area: 'Source text (the reader)',
    keys: [
      { keys: '←, →, ↑, ↓, Home, End', what: 'Move the caret' },
      { keys: 'Shift+arrows, Shift+Home, Shift+End', what: 'Select from the caret' },
      { keys: 'Ctrl+Shift+← or →', what: 'Select by word' },
      { keys: 'S', what: 'Select the sentence at the caret' },
      { keys: 'P', what: 'Select the paragraph at the caret' },
      { keys: 'Ctrl+A', what: 'Select the whole text' },
    ],
  },
  {
    area: 'Note',
    keys: [
      { keys: 'Ctrl+B, Ctrl+I, Ctrl+U', what: 'Bold, italic, underline' },
      { keys: 'Ctrl+Z, Ctrl+Shift+Z', what: 'Undo, redo' },
      { keys: '←, →, Home, End', what: 'Step over a quotation as one character' },
      { keys: 'Enter on a focused quotation', what: 'Show its passage in the source' },
      { keys: 'Enter on ✎ (Edit quotation)', what: 'Edit the quotation’s words' },
    ],
  },
];

/** The "Keyboard shortcuts" dialog. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useModalDialog(dialogRef, onClose, closeRef);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog shortcuts"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        ref={dialogRef}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        {SHORTCUTS.map((group) => (
          <table key={group.area}>
            <caption>{group.area}</caption>
            <tbody>
              {group.keys.map((shortcut) => (
                <tr key={shortcut.keys}>
                  <th scope="row">
                    <kbd>{shortcut.keys}</kbd>
                  </th>
                  <td>{shortcut.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <div className="form-actions">
          <button type="button" ref={closeRef} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

/** Whether a key press goes into a text field (where `?` is typed, not a command). */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'file'].includes(target.type);
  return target.isContentEditable && target.closest('[aria-readonly="true"]') === null;
}

/** The dialog's open state, opened by `?` (outside text fields) or F1 anywhere. */
export function useShortcutsDialog(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const asked =
        event.key === 'F1' || (event.key === '?' && !event.ctrlKey && !event.altKey && !typingIn(event.target));
      if (!asked) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return [open, setOpen];
}
