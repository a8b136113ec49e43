import { type FootnoteFacts, type FootnoteSource, footnoteFacts } from '../../shared/briefDocument';
import { gradeLabel } from '../../shared/citation';
import type { CitationFact } from '../../shared/contract';
import { type Db, prepareCached } from '../archive/database';

interface FactsRow {
  page_starts: string | null;
  reliability: string | null;
  credibility: number | null;
}

/**
 * What the archive currently says about each cited source: page starts (the citation's page) and
 * the Admiralty grade. Read here rather than from the node's snapshot because the analyst may
 * grade a source after quoting it. A source since deleted is left out: its notes have neither.
 */
export function readCitationFacts(db: Db, sourceIds: Iterable<number>): CitationFact[] {
  const query = prepareCached(db, 'SELECT page_starts, reliability, credibility FROM sources WHERE id = ?');
  const facts: CitationFact[] = [];
  for (const sourceId of new Set(sourceIds)) {
    const row = query.get(sourceId) as FactsRow | undefined;
    if (!row) continue;
    facts.push({
      sourceId,
      pageStarts: parsePageStarts(row.page_starts),
      grade: gradeLabel(row.reliability, row.credibility),
    });
  }
  return facts;
}

/** The facts numberFootnotes takes; grades only when the analyst asked for them. */
export function citationFacts(db: Db, nodes: readonly FootnoteSource[], withGrades: boolean): FootnoteFacts {
  return footnoteFacts(
    readCitationFacts(
      db,
      nodes.map((node) => node.sourceId),
    ),
    withGrades,
  );
}

function parsePageStarts(json: string | null): number[] | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) && value.every((n) => Number.isInteger(n)) ? (value as number[]) : null;
  } catch {
    return null;
  }
}
