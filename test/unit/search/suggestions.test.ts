import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { insertSource } from '../../../main/archive/sources';
import { importPaths } from '../../../main/importers/importPaths';
import { editDistance } from '../../../main/search/editDistance';
import { searchSources } from '../../../main/search/searchSources';
import { refreshSearchTerms } from '../../../main/search/suggestions';
import { cleanUpTemp, SEEDS_DIR, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

const suggest = (db: Db, query: string) => searchSources(db, { query, limit: 5, offset: 0 }).suggestions;

describe('did-you-mean on the seed archive', () => {
  let db: Db;
  beforeEach(async () => {
    ({ db } = tempArchive());
    await importPaths(db, [SEEDS_DIR]);
  });

  it('offers joly for Joyl: the same letters first, then the most widespread', () => {
    const response = searchSources(db, { query: 'Joyl', limit: 5, offset: 0 });
    expect(response.total).toBe(0);
    expect(response.suggestions[0]).toBe('joly');
    // The seeds also spell the minister Jolly and Jolie: both within two edits.
    expect(suggest(db, 'Jolyy')).toEqual(expect.arrayContaining(['joly', 'jolly']));
  });

  it('finds slips on the first letters too: dropped, swapped or mistyped', () => {
    expect(suggest(db, 'oly')).toContain('joly');
    expect(suggest(db, 'jloy')[0]).toBe('joly');
    expect(suggest(db, 'ojly')[0]).toBe('joly');
    expect(suggest(db, 'koly')).toContain('joly');
    expect(suggest(db, 'Mélanie oly')).toContain('Mélanie joly');
  });

  it('rewrites only the misspelled word, keeping the rest of the query as typed', () => {
    expect(suggest(db, 'Joyl "five eyes" -tokyo')[0]).toBe('joly "five eyes" -tokyo');
    expect(suggest(db, '"prime minster" Joly')[0]).toBe('"prime minister" Joly');
    expect(suggest(db, 'Mélanie inteligence')[0]).toBe('Mélanie intelligence');
  });

  it('suggests nothing for words the archive has, prefixes, or words too short to guess', () => {
    expect(suggest(db, 'melanie joly')).toEqual([]);
    expect(suggest(db, 'jo*')).toEqual([]);
    expect(suggest(db, 'jy')).toEqual([]);
    expect(suggest(db, 'qqqqqqqq')).toEqual([]);
  });

  it('learns words imported after the list was made', () => {
    expect(suggest(db, 'Tremblau')).toEqual([]);
    insertSource(db, {
      title: 'Note',
      body: 'Minister Tremblay spoke.',
      original: 'x',
      outlet: null,
      author: null,
      publishedAt: null,
      url: null,
      language: 'en',
      fileName: null,
    });
    expect(suggest(db, 'Tremblau')).toEqual(['tremblay']);
  });

  it('refreshes the word list on request, and reports a busy archive instead of waiting', () => {
    expect(refreshSearchTerms(db)).toBe(true);
    expect(db.prepare('SELECT docs FROM search_terms WHERE term = ?').pluck().get('joly')).toBeGreaterThan(0);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('joyl', 'joly', 2)).toBe(1);
    expect(editDistance('joly', 'jolly', 2)).toBe(1);
    expect(editDistance('joly', 'jolie', 2)).toBe(2);
    expect(editDistance('securite', 'security', 2)).toBe(1);
    expect(editDistance('abc', 'abc', 2)).toBe(0);
  });

  it('stops early past the budget', () => {
    expect(editDistance('joly', 'kennedy', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 1)).toBe(2);
  });
});
