import { CLASSIFICATIONS, type Classification } from '../source';

/**
 * The classification roll-up: a brief must carry a marking that covers every source it cites.
 *
 * Canada's Policy on Government Security has two ladders, for two kinds of injury:
 *   Protected (injury outside the national interest):  PROTECTED A < PROTECTED B < PROTECTED C
 *   Classified (injury to the national interest):      CONFIDENTIAL < SECRET < TOP SECRET
 * UNCLASSIFIED is below both. Across the ladders we adopt (docs/integrity.md says why):
 *   - a classified marking covers the Protected information its safeguards already meet:
 *     CONFIDENTIAL covers PROTECTED A and B, SECRET covers PROTECTED C, TOP SECRET covers all;
 *   - a Protected marking never covers classified information, whatever its level: PROTECTED C
 *     does not cover CONFIDENTIAL (the national interest is a different injury).
 * So "covers" is a partial order; the roll-up of a set is the lowest marking, in the order of
 * CLASSIFICATIONS, that covers each of them ({PROTECTED C, CONFIDENTIAL} → SECRET).
 */

type Ladder = 'none' | 'protected' | 'classified';
const PLACE: Record<Classification, { ladder: Ladder; level: number }> = {
  UNCLASSIFIED: { ladder: 'none', level: 0 },
  'PROTECTED A': { ladder: 'protected', level: 1 },
  'PROTECTED B': { ladder: 'protected', level: 2 },
  'PROTECTED C': { ladder: 'protected', level: 3 },
  CONFIDENTIAL: { ladder: 'classified', level: 1 },
  SECRET: { ladder: 'classified', level: 2 },
  'TOP SECRET': { ladder: 'classified', level: 3 },
};

/** The highest Protected level each classified level's safeguards meet. */
const PROTECTED_COVERED_BY_CLASSIFIED: Record<number, number> = { 1: 2, 2: 3, 3: 3 };

/** Whether a brief marked `marking` may carry information marked `required`. */
export function covers(marking: Classification, required: Classification): boolean {
  const have = PLACE[marking];
  const need = PLACE[required];
  if (need.ladder === 'none') return true;
  if (have.ladder === need.ladder) return have.level >= need.level;
  if (have.ladder === 'classified' && need.ladder === 'protected') {
    return (PROTECTED_COVERED_BY_CLASSIFIED[have.level] ?? 0) >= need.level;
  }
  return false;
}

/** The lowest marking that covers every one given (UNCLASSIFIED for none). */
export function rollUp(markings: Iterable<Classification>): Classification {
  const all = [...new Set(markings)];
  return CLASSIFICATIONS.find((marking) => all.every((needed) => covers(marking, needed))) ?? 'TOP SECRET';
}

/**
 * The marking to raise a brief to: the lowest that covers both what it carries now and what its
 * sources require. Never lower than the brief's own (raising is all it does).
 */
export function raisedMarking(current: Classification, required: Classification): Classification {
  return rollUp([current, required]);
}

export interface MarkedSource {
  sourceId: number;
  title: string;
  classification: Classification;
}

export interface ClassificationBreach {
  /** The lowest marking that covers every cited source. */
  required: Classification;
  /** The cited sources the brief's marking does not cover, each once. */
  sources: MarkedSource[];
}

/** The breach of a brief marked `marking` citing `sources`, or null when its marking covers them all. */
export function classificationBreach(
  marking: Classification,
  sources: readonly MarkedSource[],
): ClassificationBreach | null {
  const seen = new Set<number>();
  const uncovered = sources.filter((source) => {
    if (seen.has(source.sourceId) || covers(marking, source.classification)) return false;
    seen.add(source.sourceId);
    return true;
  });
  if (uncovered.length === 0) return null;
  return { required: raisedMarking(marking, rollUp(uncovered.map((s) => s.classification))), sources: uncovered };
}

/** One line naming the sources and the marking they require, as export refuses and the check lists. */
export function describeBreach(marking: Classification, breach: ClassificationBreach): string {
  const named = breach.sources.map((s) => `#${s.sourceId} “${shorten(s.title)}” (${s.classification})`).join(', ');
  return `The brief is marked ${marking} but cites ${named}: it must be marked at least ${breach.required}.`;
}

const shorten = (title: string) => (title.length > 60 ? `${title.slice(0, 59)}…` : title);
