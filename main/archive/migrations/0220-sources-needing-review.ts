import type { Db } from '../database';

/**
 * The sources whose title, date or outlet rests on weak evidence or none (shared/source.ts,
 * needsReview), kept as a table of their ids so the Needs review list is a page and a count read
 * from an index, not a pass over every source with its provenance (3.66 s at 100,000 sources,
 * asked by the window at start: docs/startup.md).
 *
 * The rule is shared/source.ts's, over the stored rows as main/archive/provenance.ts reads them: a
 * field the analyst set ('user') is settled; otherwise an empty field (for the date: no day and no
 * year or month in reference_details) or one found by weak evidence needs review; a value with no
 * evidence row is 'legacy', medium. The kinds are written out, as a migration must create the same
 * schema forever; test/unit/archive/migration0220.test.ts checks the table against needsReview.
 *
 * Triggers keep it, as migration 200's keep revisions: every path that writes a source, its
 * evidence or its partial date (import, Edit details, a re-import with better evidence, a reference
 * manager, the local copy of a team source) goes through them, so none can forget the list. A
 * table beside sources rather than a column of it: updating a column of sources rewrites its row.
 */
const FIELD_EVIDENCE = (field: string) =>
  `(SELECT p.evidence FROM source_provenance p WHERE p.source_id = s.id AND p.field = '${field}')`;
const WEAK_KINDS = `('property-date', 'first-sentence', 'file-name', 'none')`;
const WEAK = (field: string, value: string) =>
  `CASE WHEN ${value} IS NULL THEN ${FIELD_EVIDENCE(field)} IS NOT 'user'
    ELSE coalesce(${FIELD_EVIDENCE(field)} IN ${WEAK_KINDS}, 0) END`;
const NEEDS_REVIEW = `(${WEAK('title', 's.title')}
  OR ${WEAK('outlet', 's.outlet')}
  OR ${WEAK('publishedAt', 'coalesce(s.published_at, (SELECT d.issued FROM reference_details d WHERE d.source_id = s.id))')})`;

/** Brings one source's row in the table up to date; `id` is the trigger's NEW.… or OLD.… column. */
const REFRESH = (id: string) => `
      DELETE FROM sources_needing_review WHERE source_id = ${id};
      INSERT INTO sources_needing_review (source_id) SELECT s.id FROM sources s WHERE s.id = ${id} AND ${NEEDS_REVIEW};`;

export function up(db: Db): void {
  db.exec(`
    CREATE TABLE sources_needing_review (
      source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE
    ) STRICT;
    INSERT INTO sources_needing_review (source_id) SELECT s.id FROM sources s WHERE ${NEEDS_REVIEW};

    CREATE TRIGGER needs_review_after_source_insert AFTER INSERT ON sources
    BEGIN ${REFRESH('new.id')}
    END;
    CREATE TRIGGER needs_review_after_source_update AFTER UPDATE OF title, outlet, published_at ON sources
    BEGIN ${REFRESH('new.id')}
    END;
    CREATE TRIGGER needs_review_after_evidence_insert AFTER INSERT ON source_provenance
    WHEN new.field IN ('title', 'outlet', 'publishedAt')
    BEGIN ${REFRESH('new.source_id')}
    END;
    CREATE TRIGGER needs_review_after_evidence_update AFTER UPDATE ON source_provenance
    BEGIN ${REFRESH('old.source_id')} ${REFRESH('new.source_id')}
    END;
    CREATE TRIGGER needs_review_after_evidence_delete AFTER DELETE ON source_provenance
    WHEN old.field IN ('title', 'outlet', 'publishedAt')
    BEGIN ${REFRESH('old.source_id')}
    END;
    CREATE TRIGGER needs_review_after_partial_date_insert AFTER INSERT ON reference_details
    BEGIN ${REFRESH('new.source_id')}
    END;
    CREATE TRIGGER needs_review_after_partial_date_update AFTER UPDATE OF source_id, issued ON reference_details
    BEGIN ${REFRESH('old.source_id')} ${REFRESH('new.source_id')}
    END;
    CREATE TRIGGER needs_review_after_partial_date_delete AFTER DELETE ON reference_details
    BEGIN ${REFRESH('old.source_id')}
    END;
  `);
}
