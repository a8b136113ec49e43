import { describe, expect, it } from 'vitest';
import { inferSourceKind, parseNames, shortTitle, toCslItem } from '../../../shared/csl/cslItem';
import { SOURCES } from './sources';

describe('the CSL-JSON of a source', () => {
  it('maps a newspaper article: author as family/given, the paper as container, date, URL', () => {
    expect(toCslItem('1', SOURCES.article)).toEqual({
      id: '1',
      type: 'article-newspaper',
      title: 'Housing starts fall to lowest level in three years',
      'title-short': 'Housing starts fall',
      author: [{ family: 'Tremblay', given: 'Jane' }],
      'container-title': 'The Globe and Mail',
      issued: { 'date-parts': [[2025, 2, 5]] },
      URL: 'https://example.ca/housing',
    });
  });

  it('maps a report signed by the body that issues it, named once', () => {
    expect(toCslItem('2', SOURCES.report)).toEqual({
      id: '2',
      type: 'report',
      title: 'Rental Market Report: Fall 2024',
      'title-short': 'Rental Market Report',
      author: [{ literal: 'Canada Mortgage and Housing Corporation' }],
      issued: { 'date-parts': [[2025, 1, 31]] },
    });
    // A person who wrote it is the author; the body is then its publisher.
    expect(toCslItem('2', { ...SOURCES.report, author: 'Luc Gagnon' })).toMatchObject({
      author: [{ family: 'Gagnon', given: 'Luc' }],
      publisher: 'Canada Mortgage and Housing Corporation',
    });
  });

  it('maps a web page with neither author nor date', () => {
    expect(toCslItem('3', SOURCES.web)).toEqual({
      id: '3',
      type: 'webpage',
      title: 'Arctic sovereignty explained',
      URL: 'https://example.org/arctic',
    });
  });

  it('maps a press release, a transcript and a personal communication with their genre in the note’s language', () => {
    expect(toCslItem('4', SOURCES.release)).toEqual({
      id: '4',
      type: 'article',
      genre: 'Press release',
      title: 'News release: Minister announces new housing funding',
      'title-short': 'Minister announces new housing',
      author: [{ literal: 'Finance Canada' }],
      issued: { 'date-parts': [[2025, 3, 1]] },
      URL: 'https://canada.ca/release',
    });
    expect(toCslItem('4', SOURCES.release, 'fr').genre).toBe('Communiqué de presse');
    expect(toCslItem('5', SOURCES.transcript, 'fr')).toEqual({
      id: '5',
      type: 'speech',
      genre: 'Transcription',
      title: 'Transcript of the Prime Minister’s remarks in Iqaluit',
      'title-short': 'Prime Minister’s remarks',
      publisher: 'Prime Minister’s Office',
      issued: { 'date-parts': [[2025, 3, 10]] },
    });
    expect(toCslItem('6', SOURCES.personal)).toEqual({
      id: '6',
      type: 'personal_communication',
      title: 'Email to the author',
      author: [{ family: 'Lavoie', given: 'Marie' }],
      issued: { 'date-parts': [[2025, 3, 12]] },
    });
  });

  it('reads the kind from the facts, and a stated kind wins', () => {
    const kinds = Object.fromEntries(Object.entries(SOURCES).map(([name, source]) => [name, inferSourceKind(source)]));
    expect(kinds).toEqual({
      article: 'newspaper-article',
      report: 'report',
      web: 'web-page',
      release: 'press-release',
      transcript: 'transcript',
      personal: 'personal-communication',
    });
    // A news outlet named after a place is still a newspaper.
    expect(inferSourceKind({ ...SOURCES.article, outlet: 'Radio-Canada', author: null })).toBe('newspaper-article');
    expect(inferSourceKind(SOURCES.article, 'report')).toBe('report');
  });

  it('parses bylines as people or organisations', () => {
    expect(parseNames('By Jane Tremblay and Luc Gagnon')).toEqual([
      { family: 'Tremblay', given: 'Jane' },
      { family: 'Gagnon', given: 'Luc' },
    ]);
    expect(parseNames('Tremblay, Jane')).toEqual([{ family: 'Tremblay', given: 'Jane' }]);
    expect(parseNames('Ludwig van Beethoven')).toEqual([
      { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' },
    ]);
    expect(parseNames('The Canadian Press')).toEqual([{ literal: 'The Canadian Press' }]);
    expect(parseNames('Statistics Canada')).toEqual([{ literal: 'Statistics Canada' }]);
    expect(parseNames(null)).toEqual([]);
  });

  it('shortens titles to their key words', () => {
    expect(shortTitle('Housing starts fall to lowest level in three years')).toBe('Housing starts fall');
    expect(shortTitle('Rental Market Report: Fall 2024')).toBe('Rental Market Report');
    expect(shortTitle('The state of the Arctic in 2025')).toBe('State of the Arctic');
    expect(shortTitle('Arctic sovereignty explained')).toBeUndefined();
  });

  it('keeps out the private-use characters that mark italics in citeproc’s output', () => {
    expect(toCslItem('7', { ...SOURCES.web, title: 'Arctic\uE000 sovereignty' }).title).toBe('Arctic sovereignty');
  });
});
