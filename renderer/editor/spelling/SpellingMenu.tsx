import { type KeyboardEvent, useEffect, useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useIntl } from 'react-intl';

export interface SpellingMenuProps {
  word: string;
  /** Null while the worker is still finding them. */
  suggestions: string[] | null;
  /** Where to draw it (viewport coordinates, under the word). */
  x: number;
  y: number;
  error: string | null;
  onReplace: (suggestion: string) => void;
  onAdd: () => void;
  onClose: () => void;
}

/**
 * The suggestions for one misspelled word, opened by Ctrl+. or the context menu: a menu whose
 * items take the focus, moved with the arrow keys, chosen with Enter; Escape closes it (also
 * while the suggestions are still being found) and the caret goes back to the word.
 */
export function SpellingMenu({ word, suggestions, x, y, error, onReplace, onAdd, onClose }: SpellingMenuProps) {
  const intl = useIntl();
  const menu = useRef<HTMLDivElement>(null);
  const ready = suggestions !== null;

  // Focused as the items are drawn, not after the next paint: a key pressed as soon as the
  // suggestions show (Enter, Escape) goes to the menu, not to the note.
  useLayoutEffect(() => {
    if (ready) menuItems(menu.current)[0]?.focus();
  }, [ready]);

  // Until the suggestions come the focus stays in the note (a key pressed then must not choose an
  // item that is about to move), so Escape is heard on the document: it closes the menu, and the
  // note, which still has the focus, does not act on it.
  useEffect(() => {
    if (ready) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      onClose();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [ready, onClose]);

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointer, true);
    return () => document.removeEventListener('pointerdown', onPointer, true);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent) => {
    const list = menuItems(menu.current);
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => list[(to + list.length) % list.length]?.focus();
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return createPortal(
    <div
      ref={menu}
      className="spelling-menu"
      role="menu"
      aria-label={intl.formatMessage({ id: 'editor.spelling.menu.label' }, { word })}
      style={{ left: x, top: y }}
      onKeyDown={onKeyDown}
    >
      {suggestions === null ? (
        <p className="spelling-menu-note">{intl.formatMessage({ id: 'editor.spelling.menu.finding' })}</p>
      ) : suggestions.length === 0 ? (
        <p className="spelling-menu-note">{intl.formatMessage({ id: 'editor.spelling.menu.none' })}</p>
      ) : (
        suggestions.map((suggestion) => (
          <button key={suggestion} type="button" role="menuitem" tabIndex={-1} onClick={() => onReplace(suggestion)}>
            {suggestion}
          </button>
        ))
      )}
      <hr />
      <button type="button" role="menuitem" tabIndex={-1} onClick={onAdd}>
        {intl.formatMessage({ id: 'editor.spelling.menu.add' })}
      </button>
      {error ? (
        <p className="spelling-menu-note" role="alert">
          {error}
        </p>
      ) : null}
    </div>,
    document.body,
  );
}

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
}
