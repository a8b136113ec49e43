import { cpSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { listSources } from '../../../main/archive/sources';
import { importPaths } from '../../../main/importers/importPaths';
import { METADATA_FIELDS, type MetadataField, type SourceSummary } from '../../../shared/source';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';

afterAll(cleanUpTemp);

const CORPUS = fileURLToPath(new URL('../../fixtures/metadata/', import.meta.url));
type Expected = Record<MetadataField, string | null>;
const EXPECTED = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as Record<string, Expected>;
// Every file is given this modification time: a file-system date must never become a publication date.
const FILE_TIME = new Date('2021-07-15T12:00:00Z');
const TARGET = 0.95;

/** The metadata corpus (test/fixtures/metadata), imported through the real pipeline into a real archive. */
async function importCorpus(): Promise<Map<string, SourceSummary>> {
  const dir = join(tempDir(), 'corpus');
  cpSync(join(CORPUS, 'files'), dir, { recursive: true });
  for (const name of readdirSync(dir)) utimesSync(join(dir, name), FILE_TIME, FILE_TIME);
  const { db } = tempArchive();
  const report = await importPaths(db, [dir]);
  expect(report.failed).toEqual([]);
  expect(report.duplicates).toEqual([]);
  const names = new Map(
    (db.prepare('SELECT id, file_name AS name FROM sources').all() as { id: number; name: string }[]).map((row) => [
      row.id,
      row.name,
    ]),
  );
  return new Map(listSources(db).map((source) => [names.get(source.id)!, source]));
}

describe('metadata accuracy on the corpus of test/fixtures/metadata', () => {
  it(`reads each field right in at least ${TARGET * 100}% of documents, and never takes a file or today's date`, async () => {
    const sources = await importCorpus();
    const files = Object.keys(EXPECTED);
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect([...sources.keys()].sort()).toEqual([...files].sort());

    const misses: string[] = [];
    const accuracyOf = (sample: string[]) =>
      Object.fromEntries(
        METADATA_FIELDS.map((field) => {
          const right = sample.filter((file) => {
            const source = sources.get(file)!;
            // A month printed alone is read as that month ("2025-03"), kept apart from days.
            const actual = field === 'publishedAt' ? (source.publishedAt ?? source.issued ?? null) : source[field];
            const ok = actual === EXPECTED[file]![field];
            if (!ok && sample === files) {
              const want = JSON.stringify(EXPECTED[file]![field]);
              misses.push(`${file} ${field}: expected ${want}, got ${JSON.stringify(actual)}`);
            }
            return ok;
          }).length;
          return [field, right / sample.length];
        }),
      ) as Record<MetadataField, number>;
    const accuracy = accuracyOf(files);
    // Documents written after the rules were settled (heldout.mjs): how the rules do on text they were not shaped by.
    const heldOut = files.filter((file) => file.startsWith('heldout-'));
    const heldOutAccuracy = accuracyOf(heldOut);

    const today = new Date().toISOString().slice(0, 10);
    const forbidden = new Set([today, new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), '2021-07-15']);
    const fileDates = [...sources.values()].filter((s) => s.publishedAt !== null && forbidden.has(s.publishedAt));
    const flagged = [...sources.values()].filter((s) => s.needsReview).length;

    console.log(
      [
        `Metadata accuracy on ${files.length} documents:`,
        `  field        all (${files.length})  held out (${heldOut.length})`,
        ...METADATA_FIELDS.map(
          (field) =>
            `  ${field.padEnd(12)} ${(accuracy[field] * 100).toFixed(1).padStart(5)}%    ${(heldOutAccuracy[field] * 100).toFixed(1).padStart(5)}%`,
        ),
        `  file-system or today's date taken as publication date: ${fileDates.length}`,
        `  flagged for review: ${flagged}`,
        ...misses.map((miss) => `  miss: ${miss}`),
      ].join('\n'),
    );
    expect(fileDates).toEqual([]);
    for (const field of METADATA_FIELDS) expect(accuracy[field], `${field} accuracy`).toBeGreaterThanOrEqual(TARGET);
  });
});
