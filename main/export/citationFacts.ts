import type { FootnoteFacts, FootnoteSource } from '../../shared/briefDocument';
import { gradeLabel } from '../../shared/citation';
import { type Db, prepareCached } from '../archive/database';

interface FactsRow {
  page_starts: string | null;
  reliability: string | null;
  credibility: number | null;
}

/**
 * What the archive currently says about each cited source: page starts for "p. 3", and (when
 * asked) the Admiralty grade. The grade is read here rather than from the node's snapshot because
 * the analyst may grade a source after quoting it. A source since deleted just has neither.
 */
export function citationFacts(db: Db, nodes: readonly FootnoteSource[], withGrades: boolean): FootnoteFacts {
  const pageStarts = new Map<number, readonly number[] | null>();
  const grades = new Map<number, string>();
  const query = prepareCached(db, 'SELECT page_starts, reliability, credibility FROM sources WHERE id = ?');
  for (const id of new Set(nodes.map((node) => node.sourceId))) {
    const row = query.get(id) as FactsRow | undefined;
    if (!row) continue;
    pageStarts.set(id, parsePageStarts(row.page_starts));
    const grade = gradeLabel(row.reliability, row.credibility);
    if (withGrades && grade) grades.set(id, grade);
  }
  return withGrades ? { pageStarts, grades } : { pageStarts };
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
