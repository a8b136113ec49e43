import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rankingPhrases } from '../../../main/search/exactRanking';
import { plainSnippet } from '../../../main/search/plainSnippet';
import { prng } from '../../support/prng';

/*
 * The snippet made from the body must be the one FTS5's snippet() makes (same window, same
 * marks, same ellipses), for plain text: compared on random bodies and queries against a real
 * FTS5 table with the archive's tokenizer.
 */

const WORDS = ['the', 'state', 'policy', 'foreign', 'government', 'governor', 'nuclear', 'a', 'b', 'water', 'joly'];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', ': ', '.\n\n', ' — ', ' “', '” ', '-', ' (', ') ', '’'];

function randomBody(next: () => number, most = 90, separators = SEPARATORS): string {
  const length = 1 + Math.floor(next() * most);
  let text = next() < 0.2 ? ' ' : '';
  for (let i = 0; i < length; i++) {
    const word = WORDS[Math.floor(next() * WORDS.length)]!;
    text += next() < 0.15 ? word[0]!.toUpperCase() + word.slice(1) : word;
    text += separators[Math.floor(next() * separators.length)]!;
  }
  return text;
}

function randomQuery(next: () => number): string {
  const parts: string[] = [];
  const count = 1 + Math.floor(next() * 3);
  for (let i = 0; i < count; i++) {
    const word = WORDS[Math.floor(next() * WORDS.length)]!;
    const kind = next();
    if (kind < 0.2) parts.push(`{title body} : "${word} ${WORDS[Math.floor(next() * WORDS.length)]!}"`);
    else if (kind < 0.35) parts.push(`{title body} : "${word.slice(0, 3)}"*`);
    else parts.push(`{title body} : "${word}"`);
  }
  return parts.join(next() < 0.5 ? ' OR ' : ' AND ');
}

describe('plainSnippet', () => {
  /** Compares plainSnippet with FTS5's snippet() on `cases` random bodies of up to `most` words. */
  function compareWithFts5(seed: number, cases: number, most: number, separators = SEPARATORS): void {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')");
    const next = prng(seed);
    const insert = db.prepare('INSERT INTO t (rowid, title, body) VALUES (?, ?, ?)');
    const snippet = db
      .prepare(
        "SELECT snippet(t, 1, char(57344), char(57345), '…', 24) FROM t WHERE t MATCH ? AND rowid = CAST(? AS INTEGER)",
      )
      .pluck();
    let compared = 0;
    for (let id = 1; compared < cases; id++) {
      const body = randomBody(next, most, separators);
      insert.run(id, 'Title', body);
      const query = randomQuery(next);
      const fts = snippet.get(query, id) as string | undefined;
      if (fts === undefined) continue;
      const ours = plainSnippet(body, rankingPhrases(query));
      expect(ours === '' ? fts.includes('\uE000') : ours, `${query}\n${JSON.stringify(body)}`).toBe(
        ours === '' ? false : fts,
      );
      compared++;
    }
  }

  it('is the snippet FTS5 makes, on 600 random plain bodies and queries', () => {
    compareWithFts5(2026_12_01, 600, 90);
  });

  // The window's tokens are walked from the nearest instance or sentence start before it (no
  // pass over the whole body): long bodies, and bodies with no sentence break at all.
  it('is the snippet FTS5 makes on long bodies, with and without sentence breaks', () => {
    compareWithFts5(2026_12_02, 200, 600);
    compareWithFts5(
      2026_12_03,
      200,
      600,
      SEPARATORS.filter((separator) => !/[.:]/.test(separator)),
    );
  });

  it('leaves text or phrases that are not plain to FTS5', () => {
    expect(plainSnippet('La sécurité du Canada', rankingPhrases('{title body} : "canada"'))).toBeNull();
    expect(plainSnippet('Canada', rankingPhrases('{title body} : "日本"'))).toBeNull();
    // Folded as FTS5 folds it, an accented word is plain: it may occur in plain text.
    expect(plainSnippet('Securite first.', rankingPhrases('{title body} : "sécurité"'))).toBe(
      '\uE000Securite\uE001 first.',
    );
    expect(plainSnippet('Canada and Japan', rankingPhrases('{title body} : "korea"'))).toBe('');
  });
});
