import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ftsTokens, isCountable } from '../../../main/search/ftsTokens';

/**
 * The exact-ranking index counts words with ftsTokens, so it must cut and fold text as FTS5's
 * tokenizer does (docs/search.md): here both read the same text and are compared word for word.
 */

function fts5Tokens(texts: string[]): string[][] {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = "unicode61 remove_diacritics 2");
           CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);`);
  const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
  db.transaction(() => {
    for (const [i, text] of texts.entries()) insert.run(i + 1, text);
  })();
  const out = texts.map((): string[] => []);
  // One pass: the vocabulary table has no index by document.
  for (const row of db.prepare('SELECT doc, term FROM v ORDER BY doc, offset').iterate() as Iterable<{
    doc: number;
    term: string;
  }>) {
    out[row.doc - 1]!.push(row.term);
  }
  db.close();
  return out;
}

describe('ftsTokens', () => {
  it('cuts and folds prose as FTS5 does', () => {
    const texts = [
      'Mélanie Joly à Montréal, l’été — “Ça va?” naïve CAFÉ ŒUVRE Straße ǅemal ½ x₂ U.S. co-op rock’n’roll',
      'Sécurité: l’OTAN et l’Arctique; 3.14 % — 2024-01-31, «guillemets» … ﬁn',
      'Ελληνικά ΆΈΉ άέή Русский ЙЁ йё Ukrainian ЇЄ 日本語のテキスト 한국어 텍스트 中文',
      'tabs\tand\nnew lines; under_score; hy-phen; apo’strophe; a.b.c',
    ];
    const expected = fts5Tokens(texts);
    for (const [i, text] of texts.entries()) expect(ftsTokens(text), text).toEqual(expected[i]);
  });

  it('agrees with FTS5 on every character it trusts, one by one', () => {
    const trusted: string[] = [];
    for (let code = 0x80; code < 0xd800; code++) {
      const char = String.fromCodePoint(code);
      if (isCountable(char)) trusted.push(`q${char}q ${char}x ${char}`);
    }
    expect(trusted.length).toBeGreaterThan(30_000);
    const expected = fts5Tokens(trusted);
    const wrong = trusted.filter((text, i) => JSON.stringify(ftsTokens(text)) !== JSON.stringify(expected[i]));
    expect(wrong.map((text) => text.codePointAt(1)!.toString(16))).toEqual([]);
  });

  it('does not trust characters outside the scripts checked', () => {
    expect(isCountable('plain English, “quoted” — and accented: é, ñ, ß')).toBe(true);
    expect(isCountable('emoji 🙂')).toBe(false);
    expect(isCountable('Devanagari हिन्दी')).toBe(false);
    expect(isCountable('e\u0301 combining')).toBe(false);
  });
});
