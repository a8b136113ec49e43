import { describe, expect, it } from 'vitest';
import { queryChips, withFilter, withoutChip } from '../../../renderer/search/queryChips';

const labels = (query: string) => queryChips(query).map((chip) => chip.label);

describe('filter chips in the search box', () => {
  it('lists the filters of a query and removes one cleanly', () => {
    const query = 'joly outlet:"canadian press" after:2023-01-01 -tag:draft korea';
    const chips = queryChips(query);
    expect(chips.map((c) => c.label)).toEqual(['outlet: canadian press', 'after: 2023-01-01', '-tag: draft']);
    expect(withoutChip(query, chips[0]!)).toBe('joly after:2023-01-01 -tag:draft korea');
    expect(withFilter('joly', 'outlet', 'The Canadian Press')).toBe('joly outlet:"The Canadian Press"');
    expect(withFilter('joly outlet:Reuters', 'outlet', 'Reuters')).toBe('joly outlet:Reuters');
  });

  it('makes a chip of every filter search understands, aliases included', () => {
    expect(labels('arctic language:fr')).toEqual(['language: fr']);
    expect(labels('arctic by:"Jane Doe"')).toEqual(['by: Jane Doe']);
    expect(labels('arctic source:reuters')).toEqual(['source: reuters']);
    expect(labels('LANG:en Cluster:12 before:2024-01-01')).toEqual(['lang: en', 'cluster: 12', 'before: 2024-01-01']);
    // The same words the parser reads: a space after the colon, a prefix, a word that is no filter.
    expect(labels('outlet: reuters tag:hous* http://example.org')).toEqual(['outlet: reuters', 'tag: hous*']);
    // Inside a phrase, "outlet:x" is words, not a filter.
    expect(labels('"said outlet:reuters today"')).toEqual([]);
  });

  it('removes exactly the span of the chip, even when the same filter is written twice', () => {
    const query = 'tag:a joly   tag:a -"x" by:smith';
    const chips = queryChips(query);
    expect(chips.map((c) => c.label)).toEqual(['tag: a', 'tag: a', 'by: smith']);
    expect(withoutChip(query, chips[1]!)).toBe('tag:a joly -"x" by:smith');
    expect(withoutChip(query, chips[0]!)).toBe('joly   tag:a -"x" by:smith');
    expect(withoutChip(query, chips[2]!)).toBe('tag:a joly   tag:a -"x"');
    expect(withoutChip('outlet: "The Globe" korea', queryChips('outlet: "The Globe" korea')[0]!)).toBe('korea');
  });

  it('adds a filter once, recognising one already written another way', () => {
    expect(withFilter('joly source:Reuters', 'outlet', 'Reuters')).toBe('joly source:Reuters');
    expect(withFilter('joly -outlet:Reuters', 'outlet', 'Reuters')).toBe('joly -outlet:Reuters outlet:Reuters');
  });
});
