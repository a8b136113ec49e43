import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../../main/archive/seed';
import { getSetting } from '../../../main/archive/settings';
import { countSources, insertSource } from '../../../main/archive/sources';
import { cleanUpTemp, copyOfSeeds, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

describe('seedIfEmpty', () => {
  it('imports the samples once, and never again after the analyst deletes them', () => {
    const { db } = tempArchive();
    const seeds = copyOfSeeds();

    const report = seedIfEmpty(db, seeds);
    expect(report?.imported).toHaveLength(5);
    expect(report?.failed).toEqual([]);
    expect(countSources(db)).toBe(5);
    expect(getSetting(db, 'seeded')).not.toBeNull();

    expect(seedIfEmpty(db, seeds)).toBeNull();
    expect(countSources(db)).toBe(5);

    db.prepare('DELETE FROM sources').run();
    expect(seedIfEmpty(db, seeds)).toBeNull();
    expect(countSources(db)).toBe(0);
  });

  it('does not seed an archive that already has sources', () => {
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
    expect(seedIfEmpty(db, copyOfSeeds())).toBeNull();
    expect(countSources(db)).toBe(1);
  });

  it('tries again next time if the samples could not be read', () => {
    const { db } = tempArchive();
    const missing = join(tempDir(), 'no-seeds-here');
    const report = seedIfEmpty(db, missing);
    expect(report?.failed).toEqual([{ path: missing, error: 'no such file or folder' }]);
    expect(getSetting(db, 'seeded')).toBeNull();
    expect(seedIfEmpty(db, copyOfSeeds())?.imported).toHaveLength(5);
  });
});
