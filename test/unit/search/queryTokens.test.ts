import { describe, expect, it } from 'vitest';
import { type Token, tokenize } from '../../../shared/queryTokens';
import { prng } from '../../support/prng';

/** Each token's span as typed, with what it is. */
const spans = (input: string) =>
  tokenize(input).tokens.map((token: Token) => [token.kind, input.slice(token.start, token.end)]);

describe('the query tokenizer’s positions', () => {
  it('spans each token as typed: its minus, quotes, filter name and trailing star', () => {
    const input = '  joly -"five eyes"* OR intellig*  outlet: "The Globe"  -by:smith language:fr -korea ';
    expect(spans(input)).toEqual([
      ['text', 'joly'],
      ['text', '-"five eyes"*'],
      ['or', 'OR'],
      ['text', 'intellig*'],
      ['filter', 'outlet: "The Globe"'],
      ['filter', '-by:smith'],
      ['filter', 'language:fr'],
      ['text', '-korea'],
    ]);
  });

  it('keeps where the words of a text token are, inside its quotes', () => {
    const input = 'a -"five eyes" "open';
    const [, phrase, open] = tokenize(input).tokens;
    if (phrase?.kind !== 'text' || open?.kind !== 'text') throw new Error('expected text tokens');
    expect(input.slice(phrase.textStart, phrase.textEnd)).toBe('five eyes');
    expect(input.slice(open.textStart, open.textEnd)).toBe('open');
    expect(input.slice(open.start, open.end)).toBe('"open');
  });

  it('reads aliases as the filter they stand for, keeping the name as typed', () => {
    const filters = tokenize('Language:fr source:reuters BY:"Jane Doe" tag:hous*').tokens.map((token) =>
      token.kind === 'filter' ? [token.name, token.typedName, token.value, token.prefix] : null,
    );
    expect(filters).toEqual([
      ['lang', 'Language', 'fr', false],
      ['outlet', 'source', 'reuters', false],
      ['author', 'BY', 'Jane Doe', false],
      ['tag', 'tag', 'hous', true],
    ]);
  });

  it('gives spans that are in order, never overlap, and never start or end on a space, whatever is typed', () => {
    const alphabet = ['a', 'é', ' ', '  ', '"', '-', '*', 'OR', 'outlet:', 'by:', 'tag:', ':', '\t', 'x y', '\u0000'];
    const random = prng(0x70c3);
    for (let n = 0; n < 2000; n++) {
      let input = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) input += alphabet[Math.floor(random() * alphabet.length)];
      let previousEnd = 0;
      for (const token of tokenize(input).tokens) {
        const where = JSON.stringify(input);
        expect(token.start, where).toBeGreaterThanOrEqual(previousEnd);
        expect(token.end, where).toBeGreaterThan(token.start);
        expect(token.end, where).toBeLessThanOrEqual(input.length);
        expect(input.slice(token.start, token.end), where).toBe(input.slice(token.start, token.end).trim());
        previousEnd = token.end;
      }
    }
  });
});
