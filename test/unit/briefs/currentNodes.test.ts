import { describe, expect, it } from 'vitest';
import {
  CITATION_NODE_TYPE,
  readCitation,
  SerializedCitationV1,
  SerializedCitationV2,
} from '../../../shared/citationNode';
import {
  EXCERPT_NODE_TYPE,
  readExcerpt,
  SerializedExcerptV1,
  SerializedExcerptV2,
  SerializedExcerptV3,
} from '../../../shared/excerpt';

/*
 * readExcerpt and readCitation read the current version by hand before trying the schemas (zod is
 * slow in the page, where the CSP forbids its compiled parser). Whatever they are given, they must
 * answer exactly what the schemas alone answer: the same accepted values, with the same keys in
 * the same order, and null for the same inputs.
 */
function excerptBySchemas(json: unknown) {
  const v3 = SerializedExcerptV3.safeParse(json);
  if (v3.success) return v3.data;
  const v2 = SerializedExcerptV2.safeParse(json);
  if (v2.success) return { ...v2.data, version: 3, source: { ...v2.data.source, issued: null } };
  const v1 = SerializedExcerptV1.safeParse(json);
  return v1.success ? { ...v1.data, version: 3, display: 'inline', source: { ...v1.data.source, issued: null } } : null;
}

function citationBySchemas(json: unknown) {
  const v2 = SerializedCitationV2.safeParse(json);
  if (v2.success) return v2.data;
  const v1 = SerializedCitationV1.safeParse(json);
  return v1.success ? { ...v1.data, version: 2, source: { ...v1.data.source, issued: null } } : null;
}

const anchor = { exact: 'the words', prefix: 'before ', suffix: ' after', start: 120, end: 129 };
const source = {
  title: 'Talks on intelligence sharing',
  outlet: 'CanWire',
  author: null,
  publishedAt: '2025-02-27',
  url: 'https://example.org/a',
  issued: null,
};
const excerpt = {
  type: EXCERPT_NODE_TYPE,
  version: 3,
  sourceId: 12,
  quote: 'the words',
  anchor,
  source,
  display: 'block',
};
const citation = { type: CITATION_NODE_TYPE, version: 2, sourceId: 12, source, anchor };

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  '2024',
  '2024-03',
  '2024-13',
  '2025-02-27',
  '2025-2-27',
  0,
  1,
  -1,
  1.5,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  {},
  'inline',
  'block',
  EXCERPT_NODE_TYPE,
  CITATION_NODE_TYPE,
  2,
  3,
  4,
];

type Json = Record<string, unknown>;
const withValue = (object: Json, path: string[], value: unknown): Json => {
  const [key, ...rest] = path as [string, ...string[]];
  const copy = { ...object };
  if (rest.length > 0) copy[key] = withValue((object[key] ?? {}) as Json, rest, value);
  else if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
};
const pathsOf = (object: Json, prefix: string[] = []): string[][] =>
  Object.entries(object).flatMap(([key, value]) =>
    value !== null && typeof value === 'object'
      ? [[...prefix, key], ...pathsOf(value as Json, [...prefix, key])]
      : [[...prefix, key]],
  );

/** The valid node, and each of its fields (nested ones too) removed or set to each odd value, plus an extra key. */
function variantsOf(valid: Json): unknown[] {
  const variants: unknown[] = [valid, { ...valid, extra: 1 }, withValue(valid, ['source', 'extra'], 1), null, [], 'x'];
  for (const path of pathsOf(valid)) for (const value of ODD_VALUES) variants.push(withValue(valid, path, value));
  // Older versions, and older versions with the newer fields.
  for (const version of [1, 2, 3]) {
    variants.push({ ...valid, version });
    const { display: _display, ...noDisplay } = valid;
    variants.push({ ...noDisplay, version });
    const { issued: _issued, ...olderSource } = source;
    variants.push({ ...valid, version, source: olderSource });
  }
  return variants;
}

describe('reading the current node versions by hand', () => {
  it('answers what the excerpt schemas answer, for every variant of an excerpt', () => {
    const variants = variantsOf(excerpt);
    expect(variants.length).toBeGreaterThan(400);
    for (const variant of variants) {
      const expected = excerptBySchemas(variant);
      const read = readExcerpt(variant);
      expect(read, JSON.stringify(variant)).toEqual(expected);
      expect(JSON.stringify(read)).toBe(JSON.stringify(expected));
    }
  });

  it('answers what the citation schemas answer, for every variant of a citation (with and without an anchor)', () => {
    const variants = [...variantsOf(citation), ...variantsOf({ ...citation, anchor: null })];
    for (const variant of variants) {
      const expected = citationBySchemas(variant);
      const read = readCitation(variant);
      expect(read, JSON.stringify(variant)).toEqual(expected);
      expect(JSON.stringify(read)).toBe(JSON.stringify(expected));
    }
  });

  it('gives a copy holding only the known keys, never the stored object itself', () => {
    const stored = { ...excerpt, extra: 'kept out', source: { ...source, extra: 'kept out' } };
    const read = readExcerpt(stored);
    expect(read).not.toBe(stored);
    expect(read?.source).not.toBe(stored.source);
    expect(JSON.stringify(read)).not.toContain('kept out');
  });
});
