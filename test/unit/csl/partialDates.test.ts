import { describe, expect, it } from 'vitest';
import { type CitationSource, formatBibliography, formatCitation } from '../../../shared/citation';
import { readCitation } from '../../../shared/citationNode';
import { dateParts, toCslItem } from '../../../shared/csl/cslItem';
import { readExcerpt } from '../../../shared/excerpt';
import { citationFieldsOf } from '../../../shared/source';
import { SOURCES } from './sources';

// A source dated to its year or month only (a Zotero entry, a report's cover) must be cited with
// that year, or month and year: never "n.d." (« s. d. ») and never a day nobody gave.
const NBSP = '\u00a0';
const STYLES = ['chicago-fullnote-bibliography', 'apa'] as const;
const LANGUAGES = ['en', 'fr'] as const;
const UNDATED = /\bn\.\s?d\.|\bs\.[\s\u00a0]?d\./;
const MONTH = { en: 'March', fr: 'mars' } as const;
const dated = (kind: keyof typeof SOURCES, issued: string): CitationSource => ({
  ...SOURCES[kind],
  publishedAt: null,
  issued,
});
const allForms = (source: CitationSource, style: string, language: 'en' | 'fr') => [
  formatCitation(source, 'full', { page: 3 }, { style, language }),
  formatCitation(source, 'short', { page: 4 }, { style, language }),
  formatCitation(source, 'full', {}, { style, language }),
  formatBibliography([{ source }], { style, language })[0]!.text,
];

/** The numbers a citation prints: with no page asked for, anything but the year is a made-up day. */
const numbersIn = (text: string) => (text.match(/\d+/g) ?? []).map(Number);

describe('a source dated to its year or month', () => {
  it('maps to CSL date-parts exactly as precise as the source', () => {
    expect(dateParts('2024')).toEqual([2024]);
    expect(dateParts('2024-03')).toEqual([2024, 3]);
    expect(dateParts('2024-03-07')).toEqual([2024, 3, 7]);
    expect(dateParts('2024-13')).toBeNull();
    expect(dateParts(null)).toBeNull();
    expect(toCslItem('1', dated('report', '2024')).issued).toEqual({ 'date-parts': [[2024]] });
    expect(toCslItem('1', dated('report', '2024-03')).issued).toEqual({ 'date-parts': [[2024, 3]] });
    // A day, when there is one, is the date.
    expect(toCslItem('1', { ...SOURCES.report, issued: '2019' }).issued).toEqual({ 'date-parts': [[2025, 1, 31]] });
  });

  for (const style of STYLES)
    for (const language of LANGUAGES)
      for (const kind of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) {
        it(`${style}, ${language}, ${kind}: a year-only source prints its year, never "n.d." nor a month or day`, () => {
          const [first, later, unpaged, listed] = allForms(dated(kind, '2024'), style, language);
          // The first note and the Sources list always carry the date; a later Chicago note is short.
          for (const text of [first!, unpaged!, listed!]) expect(text).toMatch(/2024/);
          for (const text of [first!, later!, unpaged!, listed!]) {
            expect(text).not.toMatch(UNDATED);
            expect(text).not.toMatch(new RegExp(MONTH[language], 'i'));
          }
          expect(numbersIn(first!).filter((n) => n !== 2024)).toEqual([3]);
          expect(numbersIn(later!).filter((n) => n !== 2024)).toEqual([4]);
          for (const text of [unpaged!, listed!]) expect(numbersIn(text).every((n) => n === 2024)).toBe(true);
        });

        it(`${style}, ${language}, ${kind}: a year-month source prints its month and year wherever the style prints a month`, () => {
          const month = allForms(dated(kind, '2024-03'), style, language);
          // The same source with a full day: where the style writes its month, the partial date
          // writes its month too (APA's in-text citations give the year alone, for any date).
          const full = allForms({ ...SOURCES[kind], publishedAt: '2024-03-20', issued: null }, style, language);
          month.forEach((text, i) => {
            expect(text).not.toMatch(UNDATED);
            if (new RegExp(MONTH[language], 'i').test(full[i]!)) expect(text).toMatch(new RegExp(MONTH[language], 'i'));
            if (/2024/.test(full[i]!)) expect(text).toMatch(/2024/);
          });
          expect(numbersIn(month[0]!).filter((n) => n !== 2024)).toEqual([3]);
          expect(numbersIn(month[1]!).filter((n) => n !== 2024)).toEqual([4]);
          for (const text of [month[2]!, month[3]!]) expect(numbersIn(text).every((n) => n === 2024)).toBe(true);
          // Chicago's first note and every bibliography entry that dates the source name the month.
          if (style === 'chicago-fullnote-bibliography') expect(month[0]).toContain(`${MONTH[language]} 2024`);
        });
      }

  it('reads as the examples in docs/citations.md say', () => {
    const article = dated('article', '2024-03');
    const chicago = (language: 'en' | 'fr') =>
      formatCitation(article, 'full', { page: 3 }, { style: 'chicago-fullnote-bibliography', language });
    expect(chicago('en')).toBe(
      'Jane Tremblay, “Housing Starts Fall to Lowest Level in Three Years,” The Globe and Mail, March 2024, 3, https://example.ca/housing.',
    );
    expect(chicago('fr')).toBe(
      `Jane Tremblay, «${NBSP}Housing starts fall to lowest level in three years${NBSP}», The Globe and Mail, mars 2024, 3, https://example.ca/housing.`,
    );
    expect(formatCitation(dated('report', '2024'), 'full', { page: 3 }, { style: 'apa', language: 'fr' })).toBe(
      '(Canada Mortgage and Housing Corporation, 2024, p. 3)',
    );
    expect(formatBibliography([{ source: article }], { style: 'apa', language: 'fr' })[0]!.text).toBe(
      'Tremblay, J. (2024, mars). Housing starts fall to lowest level in three years. The Globe and Mail. https://example.ca/housing',
    );
  });
});

describe('the citation snapshot in node JSON', () => {
  const source = { id: 7, body: 'Starts fell sharply, the report says.', ...dated('report', '2024-03') };

  it('carries the partial date (excerpt version 3, citation version 2), and drops it beside a day', () => {
    expect(citationFieldsOf(source).issued).toBe('2024-03');
    expect(citationFieldsOf({ ...source, publishedAt: '2024-03-20' }).issued).toBeNull();
    expect(citationFieldsOf({ ...SOURCES.report }).issued).toBeNull();
  });

  it('reads older versions as having no partial date, and rejects a malformed one', () => {
    const anchor = { exact: 'Starts fell', prefix: '', suffix: ' sharply', start: 0, end: 11 };
    const old = { ...SOURCES.report };
    const v1Excerpt = { type: 'precis-excerpt', version: 1, sourceId: 7, quote: 'Starts fell', anchor, source: old };
    const v2Excerpt = { ...v1Excerpt, version: 2, display: 'block' };
    expect(readExcerpt(v1Excerpt)).toMatchObject({ version: 3, display: 'inline', source: { ...old, issued: null } });
    expect(readExcerpt(v2Excerpt)).toMatchObject({ version: 3, display: 'block', source: { ...old, issued: null } });
    const v3 = { ...v2Excerpt, version: 3, source: { ...old, publishedAt: null, issued: '2024' } };
    expect(readExcerpt(v3)?.source.issued).toBe('2024');
    expect(readExcerpt({ ...v3, source: { ...v3.source, issued: '2024-3' } })).toBeNull();
    const v1Citation = { type: 'precis-citation', version: 1, sourceId: 7, source: old, anchor: null };
    expect(readCitation(v1Citation)).toEqual({ ...v1Citation, version: 2, source: { ...old, issued: null } });
    const v2Citation = { ...v1Citation, version: 2, source: { ...old, publishedAt: null, issued: '2024-03' } };
    expect(readCitation(v2Citation)).toEqual(v2Citation);
  });
});
