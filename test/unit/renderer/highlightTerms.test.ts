import { describe, expect, it } from 'vitest';
import { highlightTerms } from '../../../renderer/reader/highlightTerms';

const marked = (text: string, terms: string[]) =>
  highlightTerms(text, terms)
    .filter((part) => part.match)
    .map((part) => part.text);

describe('highlighting search terms in the reader', () => {
  it('marks whole words regardless of case and accents, and keeps the text intact', () => {
    const text = 'Mélanie Joly met MELANIE in Montréal; melanies are not Melanie.';
    expect(marked(text, ['melanie'])).toEqual(['Mélanie', 'MELANIE', 'Melanie']);
    expect(
      highlightTerms(text, ['melanie'])
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
    expect(marked('sécurité and securite', ['securite'])).toEqual(['sécurité', 'securite']);
  });

  it('marks phrases across punctuation and prefixes to the end of the word', () => {
    expect(marked('The Five Eyes alliance; five-eyes partners.', ['five eyes'])).toEqual(['Five Eyes', 'five-eyes']);
    expect(marked('intelligence-sharing and intelligent design', ['intellig*'])).toEqual([
      'intelligence',
      'intelligent',
    ]);
  });

  it('treats regular-expression characters in terms as text', () => {
    expect(marked('C++ (and C#) cost $2.3 billion', ['2.3', '(and', '$'])).toEqual(['and', '2.3']);
    expect(highlightTerms('plain', [])).toEqual([{ text: 'plain', match: false }]);
  });
});
