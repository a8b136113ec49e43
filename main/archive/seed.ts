import type { ImportReport } from '../importers/importPaths';
import { type Db, withSynchronousNormal } from './database';
import { getSetting, setSetting } from './settings';
import { hasSources } from './sources';

const SEEDED_KEY = 'seeded';

/**
 * Gives a brand-new archive the sample articles. Recorded in settings so that an analyst who
 * later deletes every source does not get the samples back. Resolves to null when it did nothing.
 * Async because importing is (PDF and Word parsing are).
 */
export async function seedIfEmpty(db: Db, seedsDir: string): Promise<ImportReport | null> {
  if (getSetting(db, SEEDED_KEY) !== null || hasSources(db)) return null;
  // Loaded only on a first run: the importers are most of the app's code (docs/startup.md).
  const [{ importPaths }, { importBuffer }] = await Promise.all([
    import('../importers/importPaths'),
    import('../importers/importBuffer'),
  ]);
  // A few small text files: parsed in process, without starting the parse pool's threads.
  const report = await withSynchronousNormal(db, () =>
    importPaths(db, [seedsDir], undefined, (name, bytes) => importBuffer(db, name, bytes, { pool: false })),
  );
  // If the samples could not be read (a broken install), try again next time rather than
  // record a seeding that never happened.
  if (report.imported.length > 0) setSetting(db, SEEDED_KEY, new Date().toISOString());
  return report;
}
