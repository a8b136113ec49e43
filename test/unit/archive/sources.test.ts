import { afterEach, describe, expect, it } from 'vitest';
import { contentHash } from '../../../main/archive/sources';
import type { ParsedFile } from '../../../main/importers/article';
import { SourceDetail, SourceSummary } from '../../../shared/source';
import { cleanUpTemp } from '../support/tempArchive';
import { archiveEnginesPerFile, importedId } from '../team/support/engineArchive';
import { parsedSource } from '../team/support/parsedSource';
import { ENGINES } from '../team/support/teamFixture';

afterEach(cleanUpTemp);

const source = (body: string, title = 'A title'): ParsedFile =>
  parsedSource(body, { title, url: 'https://example.org/a' });

const freshArchive = archiveEnginesPerFile();

// The same tests against the embedded archive and a real PostgreSQL team archive (docs/team-archive.md).
describe.each(ENGINES)('sources (%s)', (engine) => {
  it('inserts, reads back and lists sources in the shared shapes', async () => {
    const { archive } = await freshArchive(engine);
    const a = await importedId(archive, { ...source('One two three.'), publishedAt: '2023-04-13' });
    const b = await importedId(archive, source('Four five, six-seven.', 'Second'));

    const detail = await archive.getSource(a);
    expect(SourceDetail.parse(detail)).toEqual(detail);
    expect(detail).toMatchObject({
      id: a,
      title: 'A title',
      publishedAt: '2023-04-13',
      url: 'https://example.org/a',
      language: 'en',
      wordCount: 3,
      body: 'One two three.',
    });
    expect(Date.parse(detail!.importedAt)).not.toBeNaN();

    const list = await archive.listSources();
    expect(list.map((s) => s.id)).toEqual([b, a]);
    for (const summary of list) {
      expect(SourceSummary.strict().parse(summary)).toEqual(summary);
      expect(summary).not.toHaveProperty('body');
    }
    expect((await archive.getSource(b))?.wordCount).toBe(3);
    expect(await archive.count()).toBe(2);
  });

  it('returns null for an unknown id', async () => {
    const { archive } = await freshArchive(engine);
    expect(await archive.getSource(12345)).toBeNull();
  });

  it('stores a text once: differences of spacing, case or accents make a duplicate', async () => {
    const { archive } = await freshArchive(engine);
    const first = await importedId(archive, source('Mélanie Joly met  Park Jin.\n\nThey talked.'));
    expect(await archive.importParsed(source('MELANIE JOLY met Park Jin.\n\n\n\n  They talked.  '), 'b.txt')).toEqual({
      kind: 'duplicate',
      duplicateOf: first,
    });
    expect((await archive.importParsed(source('Mélanie Joly met Park Jin. They talked more.'), 'c.txt')).kind).toBe(
      'imported',
    );
    expect(await archive.count()).toBe(2);
  });
});

describe('content hash', () => {
  it('hashes the folded, whitespace-normalised body', () => {
    expect(contentHash('A  b\r\nc')).toBe(contentHash('a b\nC'));
    expect(contentHash('a b')).not.toBe(contentHash('a c'));
    expect(contentHash('x')).toMatch(/^[0-9a-f]{64}$/);
  });
});
