import type { SourceDetail } from '../../shared/source';
import { type Db, prepareCached } from '../archive/database';
import { recordProvenance } from '../archive/provenance';
import type { ReferenceExtras } from '../archive/sourceArchive';
import { contentHash, insertSource, updateSource } from '../archive/sources';
import { committed } from '../archive/writeErrors';
import { recordReferenceDetails } from '../interchange/referenceDetails';

/**
 * Briefs stay in the analyst's local archive. A team source a brief cites is copied into it (its
 * text, metadata, grade and marking) as an ordinary local source, once: the brief cites the
 * copy's id, so it opens, checks its quotations and exports with the team server out of reach.
 * The mapping (archive, team id) → local id is kept (migration 0200), so citing the same team
 * source again finds the same copy; the same text already in the local archive is that copy.
 */

/** The archive's identity without its password: user, host, port and database. */
export function archiveKey(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  parsed.search = '';
  return parsed.toString();
}

export function cachedCopyOf(db: Db, archiveUrl: string, teamId: number): number | null {
  const row = prepareCached(db, 'SELECT source_id FROM team_source_cache WHERE archive = ? AND team_id = ?').get(
    archiveKey(archiveUrl),
    teamId,
  ) as { source_id: number } | undefined;
  return row?.source_id ?? null;
}

/** The team id of a local copy, or null for a source that is not a copy from this archive. */
export function teamIdOf(db: Db, archiveUrl: string, localId: number): number | null {
  const row = prepareCached(db, 'SELECT team_id FROM team_source_cache WHERE archive = ? AND source_id = ?').get(
    archiveKey(archiveUrl),
    localId,
  ) as { team_id: number } | undefined;
  return row?.team_id ?? null;
}

/**
 * The local id of the cached copy of a team source, made now if there is none. Its year or month,
 * DOI and CSL type go with it (local reference_details), so the brief cites and exports it offline
 * as the team archive would.
 */
export function cacheTeamSource(
  db: Db,
  archiveUrl: string,
  source: SourceDetail,
  extras: ReferenceExtras = { doi: null, itemType: null },
): number {
  return committed(db, () => {
    const known = cachedCopyOf(db, archiveUrl, source.id);
    if (known !== null) return known;
    const outcome = insertSource(db, {
      title: source.title,
      outlet: source.outlet,
      author: source.author,
      publishedAt: source.publishedAt,
      url: source.url,
      language: source.language,
      body: source.body,
      original: source.body,
      fileName: null,
      format: source.format,
      pageStarts: source.pageStarts,
      ocrPages: source.ocrPages,
      contentHash: contentHash(source.body),
    });
    const localId = outcome.kind === 'inserted' ? outcome.id : outcome.duplicateOf;
    if (outcome.kind === 'inserted') {
      recordReferenceDetails(db, localId, { issued: source.issued ?? null, ...extras });
      recordProvenance(
        db,
        localId,
        Object.fromEntries(Object.entries(source.provenance).map(([field, evidence]) => [field, evidence.from])),
      );
      updateSource(db, localId, {
        reliability: source.reliability,
        credibility: source.credibility,
        classification: source.classification,
        ...(source.tags.length > 0 ? { tags: source.tags } : {}),
      });
    }
    prepareCached(db, 'INSERT INTO team_source_cache (archive, team_id, source_id, cached_at) VALUES (?, ?, ?, ?)').run(
      archiveKey(archiveUrl),
      source.id,
      localId,
      new Date().toISOString(),
    );
    return localId;
  });
}
