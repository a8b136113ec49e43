import { describe, expect, it } from 'vitest';
import { sentenceAt } from '../../../../renderer/reader/sentences';

const text = 'Canada is part of the Five Eyes. Japan is not. “We will talk,” she said.';
const at = (offset: number, locale = 'en') => {
  const { start, end } = sentenceAt(text, offset, locale);
  return text.slice(start, end);
};

describe('the sentence at the caret in the reader', () => {
  it('is the sentence holding the caret, without the spaces around it', () => {
    expect(at(0)).toBe('Canada is part of the Five Eyes.');
    expect(at(10)).toBe('Canada is part of the Five Eyes.');
    expect(at(35)).toBe('Japan is not.');
    expect(at(text.length - 3)).toBe('“We will talk,” she said.');
  });

  it('keeps a caret just after a full stop in the sentence it ends', () => {
    expect(at('Canada is part of the Five Eyes.'.length)).toBe('Canada is part of the Five Eyes.');
    expect(at(text.length)).toBe('“We will talk,” she said.');
  });

  it('reads French sentences too', () => {
    const french = 'Le Canada fait partie du Groupe des cinq. Le Japon, non.';
    const { start, end } = sentenceAt(french, 45, 'fr');
    expect(french.slice(start, end)).toBe('Le Japon, non.');
  });
});
