import { describe, expect, it } from 'vitest';
import type { SerializedBriefState, SerializedNode } from '../../../shared/briefDocument';
import { anchorFor } from '../../../shared/excerpt';
import { checkBrief, checkQuote, MAX_REPLACED_WORDS, type QuoteCheck } from '../../../shared/quoteIntegrity';

const BODY =
  'Officials said the government will act quickly. “It’s a priority,” the Minister—who spoke in Ottawa—said on\u00a0 Tuesday.\n\n' +
  'Canada and Korea will share radar data over the Arctic, starting in 2025 … or later. The ﬁrst flights are planned for 2026.';

/** The source text a successful check points at, or the reason it failed. */
function found(quote: string, body = BODY, anchor?: Parameters<typeof checkQuote>[2]): string {
  const result: QuoteCheck = checkQuote(quote, body, anchor);
  return result.ok ? body.slice(result.start, result.end) : `FAIL: ${result.reason}`;
}

describe('checkQuote: what is not a difference', () => {
  it('accepts the exact words and gives their span in the source', () => {
    expect(checkQuote('the government will act quickly', BODY)).toEqual({
      ok: true,
      start: BODY.indexOf('the government'),
      end: BODY.indexOf('quickly') + 'quickly'.length,
    });
  });

  it('ignores spacing: runs, line and paragraph breaks, no-break spaces', () => {
    expect(found('said on Tuesday')).toBe('said on\u00a0 Tuesday');
    expect(found('on   Tuesday. Canada and')).toBe('on\u00a0 Tuesday.\n\nCanada and');
    expect(found('  will act\tquickly \n')).toBe('will act quickly');
  });

  it('treats curly and straight quotation marks and apostrophes alike, both ways', () => {
    expect(found('"It\'s a priority," the Minister')).toBe('“It’s a priority,” the Minister');
    expect(found('„It‛s a priority,‟')).toBe('“It’s a priority,”');
    const straight = 'He said "it\'s done" and left.';
    expect(found('“it’s done”', straight)).toBe('"it\'s done"');
    expect(found('″it′s done″', straight)).toBe('"it\'s done"');
  });

  it('treats every dash alike, spaced or not', () => {
    expect(found('the Minister - who spoke in Ottawa - said')).toBe('the Minister—who spoke in Ottawa—said');
    expect(found('the Minister–who spoke in Ottawa―said')).toBe('the Minister—who spoke in Ottawa—said');
    expect(found('a well‑known fact', 'It is a well-known fact.')).toBe('a well-known fact');
  });

  it('treats … and ... alike, and folds ligatures, accents and invisible characters', () => {
    expect(found('starting in 2025 ... or later')).toBe('starting in 2025 … or later');
    expect(found('The first flights')).toBe('The ﬁrst flights');
    expect(found('Montréal', 'Flights from Montre\u0301al resume.')).toBe('Montre\u0301al');
    expect(found('radar data', 'radar\u00ad da\u200bta')).toBe('radar\u00ad da\u200bta');
  });
});

describe('checkQuote: what the analyst may mark', () => {
  it('allows an omission marked […] or [...], across any gap, paragraphs included', () => {
    expect(found('the government will act […] the Minister')).toBe(
      'the government will act quickly. “It’s a priority,” the Minister',
    );
    expect(found('Officials said [...] radar data')).toMatch(/^Officials said .* radar data$/s);
    expect(found('Officials said [ . . . ] act quickly')).toBe('Officials said the government will act quickly');
  });

  it('allows a changed letter, "[T]he", and refuses the same change unmarked', () => {
    expect(found('[T]he government will act')).toBe('the government will act');
    expect(found('will act quickl[y]')).toBe('will act quickly');
    expect(found('The government will act')).toBe(
      'FAIL: The source writes “the”, not “The”; mark the change as “[T]he”.',
    );
  });

  it(`allows a bracketed replacement of up to ${MAX_REPLACED_WORDS} words, and insertions like [sic]`, () => {
    expect(found('[Canada] will share radar data')).toBe('will share radar data');
    expect(found('said [the Minister of Finance] will act quickly')).toBe('said the government will act quickly');
    expect(found('Officials [in Ottawa] said')).toBe('Officials said');
    expect(found('will act quickly [sic]')).toBe('will act quickly');
    expect(found('Officials [a] [b] the government')).toBe('Officials said the government');
    // More source words than a bracket may stand for.
    expect(found('Officials [X] act quickly')).toBe('Officials said the government will act quickly');
    expect(found('Officials [X] quickly')).toMatch(/^FAIL: /);
  });

  it('requires the same letter case outside brackets', () => {
    expect(found('THE GOVERNMENT will act')).toMatch(/^FAIL: The source writes “the”, not “THE”\.$/);
    expect(found('will Act quickly')).toBe('FAIL: The source writes “act”, not “Act”; mark the change as “[A]ct”.');
  });
});

describe('checkQuote: what is flagged, and why', () => {
  it('names the words that are not in the source', () => {
    expect(found('the government will act slowly')).toBe('FAIL: This word is not in the source: “slowly”.');
    expect(found('the government will never act very slowly')).toBe(
      'FAIL: These words are not in the source: “never”, “very slowly”.',
    );
  });

  it('refuses a quotation that starts or ends inside a word', () => {
    expect(found('overnment will act')).toBe(
      'FAIL: The quotation begins or ends inside a word of the source, which reads “government will act”.',
    );
    expect(found('radar dat')).toMatch(/^FAIL: The quotation begins or ends inside a word/);
    expect(found('in 202')).toMatch(/^FAIL: The quotation begins or ends inside a word/);
  });

  it('tells changed punctuation and word order apart', () => {
    expect(found('will act quickly. It’s a priority')).toBe(
      'FAIL: Punctuation differs from the source, which reads “will act quickly. “It’s a priority”.',
    );
    expect(found('act quickly the government')).toBe(
      'FAIL: The words are in the source, but not in this order or not together; mark each omission with […].',
    );
    expect(found('Officials said ... radar data')).toBe(
      'FAIL: The source has no “…” there; mark an omission with brackets: […].',
    );
  });

  it('refuses empty quotations and quotations with nothing to check', () => {
    expect(found('')).toBe('FAIL: The quotation is empty.');
    expect(found('  \n')).toBe('FAIL: The quotation is empty.');
    expect(found('[…]')).toBe('FAIL: The quotation has no words of the source in it.');
    expect(found('[sic]')).toBe('FAIL: The quotation has no words of the source in it.');
    expect(found('radar', '')).toBe('FAIL: This word is not in the source: “radar”.');
  });

  it('prefers the occurrence nearest the anchor', () => {
    const body = 'Act now. Then wait. Act now. Then wait. Act now.';
    const third = body.lastIndexOf('Act now');
    expect(checkQuote('Act now', body)).toEqual({ ok: true, start: 0, end: 7 });
    expect(checkQuote('Act now', body, anchorFor(body, third, third + 7))).toEqual({
      ok: true,
      start: third,
      end: third + 7,
    });
    // The anchor's offsets still help after the source was edited in front of the passage.
    const edited = `Preface. ${body}`;
    expect(checkQuote('Act now', edited, anchorFor(body, third, third + 7))).toMatchObject({ start: third + 9 });
  });

  it('stays fast on a long source and a quotation that is nowhere', () => {
    const long = 'the cat sat on the mat and '.repeat(20_000);
    const started = performance.now();
    expect(found('the […] the […] the […] dog', long)).toBe('FAIL: This word is not in the source: “dog”.');
    expect(found('the [x] the [y] the mat and the dog', long)).toMatch(/^FAIL: /);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('checkBrief', () => {
  const source = { title: 'T', outlet: null, author: null, publishedAt: null, url: null };
  const excerpt = (sourceId: number, quote: string): SerializedNode => ({
    type: 'precis-excerpt',
    version: 1,
    sourceId,
    quote,
    anchor: { exact: quote, prefix: '', suffix: '', start: 0, end: quote.length },
    source,
  });
  const citation = (sourceId: number): SerializedNode => ({
    type: 'precis-citation',
    version: 1,
    sourceId,
    source,
    anchor: null,
  });

  it('flags, in document order, each excerpt whose words are not its source’s, or whose source is gone', () => {
    const state: SerializedBriefState = {
      root: {
        type: 'root',
        children: [
          { type: 'paragraph', children: [excerpt(1, 'will act quickly'), citation(2), excerpt(1, 'will act slowly')] },
          { type: 'paragraph', children: [excerpt(2, 'radar data'), excerpt(3, 'anything')] },
        ],
      },
    };
    const bodies = new Map([
      [1, BODY],
      [2, 'No radar here.'],
    ]);
    const asked: number[] = [];
    const flags = checkBrief(state, (id) => {
      asked.push(id);
      return bodies.get(id) ?? null;
    });
    expect(flags).toMatchObject([
      {
        index: 1,
        footnote: 3,
        sourceId: 1,
        quote: 'will act slowly',
        reason: 'This word is not in the source: “slowly”.',
      },
      { index: 2, footnote: 4, sourceId: 2, quote: 'radar data', reason: 'This word is not in the source: “data”.' },
      {
        index: 3,
        footnote: 5,
        sourceId: 3,
        quote: 'anything',
        reason: 'The source of this quotation is no longer in the archive.',
      },
    ]);
    // Each source is read once, however often it is quoted.
    expect(asked).toEqual([1, 2, 3]);
  });

  it('finds nothing to flag in a note without excerpts', () => {
    expect(checkBrief({ root: { type: 'root', children: [citation(1)] } }, () => null)).toEqual([]);
  });
});
