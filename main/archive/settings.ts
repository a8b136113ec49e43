import type { Settings } from '../../shared/contract';
import { isLocale } from '../../shared/i18n/locale';
import { type Db, prepareCached } from './database';
import { committed } from './writeErrors';

export const AUTHOR_NAME_SETTING = 'authorName';
export const LANGUAGE_SETTING = 'language';

/** The analyst's preferences as stored in the archive; an archive that never saved any gets the defaults. */
export function readSettings(db: Db): Settings {
  const language = getSetting(db, LANGUAGE_SETTING);
  return { authorName: getSetting(db, AUTHOR_NAME_SETTING) ?? '', language: isLocale(language) ? language : null };
}

export function getSetting(db: Db, key: string): string | null {
  // pluck() as every reader of this cached statement does: the mode sticks to the shared statement.
  const value = prepareCached(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return value ?? null;
}

export function setSetting(db: Db, key: string, value: string): void {
  committed(db, () =>
    prepareCached(
      db,
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value),
  );
}
