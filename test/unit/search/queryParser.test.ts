import { describe, expect, it } from 'vitest';
import { MAX_PHRASE_WORDS, MAX_QUERY_TERMS, NOTICES, parseQuery } from '../../../main/search/queryParser';

/** A title-or-body term as the parser writes it. */
const t = (literal: string) => `{title body} : ${literal}`;

describe('parseQuery', () => {
  it('requires every word (implicit AND), each a quoted FTS5 string on title and body', () => {
    expect(parseQuery('Five Eyes')).toMatchObject({
      fts: `${t('"Five"')} AND ${t('"Eyes"')}`,
      terms: ['Five', 'Eyes'],
      hasText: true,
      notice: null,
    });
  });

  it('keeps exact phrases together', () => {
    expect(parseQuery('"five eyes" alliance')).toMatchObject({
      fts: `${t('"five eyes"')} AND ${t('"alliance"')}`,
      terms: ['five eyes', 'alliance'],
      notice: null,
    });
  });

  it('turns word* into a prefix search (highlighted as word*), and ignores a lone *', () => {
    expect(parseQuery('intellig* *')).toMatchObject({ fts: t('"intellig"*'), terms: ['intellig*'], notice: null });
    expect(parseQuery('"five ey"*')).toMatchObject({ fts: t('"five ey"*'), terms: ['five ey*'] });
    expect(parseQuery('***')).toMatchObject({ fts: null, terms: [], searchable: false, notice: null });
  });

  it('binds OR to the terms on either side of it', () => {
    expect(parseQuery('Japan OR Korea pact').fts).toBe(`(${t('"Japan"')} OR ${t('"Korea"')}) AND ${t('"pact"')}`);
    expect(parseQuery('a OR b OR c').fts).toBe(`(${t('"a"')} OR ${t('"b"')} OR ${t('"c"')})`);
    // Lower-case "or" is a word; a stray OR is dropped.
    expect(parseQuery('this or that').fts).toBe(`${t('"this"')} AND ${t('"or"')} AND ${t('"that"')}`);
    expect(parseQuery('OR Japan OR').fts).toBe(t('"Japan"'));
    expect(parseQuery('AND OR').fts).toBe(t('"AND"'));
  });

  it('attaches exclusions to the positive part with a binary NOT', () => {
    expect(parseQuery('Joly -Tokyo')).toMatchObject({ fts: `(${t('"Joly"')}) NOT (${t('"Tokyo"')})`, terms: ['Joly'] });
    expect(parseQuery('-"South Korea" Joly -Japan pact').fts).toBe(
      `(${t('"Joly"')} AND ${t('"pact"')}) NOT (${t('"South Korea"')} OR ${t('"Japan"')})`,
    );
  });

  it('explains that exclusions alone match nothing', () => {
    expect(parseQuery('-Japan -"South Korea"')).toMatchObject({
      fts: null,
      searchable: false,
      notice: NOTICES.exclusionsOnly,
    });
  });

  it('treats FTS5 syntax typed by the user as words', () => {
    const fts = parseQuery('NEAR ( a b ) title: Japan NOT x AND y ^z +w').fts;
    expect(fts).toBe(
      ['NEAR', 'a', 'b', 'title', 'Japan', 'NOT', 'x', 'AND', 'y', 'z', 'w'].map((w) => t(`"${w}"`)).join(' AND '),
    );
    // Punctuation inside a word splits it the way the indexed text was split: into a phrase.
    expect(parseQuery('NEAR(a b) title:Japan foo:bar').fts).toBe(
      [t('"NEAR a"'), t('"b"'), t('"title Japan"'), t('"foo bar"')].join(' AND '),
    );
  });

  it('keeps letters, digits, apostrophes and hyphens, splitting at anything else', () => {
    expect(parseQuery("U.S. Canada's intelligence-sharing C$2.3").fts).toBe(
      [t('"U S"'), t('"Canada\'s"'), t('"intelligence-sharing"'), t('"C 2 3"')].join(' AND '),
    );
    expect(parseQuery('Mélanie').terms).toEqual(['Mélanie']);
    expect(parseQuery('Me\u0301lanie').terms).toEqual(['Mélanie']);
    expect(parseQuery("' - -- ''").fts).toBeNull();
  });

  it('closes an unbalanced quote, treating the rest as a phrase', () => {
    expect(parseQuery('Joly "five eyes')).toMatchObject({
      fts: `${t('"Joly"')} AND ${t('"five eyes"')}`,
      terms: ['Joly', 'five eyes'],
      notice: NOTICES.unbalancedQuote,
    });
    expect(parseQuery('"').notice).toBe(NOTICES.unbalancedQuote);
    expect(parseQuery('outlet:"canadian press').notice).toBe(NOTICES.unbalancedQuote);
  });

  it(`caps the query at ${MAX_QUERY_TERMS} terms, filters included`, () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const parsed = parseQuery(words.join(' '));
    expect(parsed.terms).toEqual(words.slice(0, MAX_QUERY_TERMS));
    expect(parsed.fts?.split(' AND ')).toHaveLength(MAX_QUERY_TERMS);
    expect(parsed.notice).toBe(NOTICES.tooManyTerms);
    expect(parseQuery('tag:a '.repeat(40)).notice).toBe(NOTICES.tooManyTerms);
  });

  it(`shortens a phrase to ${MAX_PHRASE_WORDS} words`, () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    const parsed = parseQuery(`"${words.join(' ')}"* Japan`);
    expect(parsed.fts).toBe(`${t(`"${words.slice(0, MAX_PHRASE_WORDS).join(' ')}"`)} AND ${t('"Japan"')}`);
    expect(parsed.notice).toBe(NOTICES.longPhrase);
  });

  it('treats control characters as spaces', () => {
    expect(parseQuery('Five\u0000Eyes\u0007\u001b').fts).toBe(`${t('"Five"')} AND ${t('"Eyes"')}`);
  });

  it('never throws and only emits quoted strings after a column filter', () => {
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
    for (const input of [
      ...hostile,
      'x'.repeat(10_000),
      '"a'.repeat(3000),
      '\ud800 lone surrogate',
      'outlet:'.repeat(50),
    ]) {
      const parsed = parseQuery(input);
      // Every user string sits in "…" right after one of our column filters.
      const outsideStrings = (parsed.fts ?? '').replace(/"(?:[^"]|"")*"\*?/g, 'S');
      expect(outsideStrings, JSON.stringify(input)).toMatch(/^[(){}: A-Za-zS]*$/);
      expect(
        outsideStrings.replace(/\{title body\} : S|outlet : S|author : S|language : S|AND|OR|NOT|[() ]/g, ''),
      ).toBe('');
    }
  });
});

describe('parseQuery filters', () => {
  it('makes outlet:, author: and lang: column filters, quoted values as phrases', () => {
    expect(parseQuery('outlet:"canadian press" pact')).toMatchObject({
      fts: `outlet : "canadian press" AND ${t('"pact"')}`,
      terms: ['pact'],
    });
    expect(parseQuery('author:Jol*').fts).toBe('author : "Jol"*');
    expect(parseQuery('Author: "Mélanie Joly"').fts).toBe('author : "Mélanie Joly"');
    expect(parseQuery('lang:fr').fts).toBe('language : "fr"');
    expect(parseQuery('lang:Français').fts).toBe('language : "fr"');
    expect(parseQuery('language:english').fts).toBe('language : "en"');
  });

  it('lists filters alone without ranking words', () => {
    expect(parseQuery('outlet:reuters')).toMatchObject({ hasText: false, searchable: true, terms: [] });
    expect(parseQuery('tag:arctic')).toMatchObject({ fts: null, hasText: false, searchable: true });
  });

  it('reads tag:, cluster:, after: and before: as SQL filters', () => {
    const parsed = parseQuery('pact tag:"Indo-Pacific" cluster:#12 after:2023-04 before:2024 -tag:draft -cluster:7');
    expect(parsed.fts).toBe(t('"pact"'));
    expect(parsed.filters).toEqual({
      after: '2023-04-01',
      before: '2024-01-01',
      tags: [[{ value: 'indo-pacific', prefix: false }]],
      excludedTags: [{ value: 'draft', prefix: false }],
      clusters: [[12]],
      excludedClusters: [7],
    });
    expect(parseQuery('-after:2020-01-01 -before:2019-05-06').filters).toMatchObject({
      after: '2019-05-06',
      before: '2020-01-01',
    });
  });

  it('joins filters of one kind with OR, and requires the rest when OR mixes kinds', () => {
    expect(parseQuery('outlet:reuters OR outlet:bloomberg').fts).toBe('(outlet : "reuters" OR outlet : "bloomberg")');
    expect(parseQuery('tag:a OR tag:b*').filters.tags).toEqual([
      [
        { value: 'a', prefix: false },
        { value: 'b', prefix: true },
      ],
    ]);
    const mixed = parseQuery('japan OR tag:x');
    expect(mixed.fts).toBe(t('"japan"'));
    expect(mixed.filters.tags).toEqual([[{ value: 'x', prefix: false }]]);
    expect(mixed.notice).toBe(NOTICES.mixedOr);
  });

  it('ignores invalid values with a notice', () => {
    expect(parseQuery('after:2023-02-30 pact')).toMatchObject({
      fts: t('"pact"'),
      notice: NOTICES.badDate('after:2023-02-30'),
    });
    expect(parseQuery('before:yesterday').notice).toBe(NOTICES.badDate('before:yesterday'));
    expect(parseQuery('before:2023-13').notice).toBe(NOTICES.badDate('before:2023-13'));
    expect(parseQuery('cluster:abc').notice).toBe(NOTICES.badCluster('cluster:abc'));
    expect(parseQuery('outlet:').notice).toBe(NOTICES.emptyValue('outlet:'));
    expect(parseQuery('outlet:"" x')).toMatchObject({ fts: t('"x"'), notice: NOTICES.emptyValue('outlet:""') });
    expect(parseQuery('lang:12').notice).toBe(NOTICES.emptyValue('lang:12'));
  });

  it('reads unknown name: prefixes, and filter names without a colon, as words', () => {
    expect(parseQuery('foo:bar').fts).toBe(t('"foo bar"'));
    expect(parseQuery('outlet tag').fts).toBe(`${t('"outlet"')} AND ${t('"tag"')}`);
  });

  it('remembers where each positive word is, for did-you-mean', () => {
    const query = 'Joyl "prime minster" -tokyo outlet:x intellig*';
    const words = parseQuery(query).words;
    expect(words.map((w) => w.word)).toEqual(['Joyl', 'prime', 'minster']);
    for (const w of words) expect(query.slice(w.start, w.end)).toBe(w.word);
  });
});
