import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../../main/archive/seed';
import type { SourceArchive } from '../../../main/archive/sourceArchive';
import { getSource } from '../../../main/archive/sources';
import { cleanUpTemp, copyOfSeeds, SEEDS_DIR, tempArchive } from '../support/tempArchive';
import { archiveEnginesPerFile, importBytes, importedBytes } from '../team/support/engineArchive';
import { ENGINES } from '../team/support/teamFixture';

afterEach(cleanUpTemp);
const freshArchive = archiveEnginesPerFile();

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

// The same tests against the embedded archive and a real PostgreSQL team archive (docs/team-archive.md).
describe.each(ENGINES)('metadata provenance (%s)', (engine) => {
  const needingReview = async (archive: SourceArchive) =>
    (await archive.listSources()).filter((source) => source.needsReview);

  it('records where each field came from, and how strong that is', async () => {
    const target = await freshArchive(engine);
    const id = await importedBytes(target, 'steel.txt', wire('Ottawa weighs retaliatory tariffs on steel imports'));
    const source = await target.archive.getSource(id);
    expect(source).toMatchObject({
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
    expect(source!.body).not.toMatch(/CanWire|-30-|By Tom/);
  });

  it('lists the sources whose title, date or outlet rests on weak evidence or none', async () => {
    const target = await freshArchive(engine);
    const { archive } = target;
    const strong = await importedBytes(target, 'steel.txt', wire('Ottawa weighs retaliatory tariffs on steel imports'));
    const weak = await importedBytes(
      target,
      'clipping.txt',
      'The committee heard from twelve witnesses over three days, and it said the gaps remain serious.',
    );
    expect(await archive.getSource(weak)).toMatchObject({
      needsReview: true,
      provenance: { title: { from: 'first-sentence', strength: 'weak' }, publishedAt: { strength: 'none' } },
    });
    expect((await needingReview(archive)).map((s) => s.id)).toEqual([weak]);
    expect((await archive.listSources()).find((s) => s.id === strong)?.needsReview).toBe(false);

    // Saving the details is the analyst's word on every field: the source leaves the list.
    const edit = { title: 'Committee hearings', publishedAt: '2025-01-10', outlet: null };
    expect((await archive.updateMetadata(weak, edit, (await archive.revisionOf(weak))!)).kind).toBe('updated');
    expect(await archive.getSource(weak)).toMatchObject({
      needsReview: false,
      provenance: {
        title: { from: 'user' },
        publishedAt: { from: 'user' },
        outlet: { from: 'user', strength: 'strong' },
      },
    });
    expect(await needingReview(archive)).toEqual([]);
  });

  it("corrects weak metadata on re-import, but never the analyst's edits", async () => {
    const target = await freshArchive(engine);
    const { archive } = target;
    const bytes = wire('Ottawa weighs retaliatory tariffs on steel imports');
    const id = await importedBytes(target, 'steel.txt', bytes);
    // As an older release might have stored it: a derived title and no date.
    await target.admin(
      {
        sqlite: "UPDATE sources SET title = 'Ottawa', published_at = NULL WHERE id = ?",
        postgres: `UPDATE sources SET title = 'Ottawa', published_at = NULL,
          provenance = jsonb_set(provenance - 'publishedAt', '{title}', '"first-sentence"') WHERE id = $1`,
      },
      [id],
    );
    if (target.db) {
      target.db
        .prepare("UPDATE source_provenance SET evidence = 'first-sentence' WHERE source_id = ? AND field = 'title'")
        .run(id);
      target.db.prepare("DELETE FROM source_provenance WHERE source_id = ? AND field = 'publishedAt'").run(id);
    }
    const edited = await archive.updateMetadata(id, { author: 'T. Henderson' }, (await archive.revisionOf(id))!);
    expect(edited.kind).toBe('updated');

    expect(await importBytes(target, 'steel-again.txt', bytes)).toEqual({ kind: 'duplicate', duplicateOf: id });
    expect(await archive.getSource(id)).toMatchObject({
      title: 'Ottawa weighs retaliatory tariffs on steel imports',
      publishedAt: '2025-02-27',
      author: 'T. Henderson',
      provenance: { title: { from: 'headline' }, publishedAt: { from: 'wire-header' }, author: { from: 'user' } },
    });
    // Corrected metadata is a new revision: an edit based on the one before is a conflict.
    expect(await archive.revisionOf(id)).toBeGreaterThan(edited.kind === 'updated' ? edited.revision : Infinity);
  });
});

// SQLite only: seeding is the local archive's first run.
describe('metadata provenance in the local archive', () => {
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
