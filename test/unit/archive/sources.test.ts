import { afterEach, describe, expect, it } from 'vitest';
import { contentHash, countSources, getSource, insertSource, listSources } from '../../../main/archive/sources';
import type { ParsedSource } from '../../../main/importers/plainText';
import { SourceDetail, SourceSummary } from '../../../shared/source';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

function source(body: string, title = 'A title'): ParsedSource & { fileName: string | null } {
  return {
    title,
    outlet: null,
    author: null,
    publishedAt: null,
    url: 'https://example.org/a',
    language: 'en',
    body,
    original: body,
    fileName: null,
  };
}

describe('sources', () => {
  it('inserts, reads back and lists sources in the shared shapes', () => {
    const { db } = tempArchive();
    const a = insertSource(db, { ...source('One two three.'), fileName: 'a.txt', publishedAt: '2023-04-13' });
    const b = insertSource(db, source('Four five, six-seven.', 'Second'));
    expect(a.kind).toBe('inserted');
    expect(b.kind).toBe('inserted');
    if (a.kind !== 'inserted' || b.kind !== 'inserted') return;

    const detail = getSource(db, a.id);
    expect(SourceDetail.parse(detail)).toEqual(detail);
    expect(detail).toMatchObject({
      id: a.id,
      title: 'A title',
      publishedAt: '2023-04-13',
      url: 'https://example.org/a',
      language: 'en',
      wordCount: 3,
      body: 'One two three.',
    });
    expect(Date.parse(detail!.importedAt)).not.toBeNaN();

    const list = listSources(db);
    expect(list.map((s) => s.id)).toEqual([b.id, a.id]);
    for (const summary of list) {
      expect(SourceSummary.strict().parse(summary)).toEqual(summary);
      expect(summary).not.toHaveProperty('body');
    }
    expect(getSource(db, b.id)?.wordCount).toBe(3);
    expect(countSources(db)).toBe(2);
  });

  it('returns null for an unknown id', () => {
    const { db } = tempArchive();
    expect(getSource(db, 12345)).toBeNull();
  });

  it('stores a text once: differences of spacing, case or accents make a duplicate', () => {
    const { db } = tempArchive();
    const first = insertSource(db, source('Mélanie Joly met  Park Jin.\n\nThey talked.'));
    if (first.kind !== 'inserted') throw new Error('expected an insert');
    expect(insertSource(db, source('MELANIE JOLY met Park Jin.\n\n\n\n  They talked.  '))).toEqual({
      kind: 'duplicate',
      duplicateOf: first.id,
    });
    expect(insertSource(db, source('Mélanie Joly met Park Jin. They talked more.')).kind).toBe('inserted');
    expect(countSources(db)).toBe(2);
  });

  it('hashes the folded, whitespace-normalised body', () => {
    expect(contentHash('A  b\r\nc')).toBe(contentHash('a b\nC'));
    expect(contentHash('a b')).not.toBe(contentHash('a c'));
    expect(contentHash('x')).toMatch(/^[0-9a-f]{64}$/);
  });
});
