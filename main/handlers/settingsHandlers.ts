import type { Handlers } from '../../shared/contract';
import type { Db } from '../archive/database';
import { AUTHOR_NAME_SETTING, LANGUAGE_SETTING, readSettings, setSetting } from '../archive/settings';
import { addSpellingWord, listSpellingWords } from '../archive/spellingWords';

type SettingsHandlers = Pick<Handlers, 'getSettings' | 'saveSettings' | 'spellingWords' | 'addSpellingWord'>;

/** Preferences: the author name written into exported documents, the interface language, the spell-checker's own words. */
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
    spellingWords: ({ language }) => listSpellingWords(db, language),
    addSpellingWord: ({ language, word }) => {
      addSpellingWord(db, language, word);
      return listSpellingWords(db, language);
    },
  };
}
