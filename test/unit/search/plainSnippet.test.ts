import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rankingPhrases } from '../../../main/search/matchPhrases';
import { plainSnippet } from '../../../main/search/plainSnippet';
import { prng } from '../../support/prng';

/*
 * The snippet made from the body must be the one FTS5's snippet() makes (same window, same
 * marks, same ellipses), for plain text: compared on random bodies and queries against a real
 * FTS5 table with the archive's tokenizer.
 */

const WORDS = ['the', 'state', 'policy', 'foreign', 'government', 'governor', 'nuclear', 'a', 'b', 'water', 'joly'];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', ': ', '.\n\n', ' — ', ' “', '” ', '-', ' (', ') ', '’'];

/** Words no query asks for: with `sparse`, the queried words are one in `sparse` of a body's. */
const FILLER = [
  'report',
  'minister',
  'budget',
  'ottawa',
  'x',
  'committee',
  'review',
  '2024',
  'intergovernmentalism',
  'telecommunications',
];

function randomBody(next: () => number, most = 90, separators = SEPARATORS, sparse = 1): string {
  const length = 1 + Math.floor(next() * most);
  let text = next() < 0.2 ? ' ' : '';
  for (let i = 0; i < length; i++) {
    const words = next() * sparse < 1 ? WORDS : FILLER;
    const word = words[Math.floor(next() * words.length)]!;
    text += next() < 0.15 ? word[0]!.toUpperCase() + word.slice(1) : word;
    text += separators[Math.floor(next() * separators.length)]!;
  }
  return text;
}

function randomQuery(next: () => number, body = ''): string {
  const parts: string[] = [];
  // A long phrase taken from the body itself (up to 40 words), so that it occurs.
  const tokens = body.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  if (tokens.length > 30 && next() < 0.1) {
    const length = 2 + Math.floor(next() * 39);
    const from = Math.floor(next() * Math.max(1, tokens.length - length));
    parts.push(`{title body} : "${tokens.slice(from, from + length).join(' ')}"`);
  }
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
  function compareWithFts5(seed: number, cases: number, most: number, separators = SEPARATORS, sparse = 1): void {
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
      const body = randomBody(next, most, separators, sparse);
      insert.run(id, 'Title', body);
      const query = randomQuery(next, sparse > 1 ? body : '');
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

  // Tokens are counted only near the instances and their sentence starts (a long stretch without
  // one counts as a bounded number of tokens): bodies of 2,000 words where one word in 150 is
  // queried, with phrases of up to 40 words, some of them longer than the window.
  it('is the snippet FTS5 makes when instances lie far apart in long bodies', () => {
    compareWithFts5(2026_12_04, 300, 2000, SEPARATORS, 150);
    compareWithFts5(
      2026_12_05,
      150,
      2000,
      SEPARATORS.filter((separator) => !/[.:]/.test(separator)),
      150,
    );
  });

  // The windows whose start lies farthest from the point it was found from: a window back from
  // the end (its start 23 tokens before the last one), and a phrase longer than the window
  // (centred, its start after the phrase's first word), each after a long stretch with no point.
  it('is the snippet FTS5 makes for windows far from every other point', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')");
    const snippet = db
      .prepare("SELECT snippet(t, 1, char(57344), char(57345), '…', 24) FROM t WHERE t MATCH ? AND rowid = 1")
      .pluck();
    const filler = (n: number) => Array.from({ length: n }, (_, i) => FILLER[i % 8]).join(' ');
    const long = filler(40).replace(/report/g, 'water');
    const cases: [string, string][] = [];
    for (const gap of [30, 47, 48, 49, 50, 55, 60, 80, 120]) {
      for (const tail of [0, 1, 5, 12, 22, 23]) {
        const end = `policy ${filler(tail)}`.trim();
        cases.push([`water ${filler(gap)} water ${end}`, '{title body} : "water" OR {title body} : "policy"']);
        cases.push([
          `Water. ${filler(gap)}. Water policy ${end}`,
          '{title body} : "water" AND {title body} : "policy"',
        ]);
      }
      cases.push([`policy ${filler(gap)} ${long} ${filler(gap)} policy`, `{title body} : "${long}"`]);
      cases.push([
        `${filler(gap)}. ${long} policy ${filler(gap)}`,
        `{title body} : "${long}" OR {title body} : "policy"`,
      ]);
    }
    for (const [body, query] of cases) {
      db.exec('DELETE FROM t');
      db.prepare('INSERT INTO t (rowid, title, body) VALUES (1, ?, ?)').run('Title', body);
      expect(plainSnippet(body, rankingPhrases(query)), `${query}\n${body}`).toBe(snippet.get(query));
    }
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
