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

/**
 * The rule for a source just inserted: nothing references it yet (its evidence and partial date
 * are written after it, and a deleted source takes its own with it), so every field with a value
 * is 'legacy' and only an empty one needs review. Read from the new row alone, this keeps the
 * insert path's cost to two seeks a source (a full refresh per row was ~30 µs of CPU a source).
 */
const NEW_SOURCE_NEEDS_REVIEW = 'new.title IS NULL OR new.outlet IS NULL OR new.published_at IS NULL';

/**
 * When evidence recorded for a field (new, or replacing what was there) may change whether its
 * source needs review. Medium or strong evidence other than the analyst's reads as no row at all
 * (a value with no row is 'legacy', medium): after it, the field needs review only when empty. So
 * if the source is not on the list and the field has a value, it stays off the list, whatever the
 * evidence replaced; only then is the refresh skipped. That is import's common case: three
 * findings a source, each a full refresh otherwise (~8 µs of CPU each).
 */
const EVIDENCE_MAY_CHANGE_IT = `(new.evidence IN ('user', 'property-date', 'first-sentence', 'file-name', 'none')
    OR EXISTS (SELECT 1 FROM sources_needing_review r WHERE r.source_id = new.source_id)
    OR EXISTS (SELECT 1 FROM sources s WHERE s.id = new.source_id AND CASE new.field
      WHEN 'title' THEN s.title WHEN 'outlet' THEN s.outlet
      ELSE coalesce(s.published_at, (SELECT d.issued FROM reference_details d WHERE d.source_id = s.id)) END IS NULL))`;

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
    BEGIN
      DELETE FROM sources_needing_review WHERE source_id = new.id;
      INSERT INTO sources_needing_review (source_id) SELECT new.id WHERE ${NEW_SOURCE_NEEDS_REVIEW};
    END;
    CREATE TRIGGER needs_review_after_source_update AFTER UPDATE OF title, outlet, published_at ON sources
    BEGIN ${REFRESH('new.id')}
    END;
    CREATE TRIGGER needs_review_after_evidence_insert AFTER INSERT ON source_provenance
    WHEN new.field IN ('title', 'outlet', 'publishedAt') AND ${EVIDENCE_MAY_CHANGE_IT}
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
