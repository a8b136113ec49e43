import { describe, expect, it } from 'vitest';
import {
  briefPlainText,
  collectFootnoteSources,
  countBriefWords,
  type FootnoteMemo,
  type FootnoteSource,
  numberFootnotes,
  type SerializedBriefState,
  type SerializedNode,
} from '../../../shared/briefDocument';
import { formatCitation } from '../../../shared/citation';
import { readCitation } from '../../../shared/citationNode';
import type { CitationFields } from '../../../shared/source';
import { titleBlockNode } from '../../../shared/titleBlock';

const GLOBE: CitationFields = {
  title: 'Housing starts fall to lowest level in three years',
  outlet: 'The Globe and Mail',
  author: 'Jane Tremblay',
  publishedAt: '2024-02-15',
  url: null,
};
const CMHC: CitationFields = {
  title: 'Rental Market Report',
  outlet: 'CMHC',
  author: null,
  publishedAt: null,
  url: null,
};

const excerpt = (sourceId: number, source: CitationFields, quote: string): SerializedNode => ({
  type: 'precis-excerpt',
  version: 1,
  sourceId,
  quote,
  anchor: { exact: quote, prefix: '', suffix: '', start: 0, end: quote.length },
  source,
});
const citation = (sourceId: number, source: CitationFields): SerializedNode => ({
  type: 'precis-citation',
  version: 1,
  sourceId,
  source,
  anchor: null,
});
const text = (value: string): SerializedNode => ({ type: 'text', text: value });
const paragraph = (...children: SerializedNode[]): SerializedNode => ({ type: 'paragraph', children });

const note: SerializedBriefState = {
  root: {
    type: 'root',
    children: [
      titleBlockNode({ for: 'The Minister of Housing' }),
      { type: 'heading', tag: 'h2', children: [text('Purpose')] },
      paragraph(text('Starts are down'), citation(1, GLOBE), text(', and '), excerpt(2, CMHC, 'rents are up')),
      paragraph(
        text('Builders agree:'),
        { type: 'linebreak' },
        excerpt(1, GLOBE, 'costs are high'),
        { type: 'precis-citation', version: 1, sourceId: 2 },
        citation(2, CMHC),
      ),
    ],
  },
};

describe('footnotes', () => {
  it('come from excerpts and citations alike, in document order, skipping unreadable ones', () => {
    const sources = collectFootnoteSources(note);
    expect(sources.map((node) => [node.type, node.sourceId])).toEqual([
      ['precis-citation', 1],
      ['precis-excerpt', 2],
      ['precis-excerpt', 1],
      ['precis-citation', 2],
    ]);
  });

  it('cite a source in full the first time, by citation or excerpt, and briefly after', () => {
    const footnotes = numberFootnotes(collectFootnoteSources(note));
    expect(footnotes.map((f) => [f.number, f.text])).toEqual([
      [1, formatCitation(GLOBE, 'full')],
      [2, formatCitation(CMHC, 'full')],
      [3, formatCitation(GLOBE, 'short')],
      [4, formatCitation(CMHC, 'short')],
    ]);
    expect(footnotes[0]!.node).toEqual(readCitation(citation(1, GLOBE)));
  });

  it('with a memo, number and format exactly as without, as footnotes move, change form and gain pages or grades', () => {
    const memo: FootnoteMemo = new WeakMap();
    const sources = collectFootnoteSources(note);
    const [globe, cmhc, globeAgain, cmhcAgain] = sources as [
      FootnoteSource,
      FootnoteSource,
      FootnoteSource,
      FootnoteSource,
    ];
    const texts = (list: readonly FootnoteSource[], facts = {}, format = {}) => {
      const kept = numberFootnotes(list, facts, format, memo);
      expect(kept).toEqual(numberFootnotes(list, facts, format));
      return kept.map((f) => f.text);
    };
    const first = texts(sources);
    // Formatted once: the same runs come back for an unchanged footnote.
    expect(numberFootnotes(sources, {}, {}, memo)[1]!.runs).toBe(numberFootnotes(sources, {}, {}, memo)[1]!.runs);
    // A later citation of the Globe moved first: it becomes the full one, the first the short one.
    expect(texts([globeAgain, cmhc, globe, cmhcAgain])).toEqual([first[0], first[1], first[2], first[3]]);
    expect(texts([cmhc, globe, cmhcAgain])[2]).toBe(formatCitation(CMHC, 'short'));
    texts(sources, { grades: new Map([[1, 'B2']]) });
    texts(sources, { issued: new Map([[2, '2023']]) });
    texts(sources, {}, { style: 'apa' });
    texts(sources, {}, { language: 'fr' });
  });
});

describe('plain text and word count', () => {
  it('read the prose and quotations, one block a line, without the title block or citations', () => {
    expect(briefPlainText(note)).toBe(
      'Purpose\nStarts are down, and “rents are up”\nBuilders agree:\n“costs are high”',
    );
    expect(countBriefWords(note)).toBe(13);
  });

  it('show a block excerpt without quotation marks, as the editor does', () => {
    const blockQuote = { ...excerpt(2, CMHC, 'Rents rose.'), version: 2, display: 'block' };
    const state = { root: { type: 'root', children: [{ type: 'quote', children: [blockQuote] }] } };
    expect(briefPlainText(state)).toBe('Rents rose.');
  });

  it('survive nodes that are not objects', () => {
    const odd = {
      root: { type: 'root', children: [null, paragraph(text('one two'), 7 as unknown as SerializedNode)] },
    };
    expect(countBriefWords(odd as SerializedBriefState)).toBe(2);
  });
});
