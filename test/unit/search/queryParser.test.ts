import { describe, expect, it } from 'vitest';
import { MAX_PHRASE_WORDS, MAX_QUERY_TERMS, NOTICES, parseQuery } from '../../../main/search/queryParser';

describe('parseQuery', () => {
  it('requires every word (implicit AND), each as a quoted FTS5 string', () => {
    expect(parseQuery('Five Eyes')).toEqual({ fts: '"Five" AND "Eyes"', terms: ['Five', 'Eyes'], notice: null });
  });

  it('keeps exact phrases together', () => {
    expect(parseQuery('"five eyes" alliance')).toEqual({
      fts: '"five eyes" AND "alliance"',
      terms: ['five eyes', 'alliance'],
      notice: null,
    });
  });

  it('turns word* into a prefix search, and ignores a lone *', () => {
    expect(parseQuery('intellig* *')).toEqual({ fts: '"intellig"*', terms: ['intellig'], notice: null });
    expect(parseQuery('"five ey"*').fts).toBe('"five ey"*');
    expect(parseQuery('***')).toEqual({ fts: null, terms: [], notice: null });
  });

  it('binds OR to the terms on either side of it', () => {
    expect(parseQuery('Japan OR Korea pact').fts).toBe('("Japan" OR "Korea") AND "pact"');
    expect(parseQuery('a OR b OR c').fts).toBe('("a" OR "b" OR "c")');
    // Lower-case "or" is a word; a stray OR is dropped.
    expect(parseQuery('this or that').fts).toBe('"this" AND "or" AND "that"');
    expect(parseQuery('OR Japan OR').fts).toBe('"Japan"');
    expect(parseQuery('AND OR').fts).toBe('"AND"');
  });

  it('attaches exclusions to the positive part with a binary NOT', () => {
    expect(parseQuery('Joly -Tokyo')).toEqual({ fts: '("Joly") NOT ("Tokyo")', terms: ['Joly'], notice: null });
    expect(parseQuery('-"South Korea" Joly -Japan pact').fts).toBe(
      '("Joly" AND "pact") NOT ("South Korea" OR "Japan")',
    );
  });

  it('explains that exclusions alone match nothing', () => {
    expect(parseQuery('-Japan -"South Korea"')).toEqual({ fts: null, terms: [], notice: NOTICES.exclusionsOnly });
  });

  it('treats FTS5 syntax typed by the user as words', () => {
    expect(parseQuery('NEAR ( a b ) title: Japan NOT x AND y ^z +w').fts).toBe(
      '"NEAR" AND "a" AND "b" AND "title" AND "Japan" AND "NOT" AND "x" AND "AND" AND "y" AND "z" AND "w"',
    );
    // Punctuation inside a word splits it the way the indexed text was split: into a phrase.
    expect(parseQuery('NEAR(a b) title:Japan').fts).toBe('"NEAR a" AND "b" AND "title Japan"');
  });

  it('keeps letters, digits, apostrophes and hyphens, splitting at anything else', () => {
    expect(parseQuery("U.S. Canada's intelligence-sharing C$2.3").fts).toBe(
      '"U S" AND "Canada\'s" AND "intelligence-sharing" AND "C 2 3"',
    );
    expect(parseQuery('Mélanie').terms).toEqual(['Mélanie']);
    expect(parseQuery('Me\u0301lanie').terms).toEqual(['Mélanie']);
    expect(parseQuery("' - -- ''").fts).toBeNull();
  });

  it('closes an unbalanced quote, treating the rest as a phrase', () => {
    expect(parseQuery('Joly "five eyes')).toEqual({
      fts: '"Joly" AND "five eyes"',
      terms: ['Joly', 'five eyes'],
      notice: NOTICES.unbalancedQuote,
    });
    expect(parseQuery('"').notice).toBe(NOTICES.unbalancedQuote);
  });

  it(`caps the query at ${MAX_QUERY_TERMS} terms`, () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const parsed = parseQuery(words.join(' '));
    expect(parsed.terms).toEqual(words.slice(0, MAX_QUERY_TERMS));
    expect(parsed.fts?.split(' AND ')).toHaveLength(MAX_QUERY_TERMS);
    expect(parsed.notice).toBe(NOTICES.tooManyTerms);
  });

  it(`shortens a phrase to ${MAX_PHRASE_WORDS} words`, () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    const parsed = parseQuery(`"${words.join(' ')}"* Japan`);
    expect(parsed.fts).toBe(`"${words.slice(0, MAX_PHRASE_WORDS).join(' ')}" AND "Japan"`);
    expect(parsed.notice).toBe(NOTICES.longPhrase);
  });

  it('treats control characters as spaces', () => {
    expect(parseQuery('Five\u0000Eyes\u0007\u001b').fts).toBe('"Five" AND "Eyes"');
  });

  it('never throws and only emits quoted strings', () => {
    const hostile = [
      '',
      ' ',
      '"',
      '""',
      "'",
      '-',
      '*',
      '***',
      'NEAR(',
      'col:',
      'AND OR',
      '(((',
      ')',
      '{a b}:c',
      '\u0000',
    ];
    for (const input of [...hostile, 'x'.repeat(10_000), '"a'.repeat(3000), '\ud800 lone surrogate']) {
      const parsed = parseQuery(input);
      if (parsed.fts !== null) expect(parsed.fts).toMatch(/^[("]/);
    }
  });
});
