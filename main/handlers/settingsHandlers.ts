import type { Handlers, Settings } from '../../shared/contract';
import type { Db } from '../archive/database';
import { getSetting, setSetting } from '../archive/settings';

type SettingsHandlers = Pick<Handlers, 'getSettings' | 'saveSettings'>;

const AUTHOR_NAME = 'authorName';

/** The analyst's preferences as stored in the archive; an archive that never saved any gets the defaults. */
export function readSettings(db: Db): Settings {
  return { authorName: getSetting(db, AUTHOR_NAME) ?? '' };
}

/** Preferences: the author name written into exported documents. */
export function settingsHandlers(db: Db): SettingsHandlers {
  return {
    getSettings: () => readSettings(db),
    // Partial: a field left out keeps its stored value, so two panes saving different fields never clash.
    saveSettings: (input) => {
      if (input.authorName !== undefined) setSetting(db, AUTHOR_NAME, input.authorName);
      return readSettings(db);
    },
  };
}
