import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { packOriginal, replaceBody, sourceOriginal, utf8Bytes } from '../../../main/archive/packedOriginal';
import { type ImportFacts, insertSources } from '../../../main/archive/sources';
import type { ParsedFile } from '../../../main/importers/article';
import type { ParsedSource } from '../../../main/importers/plainText';
import { prepareFile, storeParsedFiles } from '../../../main/importers/storeSources';
import { countWords } from '../../../shared/text';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 230));

function source(title: string, body: string, original: string): ParsedSource & ImportFacts {
  const facts: ImportFacts = { fileName: null };
  // A reference has no text, and is known by its metadata (migration 140).
  if (body === '') Object.assign(facts, { format: 'reference', contentHash: `reference:${title}` });
  return { title, body, original, outlet: null, author: null, publishedAt: null, url: null, language: 'en', ...facts };
}

/** Words enough that a body passes the 32 KB a deflate dictionary can reach back. */
function longText(words: number, seed: number): string {
  const vocabulary = ['policy', 'sécurité', 'budget', 'Arctic', 'ministère', 'naïve', '東京', '𝄞', 'report', 'the'];
  let state = seed;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out.push(vocabulary[state % vocabulary.length]!);
    if (i % 40 === 39) out.push('\n\n');
  }
  return out.join(' ');
}

describe('the original, packed against the body (migration 230)', () => {
  const cases: [string, string, string][] = [
    [
      'a text file',
      'Radar data over the Arctic, said the ministry.',
      'Radar\n\nRadar data over the Arctic, said the ministry.',
    ],
    [
      'a web page',
      'Le ministère a publié le rapport. La sécurité reste une priorité.',
      '<html><head><title>Rapport</title><script>var x = "</p>";</script></head><body><p>Le ministère a publié le rapport.</p>\n<p>La sécurité reste une priorité.</p></body></html>',
    ],
    ['a reference without text', '', 'TY  - RPRT\nTI  - Annual report\nER  - '],
    ['an original the body shares nothing with', 'alpha beta gamma', '\u0000\u0001 ☃ 𝄞 \r\n\t'],
    ['a long report', longText(9000, 7), `Title line\n\n${longText(9000, 7)}\n\nCredits`],
    ['lone surrogates, as JavaScript strings may hold them', 'body \ud800 text', 'orig \udc00 body \ud800 text'],
  ];

  it('stores every original packed and reads it back exactly, a lone surrogate as U+FFFD', () => {
    const { db } = tempArchive();
    const outcomes = insertSources(
      db,
      cases.map(([title, body, original]) => source(title, body, original)),
    );
    outcomes.forEach((outcome, i) => {
      if (outcome.kind !== 'inserted') throw new Error(`case ${i} not inserted`);
      const [, , original] = cases[i]!;
      const row = db
        .prepare('SELECT original, original_packed AS packed FROM sources WHERE id = ?')
        .get(outcome.id) as { original: string; packed: Buffer | null };
      expect(row.original).toBe('');
      expect(row.packed).toBeInstanceOf(Buffer);
      expect(sourceOriginal(db, outcome.id)).toBe(original.toWellFormed());
      expect(db.prepare('SELECT body FROM sources WHERE id = ?').pluck().get(outcome.id)).toBe(
        cases[i]![1].toWellFormed(),
      );
    });
  });

  it('costs a text file a few bytes beyond what its body already holds', () => {
    const body = longText(3000, 3);
    const packed = packOriginal(`A title\n\n${body}`, body);
    expect(packed.length).toBeLessThan(Buffer.byteLength(body) / 20);
    // An exact copy of its bytes: a view into a pooled buffer would be sent to the writer whole.
    expect(packed.byteOffset).toBe(0);
    expect(packed.buffer.byteLength).toBe(packed.length);
  });

  it('is prepared outside the write by the import pipeline, and stored as prepared', () => {
    const { db } = tempArchive();
    const parsed: ParsedFile = {
      title: 'Prepared',
      body: 'The text of a prepared file.',
      original: 'Prepared\n\nThe text of a prepared file.',
      outlet: null,
      author: null,
      publishedAt: null,
      url: null,
      language: 'en',
      format: 'txt',
      pageStarts: null,
    };
    const prepared = prepareFile(parsed, 'prepared.txt');
    expect(prepared.facts.originalPacked).toEqual(packOriginal(parsed.original, parsed.body));
    // What crosses to the writer's thread: the body's UTF-8 and the packed original, no text twice.
    expect(prepared.parsed).not.toHaveProperty('original');
    expect(prepared.parsed).not.toHaveProperty('body');
    expect(Buffer.from(prepared.facts.bodyUtf8).toString('utf8')).toBe(parsed.body);
    const [outcome] = storeParsedFiles(db, [prepared]);
    if (outcome?.kind !== 'imported') throw new Error('not imported');
    expect(sourceOriginal(db, outcome.id)).toBe(parsed.original);
    expect(db.prepare('SELECT body FROM sources WHERE id = ?').pluck().get(outcome.id)).toBe(parsed.body);
  });

  it('stores a body handed over as its UTF-8 as the same text, searchable, its original read back', () => {
    const { db } = tempArchive();
    const asText = cases.map(([title, body, original]) => source(title, body, original));
    const asBytes = cases.map(([title, body, original]) => ({
      ...source(`${title} (bytes)`, '', ''),
      ...(body === '' ? { format: 'reference' as const, contentHash: `reference:${title} (bytes)` } : {}),
      bodyUtf8: utf8Bytes(body),
      originalPacked: packOriginal(original, utf8Bytes(body)),
      // As a worker hands it over: neither text is sent; the hash and count were made there.
      ...(body === '' ? {} : { contentHash: `bytes:${title}`, wordCount: countWords(body) }),
    }));
    const text = insertSources(db, asText);
    const bytes = insertSources(db, asBytes);
    const stored = db.prepare('SELECT typeof(body) AS type, body, word_count FROM sources WHERE id = ?');
    cases.forEach(([, body, original], i) => {
      const [a, b] = [text[i], bytes[i]].map((o) => (o?.kind === 'inserted' ? o.id : Number.NaN)) as [number, number];
      expect(stored.get(b)).toEqual(stored.get(a));
      expect(stored.get(b)).toMatchObject({ type: 'text', body: body.toWellFormed() });
      expect(sourceOriginal(db, b)).toBe(original.toWellFormed());
    });
    const ranked = db.prepare("SELECT count(*) FROM sources_fts WHERE sources_fts MATCH 'priorité'").pluck().get();
    expect(ranked).toBe(2);
    // An empty body is still only a reference's.
    const empty = { ...source('Empty', '', ''), format: 'txt' as const, contentHash: 'empty' };
    expect(() => insertSources(db, [{ ...empty, bodyUtf8: new Uint8Array(0) }])).toThrow(/only a reference/);
  });

  it('refuses a new body that would leave the packed original unreadable', () => {
    const { db } = tempArchive();
    const [outcome] = insertSources(db, [source('Kept', 'The first body.', 'Kept\n\nThe first body.')]);
    if (outcome?.kind !== 'inserted') throw new Error('not inserted');
    expect(() => db.prepare("UPDATE sources SET body = 'Another body.' WHERE id = ?").run(outcome.id)).toThrow(
      /packed against the body/,
    );
    // Packed again with the new body, the change goes in, and the original reads back.
    replaceBody(db, outcome.id, 'Another body.');
    expect(db.prepare('SELECT body FROM sources WHERE id = ?').pluck().get(outcome.id)).toBe('Another body.');
    expect(sourceOriginal(db, outcome.id)).toBe('Kept\n\nThe first body.');
    // An original that shares nothing with either body packs to the same bytes against both.
    const [apart] = insertSources(db, [source('Apart', 'alpha', 'zzz')]);
    if (apart?.kind !== 'inserted') throw new Error('not inserted');
    expect(packOriginal('zzz', 'beta')).toEqual(packOriginal('zzz', 'alpha'));
    replaceBody(db, apart.id, 'beta');
    expect(sourceOriginal(db, apart.id)).toBe('zzz');
    // Metadata edits never touch it.
    db.prepare("UPDATE sources SET title = 'Renamed' WHERE id = ?").run(outcome.id);
    expect(sourceOriginal(db, outcome.id)).toBe('Kept\n\nThe first body.');
  });

  it('migrates an older archive without rewriting its rows, whose originals still read back', () => {
    const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
    migrate(db, PREVIOUS);
    const legacy = db
      .prepare(
        `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count)
         VALUES ('Old', 'An old body.', 'Old\n\nAn old body.', 'h1', '2025-01-01T00:00:00.000Z', 3) RETURNING id`,
      )
      .pluck()
      .get() as number;
    migrate(db, 230);
    expect(schemaVersion(db)).toBe(230);
    expect(MIGRATIONS.find((m) => m.version === 230)?.name).toBe('packed-originals');
    expect(db.prepare('SELECT original_packed FROM sources WHERE id = ?').pluck().get(legacy)).toBeNull();
    expect(sourceOriginal(db, legacy)).toBe('Old\n\nAn old body.');
    // An unpacked row may still have its body replaced; a row may not hold both forms.
    db.prepare("UPDATE sources SET body = 'A corrected body.' WHERE id = ?").run(legacy);
    expect(() =>
      db
        .prepare('UPDATE sources SET original_packed = ? WHERE id = ?')
        .run(packOriginal('x', 'A corrected body.'), legacy),
    ).toThrow(/CHECK/);
    expect(sourceOriginal(db, 999)).toBeNull();
    db.close();
  });
});
