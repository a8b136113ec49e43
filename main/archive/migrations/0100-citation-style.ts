import type { Db } from '../database';

/**
 * The citation style of each brief: a built-in style's id ('chicago-fullnote-bibliography',
 * 'apa'), or the XML of a CSL style the analyst added, kept in the brief so that it formats the
 * same wherever the archive goes. Existing briefs get Chicago, the default. The id is written
 * out rather than taken from shared/csl/citationStyles.ts: a migration must create the same
 * schema forever. New briefs take the style last chosen (the settings key 'citationStyle').
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE briefs ADD COLUMN citation_style TEXT NOT NULL DEFAULT 'chicago-fullnote-bibliography'
      CHECK (length(citation_style) BETWEEN 1 AND 1000000);
  `);
}
