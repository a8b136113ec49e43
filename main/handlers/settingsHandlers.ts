import type { Handlers } from '../../shared/contract';
import type { Db } from '../archive/database';
import { AUTHOR_NAME_SETTING, LANGUAGE_SETTING, readSettings, setSetting } from '../archive/settings';

type SettingsHandlers = Pick<Handlers, 'getSettings' | 'saveSettings'>;

/** Preferences: the author name written into exported documents, the interface language. */
export function settingsHandlers(db: Db): SettingsHandlers {
  return {
    getSettings: () => readSettings(db),
    // Partial: a field left out keeps its stored value, so two panes saving different fields never clash.
    saveSettings: (input) => {
      if (input.authorName !== undefined) setSetting(db, AUTHOR_NAME_SETTING, input.authorName);
      // '' is no choice: the interface follows the system's language again.
      if (input.language !== undefined) setSetting(db, LANGUAGE_SETTING, input.language ?? '');
      return readSettings(db);
    },
  };
}
