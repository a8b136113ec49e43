import { useState } from 'react';
import { useIntl } from 'react-intl';

const PREFERENCE_KEY = 'precis-check-spelling';

/** Whether to check spelling, remembered by this window's browser storage (on unless turned off). */
export function useSpellingPreference(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => readPreference() !== 'off');
  return [
    on,
    (next) => {
      setOn(next);
      try {
        window.localStorage.setItem(PREFERENCE_KEY, next ? 'on' : 'off');
      } catch {
        // Storage refused (private mode): the choice holds for this page only.
      }
    },
  ];
}

function readPreference(): string | null {
  try {
    return window.localStorage.getItem(PREFERENCE_KEY);
  } catch {
    return null;
  }
}

export function SpellingToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const intl = useIntl();
  return (
    <button
      type="button"
      // The name starts with the visible text, as the toolbar's do (WCAG 2.5.3, axe label-content-name-mismatch).
      aria-label={`abc✓: ${intl.formatMessage({ id: 'editor.spelling.toggle.label' })}`}
      title={intl.formatMessage({ id: 'editor.spelling.toggle.title' })}
      aria-pressed={on}
      onClick={() => onChange(!on)}
    >
      abc✓
    </button>
  );
}
