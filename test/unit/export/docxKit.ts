import { XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { SerializedNode } from '../../../shared/briefDocument';
import { formatCitationRuns } from '../../../shared/citation';
import type { CitationRun } from '../../../shared/csl/citationFormat';
import type { CitationFields } from '../../../shared/source';
import { docxParts } from '../../support/docxReaders';

// Shared by the DOCX exporter's tests: fixtures written as the Lexical editor saves them (extra
// fields and all), and readers of the produced package.

export const NOW = new Date('2024-03-05T14:30:00.000Z');

export const GLOBE: CitationFields = {
  title: 'Housing starts fall to lowest level in three years',
  outlet: 'The Globe and Mail',
  author: 'Jane Tremblay',
  publishedAt: '2024-02-15',
  url: 'https://example.ca/housing-starts',
};
export const CMHC: CitationFields = {
  title: 'Rental Market Report',
  outlet: 'Canada Mortgage and Housing Corporation',
  author: null,
  publishedAt: '2024-01-31',
  url: null,
};

export const block = (
  type: string,
  children: SerializedNode[],
  extra: Record<string, unknown> = {},
): SerializedNode => ({
  type,
  version: 1,
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  textStyle: '',
  ...extra,
  children,
});

export const text = (value: string, format = 0): SerializedNode => ({
  type: 'text',
  version: 1,
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
});

export const excerpt = (sourceId: number, source: CitationFields, quote: string): SerializedNode => ({
  type: 'precis-excerpt',
  version: 1,
  sourceId,
  quote,
  anchor: { exact: quote, prefix: 'The report says ', suffix: ' last month.', start: 120, end: 120 + quote.length },
  source,
});

export const citation = (sourceId: number, source: CitationFields): SerializedNode => ({
  type: 'precis-citation',
  version: 1,
  sourceId,
  source,
  anchor: null,
});

// ---------------------------------------------------------------------------------------------
// Readers of the produced package.

export type Parts = Record<string, string>;

/** Every XML part of the package, by path. */
export const xmlParts: (bytes: Uint8Array) => Parts = docxParts;

export function expectAllXmlValid(parts: Parts): void {
  expect(Object.keys(parts)).toEqual(expect.arrayContaining(['word/document.xml', 'word/footnotes.xml']));
  for (const [name, xml] of Object.entries(parts)) {
    expect({ name, valid: XMLValidator.validate(xml) }).toEqual({ name, valid: true });
  }
}

export function decodeXml(xml: string): string {
  return xml.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return String.fromCodePoint(code);
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity.toLowerCase()] ?? '';
  });
}

/** The text of the w:t elements in an XML fragment, decoded. */
export function runText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => decodeXml(match[1]!)).join('');
}

export function footnoteReferenceIds(documentXml: string): number[] {
  return [...documentXml.matchAll(/<w:footnoteReference w:id="(-?\d+)"\/>/g)].map((match) => Number(match[1]));
}

/** Content footnotes (not the separators) by id, with their text. */
export function footnoteTexts(footnotesXml: string): Map<number, string> {
  const notes = new Map<number, string>();
  for (const match of footnotesXml.matchAll(/<w:footnote\b([^>]*)>([\s\S]*?)<\/w:footnote>/g)) {
    const attributes = match[1]!;
    if (/w:type=/.test(attributes)) continue;
    notes.set(Number(/w:id="(-?\d+)"/.exec(attributes)![1]), runText(match[2]!));
  }
  return notes;
}

/** Paragraph style of the paragraph whose text contains `needle`. */
export function styleOfParagraphWith(documentXml: string, needle: string): string | null {
  for (const match of documentXml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const body = match[1] ?? '';
    if (runText(body).includes(needle)) return /<w:pStyle w:val="([^"]+)"\/>/.exec(body)?.[1] ?? null;
  }
  throw new Error(`no paragraph contains ${needle}`);
}

/**
 * The first character XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE, U+FFFF, lone
 * surrogates), or U+FFFD, which is what a lone surrogate becomes when written as UTF-8.
 */
export function forbiddenCharacter(value: string): string | undefined {
  for (const char of value) {
    const code = char.codePointAt(0)!;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    const surrogate = code >= 0xd800 && code <= 0xdfff;
    if (control || surrogate || code === 0xfffe || code === 0xffff || code === 0xfffd) return `U+${code.toString(16)}`;
  }
  return undefined;
}

/** Citation runs as pandoc writes them in Markdown: italic runs between asterisks. */
export function asMarkdown(runs: readonly CitationRun[]): string {
  return runs.map((run) => (run.italic ? `*${run.text}*` : run.text)).join('');
}

/** A citation (Chicago, English) as pandoc reads it back from the Word file. */
export function citationMarkdown(source: CitationFields, form: 'full' | 'short' = 'full'): string {
  return asMarkdown(formatCitationRuns(source, form).runs);
}
