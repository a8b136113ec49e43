import { gradeLabel } from '../../shared/citation';
import type { SourceDetail } from '../../shared/source';

type Assessed = Pick<SourceDetail, 'reliability' | 'credibility' | 'classification'>;

/**
 * The reader's line on how far a source is trusted: its Admiralty grade as footnotes print it
 * (gradeLabel) and its marking. Half a grade is named as such, never printed as a code.
 */
export function sourceAssessment(source: Assessed): string | null {
  const { reliability, credibility } = source;
  const grade = gradeLabel(reliability, credibility);
  const half = reliability ? `reliability ${reliability}` : credibility ? `credibility ${credibility}` : null;
  const parts = [
    grade ? `Graded ${grade}` : half ? `Grade incomplete (${half})` : null,
    source.classification !== 'UNCLASSIFIED' ? source.classification : null,
  ];
  return parts.filter(Boolean).join(' · ') || null;
}
