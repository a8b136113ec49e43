import { describe, expect, it } from 'vitest';
import { highlightTerms } from '../../../renderer/reader/highlightTerms';
import { queryChips, withFilter, withoutChip } from '../../../renderer/search/queryChips';

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

describe('filter chips in the search box', () => {
  it('lists the filters of a query and removes one cleanly', () => {
    const query = 'joly outlet:"canadian press" after:2023-01-01 -tag:draft korea';
    const chips = queryChips(query);
    expect(chips.map((c) => c.label)).toEqual(['outlet: canadian press', 'after: 2023-01-01', '-tag: draft']);
    expect(withoutChip(query, chips[0]!)).toBe('joly after:2023-01-01 -tag:draft korea');
    expect(withFilter('joly', 'outlet', 'The Canadian Press')).toBe('joly outlet:"The Canadian Press"');
    expect(withFilter('joly outlet:Reuters', 'outlet', 'Reuters')).toBe('joly outlet:Reuters');
  });
});
