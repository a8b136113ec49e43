import { useSyncExternalStore } from 'react';
import { useIntl } from 'react-intl';
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
  const intl = useIntl();
  const { uncovered, required } = useSyncExternalStore(noteMarking.subscribe, noteMarking.get);
  if (uncovered.length === 0) return null;
  const raised = raisedMarking(classification, required);
  const names = uncovered.map((s) => `#${s.sourceId} ${s.title} (${s.classification})`).join('; ');
  return (
    <span className="marking-required">
      <span role="status" title={names}>
        {intl.formatMessage({ id: 'integrity.marking.required' }, { marking: raised, count: uncovered.length })}
      </span>
      <button type="button" onClick={() => onRaise(raised)}>
        {intl.formatMessage({ id: 'integrity.marking.raise' }, { marking: raised })}
      </button>
    </span>
  );
}
