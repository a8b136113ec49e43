import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../../main/archive/seed';
import { getSetting } from '../../../main/archive/settings';
import { countSources, insertSource } from '../../../main/archive/sources';
import { cleanUpTemp, copyOfSeeds, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

describe('seedIfEmpty', () => {
  it('imports the samples once, and never again after the analyst deletes them', async () => {
    const { db } = tempArchive();
    const seeds = copyOfSeeds();

    const report = await seedIfEmpty(db, seeds);
    expect(report?.imported).toHaveLength(5);
    expect(report?.failed).toEqual([]);
    expect(countSources(db)).toBe(5);
    expect(getSetting(db, 'seeded')).not.toBeNull();

    expect(await seedIfEmpty(db, seeds)).toBeNull();
    expect(countSources(db)).toBe(5);

    db.prepare('DELETE FROM sources').run();
    expect(await seedIfEmpty(db, seeds)).toBeNull();
    expect(countSources(db)).toBe(0);
  });

  it('does not seed an archive that already has sources', async () => {
    const { db } = tempArchive();
    insertSource(db, {
      title: 'Mine',
      outlet: null,
      author: null,
      publishedAt: null,
      url: null,
      language: null,
      body: 'My own text.',
      original: 'My own text.',
      fileName: null,
    });
    expect(await seedIfEmpty(db, copyOfSeeds())).toBeNull();
    expect(countSources(db)).toBe(1);
  });

  it('tries again next time if the samples could not be read', async () => {
    const { db } = tempArchive();
    const missing = join(tempDir(), 'no-seeds-here');
    const report = await seedIfEmpty(db, missing);
    expect(report?.failed).toEqual([{ path: missing, error: 'no such file or folder' }]);
    expect(getSetting(db, 'seeded')).toBeNull();
    expect((await seedIfEmpty(db, copyOfSeeds()))?.imported).toHaveLength(5);
  });
});
