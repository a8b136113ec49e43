import type { Db } from '../database';

/**
 * Records the make-up of the exact-ranking lists beside their basis (main/search/rankingIndexBuild.ts,
 * LISTS_SHAPE), so that lists made the older way are rebuilt by the archive itself: the existing
 * build path (refreshRankingIndexInSteps, after a search or an import) sees shape 1 and builds
 * them again, a chunk at a time. Shape 2 keeps, per word, the sources without it in the title
 * whose saturation is highest and the title hits above their threshold, whose bound is low
 * enough to prove common phrases' pages (docs/search.md). The older lists stay exact and in use
 * until the new ones are written; this migration only adds a column (no table is rewritten).
 */
export function up(db: Db): void {
  db.exec('ALTER TABLE search_impact_basis ADD COLUMN shape INTEGER NOT NULL DEFAULT 1 CHECK (shape >= 1)');
}
