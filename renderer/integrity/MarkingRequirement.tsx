import { useSyncExternalStore } from 'react';
import { raisedMarking } from '../../shared/integrity/classification';
import type { Classification } from '../../shared/source';
import { noteMarking } from './noteIntegrity';

/**
 * Beside the marking control: when the brief cites sources its marking does not cover, what they
 * require, which they are, and one button that raises the brief's marking to cover them. It
 * never changes a source's marking.
 */
export function MarkingRequirement({
  classification,
  onRaise,
}: {
  classification: Classification;
  onRaise: (marking: Classification) => void;
}) {
  const { uncovered, required } = useSyncExternalStore(noteMarking.subscribe, noteMarking.get);
  if (uncovered.length === 0) return null;
  const raised = raisedMarking(classification, required);
  const names = uncovered.map((s) => `#${s.sourceId} ${s.title} (${s.classification})`).join('; ');
  return (
    <span className="marking-required">
      <span role="status" title={names}>
        Requires {raised}: {uncovered.length} cited source{uncovered.length === 1 ? '' : 's'} marked higher
      </span>
      <button type="button" onClick={() => onRaise(raised)}>
        Raise marking to {raised}
      </button>
    </span>
  );
}
