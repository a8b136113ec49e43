import type { IntlShape } from 'react-intl';
import { gradeLabel } from '../../shared/citation';
import type { SourceDetail } from '../../shared/source';
import { markingLabel } from '../i18n/marking';

type Assessed = Pick<SourceDetail, 'reliability' | 'credibility' | 'classification'>;

/**
 * The reader's line on how far a source is trusted: its Admiralty grade as footnotes print it
 * (gradeLabel) and its marking. Half a grade is named as such, never printed as a code.
 */
export function sourceAssessment(intl: IntlShape, source: Assessed): string | null {
  const { reliability, credibility } = source;
  const grade = gradeLabel(reliability, credibility);
  const half = reliability
    ? intl.formatMessage({ id: 'reader.grade.incomplete.reliability' }, { value: reliability })
    : credibility
      ? intl.formatMessage({ id: 'reader.grade.incomplete.credibility' }, { value: credibility })
      : null;
  const parts = [
    grade ? intl.formatMessage({ id: 'reader.graded' }, { grade }) : half,
    source.classification !== 'UNCLASSIFIED' ? markingLabel(intl, source.classification) : null,
  ];
  return parts.filter(Boolean).join(' · ') || null;
}
