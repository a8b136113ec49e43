import { afterEach, describe, expect, it } from 'vitest';
import { type ImportFacts, insertSource, insertSources } from '../../../main/archive/sources';
import type { ParsedSource } from '../../../main/importers/plainText';
import { countWords, foldForComparison, normaliseWhitespace } from '../../../shared/text';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';
import { archiveEnginesPerFile } from '../team/support/engineArchive';
import { parsedSource } from '../team/support/parsedSource';
import { ENGINES } from '../team/support/teamFixture';

afterEach(cleanUpTemp);

const freshArchive = archiveEnginesPerFile();

function source(
  title: string,
  body: string,
  extra: Partial<ParsedSource & ImportFacts> = {},
): ParsedSource & ImportFacts {
  return {
    title,
    body,
    original: `${title}\n\n${body}`,
    outlet: 'Reuters',
    author: 'Jane Doe',
    publishedAt: '2024-01-31',
    url: null,
    language: 'en',
    fileName: `${title}.txt`,
    ...extra,
  };
}

describe('insertSources', () => {
  it('inserts a batch in order, reporting duplicates of the archive and within the batch', () => {
    const { db } = tempArchive();
    const first = insertSource(db, source('one', 'Radar data over the Arctic.'));
    if (first.kind !== 'inserted') throw new Error('expected an insert');
    const outcomes = insertSources(db, [
      source('two', 'Sonar data under the ice.'),
      source('one again', 'radar   DATA over the arctic.'),
      source('three', 'Lidar data from orbit.'),
      source('two again', 'Sonar data under the ice.'),
    ]);
    expect(outcomes[0]?.kind).toBe('inserted');
    expect(outcomes[1]).toEqual({ kind: 'duplicate', duplicateOf: first.id });
    expect(outcomes[2]?.kind).toBe('inserted');
    expect(outcomes[3]).toEqual({ kind: 'duplicate', duplicateOf: (outcomes[0] as { id: number }).id });
    const titles = db.prepare('SELECT title FROM sources ORDER BY id').pluck().all();
    expect(titles).toEqual(['one', 'two', 'three']);
    expect(db.prepare("SELECT rowid FROM sources_fts WHERE sources_fts MATCH 'lidar'").pluck().all()).toEqual([
      (outcomes[2] as { id: number }).id,
    ]);
  });

  it('stores exactly what insertSource stores', () => {
    const { db } = tempArchive();
    const head = insertSource(db, source('head', 'The first version of the story.'));
    const facts = { format: 'md' as const, pageStarts: [0, 10], clusterId: (head as { id: number }).id };
    const single = insertSource(db, source('a', 'Alpha text, here.', facts));
    const [batched] = insertSources(db, [source('a', 'Beta text, here.', facts)]);
    const row = (id: number) => {
      const {
        id: _,
        body: __,
        original: ___,
        original_packed: ______,
        content_hash: ____,
        imported_at: _____,
        ...rest
      } = db.prepare('SELECT * FROM sources WHERE id = ?').get(id) as Record<string, unknown>;
      return rest;
    };
    expect(row((batched as { id: number }).id)).toEqual(row((single as { id: number }).id));
  });

  it('splits batches larger than one statement can hold', () => {
    const { db } = tempArchive();
    const many = Array.from({ length: 2100 }, (_, i) => source(`t${i}`, `Body number ${i}.`));
    const outcomes = insertSources(db, many);
    expect(outcomes.filter((o) => o.kind === 'inserted')).toHaveLength(2100);
    expect(db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(2100);
  });

  it('rolls the whole batch back when one source is refused', () => {
    const { db } = tempArchive();
    expect(() =>
      insertSources(db, [source('ok', 'Fine text.'), source('bad', 'Bad date.', { publishedAt: 'April 13' })]),
    ).toThrow(/CHECK constraint failed/);
    expect(db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(0);
  });
});

// What the batch insert promises, through the archive interface of either engine (a folder's files
// are called at once and stored in call order). Statement batching and FTS5 segments are SQLite's own.
describe.each(ENGINES)('storing sources (%s)', (engine) => {
  const file = (title: string, body: string, extra: Partial<ParsedSource> = {}) =>
    parsedSource(body, { title, outlet: 'Reuters', author: 'Jane Doe', publishedAt: '2024-01-31', ...extra });

  it('stores in order, reporting duplicates of the archive and of files called just before', async () => {
    const { archive } = await freshArchive(engine);
    const first = await archive.importParsed(file('one', 'Radar data over the Arctic.'), 'one.txt');
    if (first.kind !== 'imported') throw new Error('expected an import');
    const outcomes = await Promise.all(
      [
        file('two', 'Sonar data under the ice.'),
        file('one again', 'radar   DATA over the arctic.'),
        file('three', 'Lidar data from orbit.'),
        file('two again', 'Sonar data under the ice.'),
      ].map((parsed) => archive.importParsed(parsed, 'a.txt')),
    );
    expect(outcomes[0]?.kind).toBe('imported');
    expect(outcomes[1]).toEqual({ kind: 'duplicate', duplicateOf: first.id });
    expect(outcomes[2]?.kind).toBe('imported');
    expect(outcomes[3]).toEqual({ kind: 'duplicate', duplicateOf: (outcomes[0] as { id: number }).id });
    expect((await archive.listSources()).map((s) => s.title)).toEqual(['three', 'two', 'one']);
    const found = await archive.search({ query: 'lidar', limit: 5, offset: 0 });
    expect(found.results.map((hit) => hit.id)).toEqual([(outcomes[2] as { id: number }).id]);
  });

  it('refuses a source whose date is not a date, and stores nothing of it', async () => {
    const { archive } = await freshArchive(engine);
    await expect(
      archive.importParsed(file('bad', 'Bad date.', { publishedAt: 'April 13' }), 'bad.txt'),
    ).rejects.toThrow(/check constraint/i);
    expect(await archive.count()).toBe(0);
    expect((await archive.importParsed(file('ok', 'Fine text.'), 'ok.txt')).kind).toBe('imported');
  });
});

// The previous, obviously correct implementations: the faster ones must give the same results,
// since the content hash of every stored source depends on them.
const reference = {
  normaliseWhitespace: (text: string) =>
    text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => line.replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  foldForComparison: (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase(),
  countWords: (text: string) => text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0,
};

describe('text helpers used by the content hash', () => {
  it('match their reference implementations on 100,000 random strings', () => {
    const pieces = [
      'a',
      'B',
      'é',
      'e\u0301',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\r',
      '\u00a0',
      '\u2003',
      '\u2028',
      '\u3000',
    ];
    pieces.push(
      '\ufeff',
      '\v',
      '\f',
      "'",
      '’',
      '-',
      '--',
      '9',
      '日',
      '𝐀',
      '\ud800',
      '\udc00',
      'İ',
      'ß',
      '.',
      'Σ',
      'ΑΣ ',
    );
    pieces.push('\u0301', '\u0327\u0300', 'ǅ', '\u0085', '\u1680', '\u200b', 'ﬁ', '한');
    let state = 12345;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let k = 0; k < 100_000; k++) {
      let text = '';
      const length = Math.floor(next() * 16);
      for (let j = 0; j < length; j++) text += pieces[Math.floor(next() * pieces.length)];
      expect(normaliseWhitespace(text), JSON.stringify(text)).toBe(reference.normaliseWhitespace(text));
      expect(foldForComparison(text), JSON.stringify(text)).toBe(reference.foldForComparison(text));
      expect(countWords(text), JSON.stringify(text)).toBe(reference.countWords(text));
    }
  });
});
