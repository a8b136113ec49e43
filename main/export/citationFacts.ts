import {
  type FootnoteFacts,
  footnoteFacts,
  type SerializedBriefState,
  type SerializedNode,
} from '../../shared/briefDocument';
import { gradeLabel } from '../../shared/citation';
import { CITATION_NODE_TYPE } from '../../shared/citationNode';
import type { CitationFact } from '../../shared/contract';
import { EXCERPT_NODE_TYPE } from '../../shared/excerpt';
import { type Db, prepareCached } from '../archive/database';

interface FactsRow {
  page_starts: string | null;
  reliability: string | null;
  credibility: number | null;
  issued: string | null;
}

/**
 * What the archive currently says about each cited source: page starts (the citation's page),
 * the Admiralty grade, and the year or month of a source with no day. Read here rather than from the node's snapshot because the analyst may
 * grade a source after quoting it. A source since deleted is left out: its notes have neither.
 */
export function readCitationFacts(db: Db, sourceIds: Iterable<number>): CitationFact[] {
  const query = prepareCached(
    db,
    `SELECT page_starts, reliability, credibility,
       (SELECT d.issued FROM reference_details d WHERE d.source_id = s.id AND s.published_at IS NULL) AS issued
     FROM sources s WHERE s.id = ?`,
  );
  const facts: CitationFact[] = [];
  for (const sourceId of new Set(sourceIds)) {
    const row = query.get(sourceId) as FactsRow | undefined;
    if (!row) continue;
    facts.push({
      sourceId,
      pageStarts: parsePageStarts(row.page_starts),
      grade: gradeLabel(row.reliability, row.credibility),
      issued: row.issued,
    });
  }
  return facts;
}

/** The facts numberFootnotes takes for a brief's citations; grades only when the analyst asked for them. */
export function citationFacts(db: Db, content: SerializedBriefState, withGrades: boolean): FootnoteFacts {
  return footnoteFacts(readCitationFacts(db, citedSourceIds(content)), withGrades);
}

/**
 * The source ids excerpts and citations name, found without reading each node in full (that is
 * numberFootnotes' work): a facts lookup for an unreadable node's id is merely unused.
 */
function citedSourceIds(content: SerializedBriefState): Set<number> {
  const ids = new Set<number>();
  const visit = (node: SerializedNode): void => {
    if (node.type === EXCERPT_NODE_TYPE || node.type === CITATION_NODE_TYPE) {
      if (typeof node.sourceId === 'number') ids.add(node.sourceId);
      return;
    }
    if (!Array.isArray(node.children)) return;
    for (const child of node.children) if (typeof child === 'object' && child !== null) visit(child);
  };
  if (typeof content?.root === 'object' && content.root !== null) visit(content.root);
  return ids;
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
