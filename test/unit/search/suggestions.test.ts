import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceArchive } from '../../../main/archive/sourceArchive';
import { importPaths } from '../../../main/importers/importPaths';
import { editDistance } from '../../../main/search/editDistance';
import { beginningLengths, editBudget, likelyBeginnings, refreshSearchTerms } from '../../../main/search/suggestions';
import { prng } from '../../support/prng';
import { cleanUpTemp, SEEDS_DIR, tempArchive } from '../support/tempArchive';
import { archiveEnginesPerFile, importSeeds } from '../team/support/engineArchive';
import { parsedSource } from '../team/support/parsedSource';
import { ENGINES } from '../team/support/teamFixture';

afterEach(cleanUpTemp);

const freshArchive = archiveEnginesPerFile();

// The same tests against the embedded archive and a real PostgreSQL team archive (docs/team-archive.md).
describe.each(ENGINES)('did-you-mean on the seed archive (%s)', (engine) => {
  let archive: SourceArchive;
  const suggest = async (query: string) => (await archive.search({ query, limit: 5, offset: 0 })).suggestions;
  beforeEach(async () => {
    const target = await freshArchive(engine);
    archive = target.archive;
    await importSeeds(target);
  });

  it('offers joly for Joyl: the same letters first, then the most widespread', async () => {
    const response = await archive.search({ query: 'Joyl', limit: 5, offset: 0 });
    expect(response.total).toBe(0);
    expect(response.suggestions[0]).toBe('joly');
    // The seeds also spell the minister Jolly and Jolie: both within two edits.
    expect(await suggest('Jolyy')).toEqual(expect.arrayContaining(['joly', 'jolly']));
  });

  it('finds slips on the first letters too: dropped, swapped or mistyped', async () => {
    expect(await suggest('oly')).toContain('joly');
    expect((await suggest('jloy'))[0]).toBe('joly');
    expect((await suggest('ojly'))[0]).toBe('joly');
    expect(await suggest('koly')).toContain('joly');
    expect(await suggest('Mélanie oly')).toContain('Mélanie joly');
  });

  it('rewrites only the misspelled word, keeping the rest of the query as typed', async () => {
    expect((await suggest('Joyl "five eyes" -tokyo'))[0]).toBe('joly "five eyes" -tokyo');
    expect((await suggest('"prime minster" Joly'))[0]).toBe('"prime minister" Joly');
    expect((await suggest('Mélanie inteligence'))[0]).toBe('Mélanie intelligence');
  });

  it('suggests nothing for words the archive has, prefixes, or words too short to guess', async () => {
    expect(await suggest('melanie joly')).toEqual([]);
    expect(await suggest('jo*')).toEqual([]);
    expect(await suggest('jy')).toEqual([]);
    expect(await suggest('qqqqqqqq')).toEqual([]);
  });

  it('learns words imported after the list was made', async () => {
    expect(await suggest('Tremblau')).toEqual([]);
    await archive.importParsed(parsedSource('Minister Tremblay spoke.', { title: 'Note', original: 'x' }), 'n.txt');
    expect(await suggest('Tremblau')).toEqual(['tremblay']);
  });
});

// SQLite only: the local word list is a copy refreshed from FTS5 (the team archive's is kept by triggers).
describe('did-you-mean word list in the local archive', () => {
  it('refreshes the word list on request, and reports a busy archive instead of waiting', async () => {
    const { db } = tempArchive();
    await importPaths(db, [SEEDS_DIR]);
    expect(refreshSearchTerms(db)).toBe(true);
    expect(db.prepare('SELECT docs FROM search_terms WHERE term = ?').pluck().get('joly')).toBeGreaterThan(0);
  });
});

// The ranges are read only at the lengths a word of that beginning can have within the budget:
// every word within the budget, of a likely beginning, must fall inside them.
describe('the lengths read for each likely beginning', () => {
  it('hold every word within the edit budget, on random words and candidates', () => {
    const next = prng(2026_12_03);
    const letters = 'aabcdeijlmnoosty';
    const random = (length: number) =>
      Array.from({ length }, () => letters[Math.floor(next() * letters.length)]!).join('');
    let checked = 0;
    for (let round = 0; round < 3000; round++) {
      const word = random(3 + Math.floor(next() * 4));
      const budget = editBudget(word);
      const beginnings = likelyBeginnings(word);
      // Candidates near the word: random edits of it, and random words of about its length.
      const candidates = [random(word.length - 2 + Math.floor(next() * 5))];
      for (let e = 0; e < 20; e++) {
        let candidate = word;
        for (let edits = 1 + Math.floor(next() * budget); edits > 0; edits--) {
          const at = Math.floor(next() * (candidate.length + 1));
          const kind = Math.floor(next() * 4);
          const letter = letters[Math.floor(next() * letters.length)]!;
          if (kind === 0) candidate = candidate.slice(0, at) + letter + candidate.slice(at);
          else if (kind === 1) candidate = candidate.slice(0, at) + candidate.slice(at + 1);
          else if (kind === 2) candidate = candidate.slice(0, at) + letter + candidate.slice(at + 1);
          else if (at + 1 < candidate.length)
            candidate = candidate.slice(0, at) + candidate[at + 1] + candidate[at] + candidate.slice(at + 2);
        }
        candidates.push(candidate);
      }
      for (const candidate of candidates) {
        if (candidate.length === 0 || editDistance(word, candidate, budget) > budget) continue;
        for (const prefix of beginnings.filter((p) => candidate.startsWith(p))) {
          const [shortest, longest] = beginningLengths(word, prefix);
          expect(candidate.length, `${candidate} for ${word} in ${prefix}`).toBeGreaterThanOrEqual(shortest);
          expect(candidate.length, `${candidate} for ${word} in ${prefix}`).toBeLessThanOrEqual(longest);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('narrows a slip on the first letter of a short word to the lengths one edit allows', () => {
    expect(beginningLengths('joyl', 'j')).toEqual([3, 5]);
    expect(beginningLengths('joyl', 'kj')).toEqual([5, 5]);
    expect(beginningLengths('joyl', 'ko')).toEqual([4, 4]);
    expect(beginningLengths('oops', 'ko')).toEqual([4, 5]);
    expect(beginningLengths('jolyy', 'ko')).toEqual([3, 7]);
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
