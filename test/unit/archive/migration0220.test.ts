import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, type Db } from '../../../main/archive/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import { recordProvenance, refreshMetadata } from '../../../main/archive/provenance';
import { listSources, updateSource } from '../../../main/archive/sources';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 220));

/** The ids migration 220's table holds, and those shared/source.ts's needsReview picks from every source. */
function bothLists(db: Db): { table: number[]; rule: number[] } {
  const table = (
    db.prepare('SELECT source_id FROM sources_needing_review ORDER BY source_id').all() as {
      source_id: number;
    }[]
  ).map((row) => row.source_id);
  const rule = listSources(db)
    .filter((source) => source.needsReview)
    .map((source) => source.id)
    .sort((a, b) => a - b);
  return { table, rule };
}

const agree = (db: Db) => {
  const { table, rule } = bothLists(db);
  expect(table).toEqual(rule);
  return table;
};

/** A source as an older release stored it, with the evidence `found` (field → kind) recorded for it. */
function addSource(db: Db, fields: { title?: string; outlet?: string | null; published_at?: string | null }): number {
  const n = (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
  const row = db
    .prepare(
      `INSERT INTO sources (title, outlet, published_at, body, original, content_hash, imported_at, word_count)
       VALUES (?, ?, ?, ?, 'x', ?, '2025-01-01T00:00:00.000Z', 3) RETURNING id`,
    )
    .get(fields.title ?? `Source ${n}`, fields.outlet ?? null, fields.published_at ?? null, `body ${n}`, `h${n}`) as {
    id: number;
  };
  return row.id;
}

describe('migration 220 (the sources needing review, kept as a table)', () => {
  it('fills the table by the rule from what the archive holds, and every write keeps it so', () => {
    const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
    db.pragma('foreign_keys = ON');
    migrate(db, PREVIOUS);
    // Every state the rule tells apart, as sources stood before the table existed.
    const printed = addSource(db, { outlet: 'CanWire', published_at: '2025-02-27' });
    recordProvenance(db, printed, { title: 'headline', outlet: 'wire-header', publishedAt: 'wire-header' });
    const legacy = addSource(db, { outlet: 'Globe', published_at: '2025-01-01' });
    const noOutlet = addSource(db, { published_at: '2025-01-01' });
    const weakTitle = addSource(db, { outlet: 'Globe', published_at: '2025-01-01' });
    recordProvenance(db, weakTitle, { title: 'first-sentence' });
    const emptiedByHand = addSource(db, { outlet: null, published_at: '2025-01-01' });
    recordProvenance(db, emptiedByHand, { outlet: 'user' });
    const monthOnly = addSource(db, { outlet: 'Statistics Canada' });
    db.prepare("INSERT INTO reference_details (source_id, issued) VALUES (?, '2024-03')").run(monthOnly);
    const propertyDate = addSource(db, { outlet: 'Globe', published_at: '2019-05-05' });
    recordProvenance(db, propertyDate, { publishedAt: 'property-date' });

    migrate(db, 220);
    expect(schemaVersion(db)).toBe(220);
    expect(MIGRATIONS.find((m) => m.version === 220)?.name).toBe('sources-needing-review');
    expect(agree(db)).toEqual([noOutlet, weakTitle, propertyDate]);
    expect([printed, legacy, emptiedByHand, monthOnly].some((id) => bothLists(db).table.includes(id))).toBe(false);

    // A new source with nothing found for its outlet and date comes in needing review.
    const fresh = addSource(db, {});
    expect(agree(db)).toContain(fresh);
    // Edit details: the analyst's word on the fields saved.
    updateSource(db, fresh, { outlet: 'Le Devoir', publishedAt: '2025-03-01' });
    expect(agree(db)).not.toContain(fresh);
    updateSource(db, weakTitle, { reliability: 'B' });
    expect(agree(db)).toContain(weakTitle);
    updateSource(db, weakTitle, { title: 'A title given by hand' });
    expect(agree(db)).not.toContain(weakTitle);
    // A re-import with better evidence (a printed date replaces a file's property date).
    refreshMetadata(
      db,
      propertyDate,
      { title: 'x', outlet: null, author: null, publishedAt: '2019-05-01', language: null, url: null },
      { publishedAt: 'printed-date' },
    );
    expect(agree(db)).not.toContain(propertyDate);
    // A partial date removed, a day removed, evidence removed or rewritten: each by whatever path.
    db.prepare('DELETE FROM reference_details WHERE source_id = ?').run(monthOnly);
    expect(agree(db)).toContain(monthOnly);
    db.prepare("INSERT INTO reference_details (source_id, issued) VALUES (?, '2024')").run(monthOnly);
    expect(agree(db)).not.toContain(monthOnly);
    db.prepare('UPDATE sources SET published_at = NULL WHERE id = ?').run(legacy);
    expect(agree(db)).toContain(legacy);
    db.prepare("UPDATE source_provenance SET evidence = 'file-name' WHERE source_id = ? AND field = 'title'").run(
      printed,
    );
    expect(agree(db)).toContain(printed);
    db.prepare("DELETE FROM source_provenance WHERE source_id = ? AND field = 'title'").run(printed);
    expect(agree(db)).not.toContain(printed);
    // Evidence replacing the analyst's on a field left empty: the source needs review again.
    const replace = db.prepare(
      'INSERT OR REPLACE INTO source_provenance (source_id, field, evidence) VALUES (?, ?, ?)',
    );
    replace.run(emptiedByHand, 'outlet', 'meta-tag');
    expect(agree(db)).toContain(emptiedByHand);
    replace.run(emptiedByHand, 'outlet', 'user');
    expect(agree(db)).not.toContain(emptiedByHand);
    // Strong evidence for one field leaves a source on the list for another.
    replace.run(legacy, 'title', 'json-ld');
    expect(agree(db)).toContain(legacy);
    db.prepare("DELETE FROM source_provenance WHERE source_id = ? AND field = 'outlet'").run(emptiedByHand);
    expect(agree(db)).toContain(emptiedByHand);
    // A source deleted takes its row with it.
    db.prepare('DELETE FROM sources WHERE id = ?').run(noOutlet);
    expect(agree(db)).not.toContain(noOutlet);
    db.close();
  });
});
