import { afterEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../../main/archive/database';
import { settingsHandlers } from '../../../main/handlers/settingsHandlers';
import { contract } from '../../../shared/contract';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

describe('the interface language setting', () => {
  it('follows the system until chosen, is kept in the archive, and can be unset', async () => {
    const { db, file } = tempArchive();
    const settings = settingsHandlers(db);
    expect((await settings.getSettings({})).language).toBeNull();
    expect(await settings.saveSettings(contract.saveSettings.input.parse({ language: 'fr' }))).toMatchObject({
      language: 'fr',
      authorName: '',
    });
    db.close();
    const reopened = openArchive(file);
    try {
      expect((await settingsHandlers(reopened).getSettings({})).language).toBe('fr');
      expect((await settingsHandlers(reopened).saveSettings({ language: null })).language).toBeNull();
    } finally {
      reopened.close();
    }
  });

  it('refuses a language the interface does not have', () => {
    expect(contract.saveSettings.input.safeParse({ language: 'de' }).success).toBe(false);
  });
});
