import { describe, expect, it } from 'vitest';
import { formatBibliography, formatCitation, formatCitationRuns } from '../../../shared/citation';
import { checkCitationStyle, readRuns } from '../../../shared/csl/citationFormat';
import { SOURCES } from './sources';

const NBSP = '\u00a0';
type Style = 'chicago-fullnote-bibliography' | 'apa';
/** A source's first note (page 3) and a later one (page 4) in a style and language. */
const notes = (source: keyof typeof SOURCES, style: Style, language: 'en' | 'fr') => [
  formatCitation(SOURCES[source], 'full', { page: 3 }, { style, language }),
  formatCitation(SOURCES[source], 'short', { page: 4 }, { style, language }),
];

describe('Chicago notes and bibliography, English (en-CA)', () => {
  const style = 'chicago-fullnote-bibliography';
  it('gives a full first note and a short later one (surname or organisation, short title, page; no Ibid.)', () => {
    expect(notes('article', style, 'en')).toEqual([
      'Jane Tremblay, “Housing Starts Fall to Lowest Level in Three Years,” The Globe and Mail, February 5, 2025, 3, https://example.ca/housing.',
      'Tremblay, “Housing Starts Fall,” 4.',
    ]);
    expect(notes('report', style, 'en')).toEqual([
      'Canada Mortgage and Housing Corporation, “Rental Market Report: Fall 2024,” January 31, 2025, 3.',
      'Canada Mortgage and Housing Corporation, “Rental Market Report,” 4.',
    ]);
    expect(notes('web', style, 'en')).toEqual([
      '“Arctic Sovereignty Explained,” n.d., 3, https://example.org/arctic.',
      '“Arctic Sovereignty Explained,” 4.',
    ]);
    expect(notes('release', style, 'en')).toEqual([
      'Finance Canada, “News Release: Minister Announces New Housing Funding,” Press release, March 1, 2025, 3, https://canada.ca/release.',
      'Finance Canada, “Minister Announces New Housing,” 4.',
    ]);
    expect(notes('transcript', style, 'en')).toEqual([
      '“Transcript of the Prime Minister’s Remarks in Iqaluit” (Transcript, Prime Minister’s Office, March 10, 2025), 3.',
      '“Prime Minister’s Remarks,” 4.',
    ]);
    expect(notes('personal', style, 'en')).toEqual([
      'Marie Lavoie, “Email to the Author,” March 12, 2025, 3.',
      'Lavoie, “Email to the Author,” March 12, 2025, 4.',
    ]);
  });

  it('italicises the newspaper, in runs the editor and Word both print', () => {
    const { runs } = formatCitationRuns(SOURCES.article, 'full', {}, { style });
    expect(runs.filter((run) => run.italic).map((run) => run.text)).toEqual(['The Globe and Mail']);
  });

  it('lists sources as its bibliography, by surname or title, graded ones with their grade', () => {
    const entries = formatBibliography(
      Object.values(SOURCES).map((source) => ({ source, grade: source === SOURCES.report ? 'B2' : null })),
      { style },
    );
    expect(entries.map((entry) => entry.text)).toEqual([
      '“Arctic Sovereignty Explained,” n.d. https://example.org/arctic.',
      'Canada Mortgage and Housing Corporation. “Rental Market Report: Fall 2024,” January 31, 2025. [B2]',
      'Finance Canada. “News Release: Minister Announces New Housing Funding.” Press release, March 1, 2025. https://canada.ca/release.',
      'Lavoie, Marie. “Email to the Author,” March 12, 2025.',
      '“Transcript of the Prime Minister’s Remarks in Iqaluit.” Transcript, March 10, 2025.',
      'Tremblay, Jane. “Housing Starts Fall to Lowest Level in Three Years.” The Globe and Mail, February 5, 2025. https://example.ca/housing.',
    ]);
  });
});

describe('Chicago notes and bibliography, French (fr-CA)', () => {
  const style = 'chicago-fullnote-bibliography';
  it('uses « » with no-break spaces, French dates and terms', () => {
    expect(notes('article', style, 'fr')).toEqual([
      `Jane Tremblay, «${NBSP}Housing starts fall to lowest level in three years${NBSP}», The Globe and Mail, 5 février 2025, 3, https://example.ca/housing.`,
      `Tremblay, «${NBSP}Housing starts fall${NBSP}», 4.`,
    ]);
    expect(notes('web', style, 'fr')).toEqual([
      `«${NBSP}Arctic sovereignty explained${NBSP}», s.${NBSP}d., 3, https://example.org/arctic.`,
      `«${NBSP}Arctic sovereignty explained${NBSP}», 4.`,
    ]);
    expect(notes('release', style, 'fr')[0]).toBe(
      `Finance Canada, «${NBSP}News release: Minister announces new housing funding${NBSP}», Communiqué de presse, 1 mars 2025, 3, https://canada.ca/release.`,
    );
  });
});

describe('APA 7th edition', () => {
  const style = 'apa';
  it('cites author and year with "p." in English, the same in every note', () => {
    expect(notes('article', style, 'en')).toEqual(['(Tremblay, 2025, p. 3)', '(Tremblay, 2025, p. 4)']);
    expect(notes('web', style, 'en')).toEqual([
      '(Arctic Sovereignty Explained, n.d., p. 3)',
      '(Arctic Sovereignty Explained, n.d., p. 4)',
    ]);
    expect(notes('personal', style, 'en')[0]).toBe('(M. Lavoie, personal communication, March 12, 2025, p. 3)');
  });

  it('cites in French with « p. », « s. d. » and French terms', () => {
    expect(notes('article', style, 'fr')).toEqual(['(Tremblay, 2025, p. 3)', '(Tremblay, 2025, p. 4)']);
    expect(notes('web', style, 'fr')[0]).toBe(`(Arctic sovereignty explained, s.${NBSP}d., p. 3)`);
    expect(notes('personal', style, 'fr')[0]).toBe('(M. Lavoie, communication personnelle, 12 mars 2025, p. 3)');
  });

  it('lists its references by author', () => {
    const entries = formatBibliography([{ source: SOURCES.article }, { source: SOURCES.report }], { style });
    expect(entries.map((entry) => entry.text)).toEqual([
      'Canada Mortgage and Housing Corporation. (2025). Rental Market Report: Fall 2024.',
      'Tremblay, J. (2025, February 5). Housing starts fall to lowest level in three years. The Globe and Mail. https://example.ca/housing',
    ]);
  });
});

describe('formatting within a time budget', () => {
  it('gives a note citeproc has not yet formatted as its title, pending, once the deadline is past', () => {
    const source = { ...SOURCES.article, title: 'A title formatted for the first time here' };
    const late = formatCitationRuns(source, 'full', {}, { deadline: 0 });
    expect(late).toEqual({ text: source.title, runs: [{ text: source.title }], pending: true });
    const done = formatCitationRuns(source, 'full', { page: 3 });
    expect(done.pending).toBeUndefined();
    // Formatted once, for one page, it serves every page with no citeproc run: the deadline no
    // longer matters.
    expect(formatCitationRuns(source, 'full', { page: 9 }, { deadline: 0 }).text).toBe(
      'Jane Tremblay, “A Title Formatted for the First Time Here,” The Globe and Mail, February 5, 2025, 9, https://example.ca/housing.',
    );
  });
});

describe('citeproc output and styles', () => {
  it('reads nested marks into runs', () => {
    expect(readRuns('a \uE000b \uE002c\uE003 d\uE001 e').runs).toEqual([
      { text: 'a ' },
      { text: 'b ', italic: true },
      { text: 'c' },
      { text: ' d', italic: true },
      { text: ' e' },
    ]);
  });

  it('accepts the built-in styles and refuses XML that is not a usable style', () => {
    expect(checkCitationStyle('<style xmlns="http://purl.org/net/xbiblio/csl" class="note">')).toMatch(
      /^Not a usable CSL style/,
    );
  });
});
