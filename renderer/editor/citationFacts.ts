import { gradeLabel } from '../../shared/citation';
import type { CitationFact } from '../../shared/contract';
import type { SourceDetail } from '../../shared/source';

// What the archive says of each cited source (page starts, grade), fetched once per session and
// again when grades are switched on: the same facts the export reads, so the editor's notes say
// "3" or "p. 3", and end in " [B2]", where the Word file does. A source saved in the reader
// replaces its facts at once (citedSourceChanged), and every mounted list redraws.
export const knownFacts = new Map<number, CitationFact | null>();
export const factListeners = new Set<() => void>();

/**
 * A source edited in the reader: its grade may have changed since the list read it. Its facts
 * are taken from what was saved (the same columns citationFacts reads), so the list, like the
 * export, shows the new grade without asking the archive again.
 */
export function citedSourceChanged(
  source: Pick<SourceDetail, 'id' | 'reliability' | 'credibility' | 'pageStarts' | 'issued'>,
) {
  if (!knownFacts.has(source.id)) return;
  const grade = gradeLabel(source.reliability, source.credibility);
  knownFacts.set(source.id, {
    sourceId: source.id,
    pageStarts: source.pageStarts,
    grade,
    issued: source.issued ?? null,
  });
  for (const listener of factListeners) listener();
}
