import type { Handlers } from '../../shared/contract';
import type { Db } from '../archive/database';
import { AUTHOR_NAME_SETTING, readSettings, setSetting } from '../archive/settings';

type SettingsHandlers = Pick<Handlers, 'getSettings' | 'saveSettings'>;

/** Preferences: the author name written into exported documents. */
export function settingsHandlers(db: Db): SettingsHandlers {
  return {
    getSettings: () => readSettings(db),
    // Partial: a field left out keeps its stored value, so two panes saving different fields never clash.
    saveSettings: (input) => {
      if (input.authorName !== undefined) setSetting(db, AUTHOR_NAME_SETTING, input.authorName);
      return readSettings(db);
    },
  };
}
