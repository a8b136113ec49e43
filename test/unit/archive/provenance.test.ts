import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../../main/archive/seed';
import { getSource, listSources, listSourcesNeedingReview, updateSource } from '../../../main/archive/sources';
import { importBuffer } from '../../../main/importers/importBuffer';
import { cleanUpTemp, copyOfSeeds, SEEDS_DIR, tempArchive } from '../support/tempArchive';

afterEach(cleanUpTemp);

const SEEDS_BEFORE = JSON.parse(
  readFileSync(new URL('../../fixtures/metadata/seeds.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, unknown>>;

const wire = (title: string) =>
  new TextEncoder().encode(
    [
      'CanWire -- 2025-02-27 14:12 ET',
      title,
      'By Tom Henderson',
      'OTTAWA — The federal government is weighing tariffs on steel imports, officials said on Thursday.',
      'The minister is expected to announce a decision next week after consultations with industry.',
      '-30-',
    ].join('\n\n'),
  );

async function imported(db: Parameters<typeof importBuffer>[0], name: string, bytes: Uint8Array): Promise<number> {
  const outcome = await importBuffer(db, name, bytes);
  if (outcome.kind !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
  return outcome.id;
}

describe('metadata provenance', () => {
  it('records where each field came from, and how strong that is', async () => {
    const { db } = tempArchive();
    const id = await imported(db, 'steel.txt', wire('Ottawa weighs retaliatory tariffs on steel imports'));
    expect(getSource(db, id)).toMatchObject({
      title: 'Ottawa weighs retaliatory tariffs on steel imports',
      outlet: 'CanWire',
      author: 'Tom Henderson',
      publishedAt: '2025-02-27',
      needsReview: false,
      provenance: {
        title: { from: 'headline', strength: 'medium' },
        outlet: { from: 'wire-header', strength: 'strong' },
        author: { from: 'byline', strength: 'strong' },
        publishedAt: { from: 'wire-header', strength: 'strong' },
        language: { from: 'text', strength: 'medium' },
        url: { from: 'none', strength: 'none' },
      },
    });
    expect(getSource(db, id)!.body).not.toMatch(/CanWire|-30-|By Tom/);
  });

  it('lists the sources whose title, date or outlet rests on weak evidence or none', async () => {
    const { db } = tempArchive();
    const strong = await imported(db, 'steel.txt', wire('Ottawa weighs retaliatory tariffs on steel imports'));
    const weak = await imported(
      db,
      'clipping.txt',
      new TextEncoder().encode(
        'The committee heard from twelve witnesses over three days, and it said the gaps remain serious.',
      ),
    );
    expect(getSource(db, weak)).toMatchObject({
      needsReview: true,
      provenance: { title: { from: 'first-sentence', strength: 'weak' }, publishedAt: { strength: 'none' } },
    });
    expect(listSourcesNeedingReview(db).map((s) => s.id)).toEqual([weak]);
    expect(listSources(db).find((s) => s.id === strong)?.needsReview).toBe(false);

    // Saving the details is the analyst's word on every field: the source leaves the list.
    updateSource(db, weak, { title: 'Committee hearings', publishedAt: '2025-01-10', outlet: null });
    expect(getSource(db, weak)).toMatchObject({
      needsReview: false,
      provenance: {
        title: { from: 'user' },
        publishedAt: { from: 'user' },
        outlet: { from: 'user', strength: 'strong' },
      },
    });
    expect(listSourcesNeedingReview(db)).toEqual([]);
  });

  it("corrects weak metadata on re-import, but never the analyst's edits", async () => {
    const { db } = tempArchive();
    const bytes = wire('Ottawa weighs retaliatory tariffs on steel imports');
    const id = await imported(db, 'steel.txt', bytes);
    // As an older release might have stored it: a derived title and no date.
    db.prepare("UPDATE sources SET title = 'Ottawa', published_at = NULL WHERE id = ?").run(id);
    db.prepare("UPDATE source_provenance SET evidence = 'first-sentence' WHERE source_id = ? AND field = 'title'").run(
      id,
    );
    db.prepare("DELETE FROM source_provenance WHERE source_id = ? AND field = 'publishedAt'").run(id);
    updateSource(db, id, { author: 'T. Henderson' });

    expect(await importBuffer(db, 'steel-again.txt', bytes)).toEqual({ kind: 'duplicate', duplicateOf: id });
    expect(getSource(db, id)).toMatchObject({
      title: 'Ottawa weighs retaliatory tariffs on steel imports',
      publishedAt: '2025-02-27',
      author: 'T. Henderson',
      provenance: { title: { from: 'headline' }, publishedAt: { from: 'wire-header' }, author: { from: 'user' } },
    });
  });

  it('keeps the seeds’ metadata as it was before evidence was recorded', async () => {
    const { db } = tempArchive();
    await seedIfEmpty(db, copyOfSeeds());
    const names = new Map(
      (db.prepare('SELECT id, file_name AS name FROM sources').all() as { id: number; name: string }[]).map((r) => [
        r.name,
        r.id,
      ]),
    );
    expect([...names.keys()].sort()).toEqual(readdirSync(SEEDS_DIR).sort());
    for (const [name, before] of Object.entries(SEEDS_BEFORE)) {
      const source = getSource(db, names.get(name)!)!;
      const { bodyLength, ...fields } = before;
      expect({ name, ...source, bodyLength: source.body.length }).toMatchObject({ name, ...fields, bodyLength });
    }
  });
});
