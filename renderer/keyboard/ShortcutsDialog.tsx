import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { useModalDialog } from './useModalDialog';

type Area = 'anywhere' | 'search' | 'reader' | 'note';
type Row =
  | 'anywhere.help'
  | 'anywhere.quote'
  | 'anywhere.tab'
  | 'anywhere.escape'
  | 'search.move'
  | 'search.open'
  | 'reader.caret'
  | 'reader.extend'
  | 'reader.word'
  | 'reader.sentence'
  | 'reader.paragraph'
  | 'reader.all'
  | 'note.format'
  | 'note.undo'
  | 'note.step'
  | 'note.open'
  | 'note.edit';

/**
 * Every shortcut of the app, by where it works: the one list the dialog shows (each row's keys
 * and what they do are messages `keyboard.<row>.keys` and `keyboard.<row>.what`).
 */
export const SHORTCUTS: { area: Area; rows: Row[] }[] = [
  { area: 'anywhere', rows: ['anywhere.help', 'anywhere.quote', 'anywhere.tab', 'anywhere.escape'] },
  { area: 'search', rows: ['search.move', 'search.open'] },
  {
    area: 'reader',
    rows: ['reader.caret', 'reader.extend', 'reader.word', 'reader.sentence', 'reader.paragraph', 'reader.all'],
  },
  { area: 'note', rows: ['note.format', 'note.undo', 'note.step', 'note.open', 'note.edit'] },
];

/** The "Keyboard shortcuts" dialog. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useModalDialog(dialogRef, onClose, closeRef);
  const intl = useIntl();
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog shortcuts"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        ref={dialogRef}
      >
        <h2 id="shortcuts-title">{intl.formatMessage({ id: 'keyboard.shortcuts.title' })}</h2>
        {SHORTCUTS.map((group) => (
          <table key={group.area}>
            <caption>{intl.formatMessage({ id: `keyboard.area.${group.area}` })}</caption>
            <tbody>
              {group.rows.map((row) => (
                <tr key={row}>
                  <th scope="row">
                    <kbd>{intl.formatMessage({ id: `keyboard.${row}.keys` })}</kbd>
                  </th>
                  <td>{intl.formatMessage({ id: `keyboard.${row}.what` })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <div className="form-actions">
          <button type="button" ref={closeRef} onClick={onClose}>
            {intl.formatMessage({ id: 'keyboard.shortcuts.close' })}
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

/** The app bar's "?" button, for those who do not know the keys yet. */
export function ShortcutsButton({ onOpen }: { onOpen: () => void }) {
  const intl = useIntl();
  return (
    <button
      type="button"
      aria-label={intl.formatMessage({ id: 'keyboard.shortcuts.button' })}
      aria-keyshortcuts="? F1"
      title={intl.formatMessage({ id: 'keyboard.shortcuts.buttonTitle' })}
      onClick={onOpen}
    >
      ?
    </button>
  );
}
