import { afterEach, describe, expect, it } from 'vitest';
import { AUTHOR_NAME_SETTING, readSettings, setSetting } from '../../../main/archive/settings';
import { insertSource } from '../../../main/archive/sources';
import { searchSources } from '../../../main/search/searchSources';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

// The did-you-mean stamp read the settings row through the same cached statement with pluck()
// switched on, after which every other setting read came back empty (author name, language…).
describe('settings after a search', () => {
  it('still reads back what was saved', () => {
    const { db } = tempArchive();
    setSetting(db, AUTHOR_NAME_SETTING, 'Jane Analyst');
    insertSource(db, {
      title: 'Icebreakers',
      outlet: null,
      author: null,
      publishedAt: null,
      url: null,
      language: 'en',
      body: 'The icebreaker fleet renewal is on schedule.',
      original: 'The icebreaker fleet renewal is on schedule.',
      fileName: null,
    });
    searchSources(db, { query: 'icebreakr', limit: 20, offset: 0 });
    expect(readSettings(db).authorName).toBe('Jane Analyst');
  });
});
